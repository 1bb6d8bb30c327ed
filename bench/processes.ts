/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- the rig, not shipped: n8n's rules for node code do not apply */
/**
 * The bench's processes: the server, the delay proxy and one fresh worker per measured run, each
 * forked from bench.ts and driven over IPC (rpc.ts).
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';

import type { ProxyStats } from './delayProxy';
import { RpcClient } from './rpc';
import type { ServerStats } from './serverProcess';
import type { RunResult, Scenario } from './worker';

/** `env` is added to this process's environment (NODE_EXTRA_CA_CERTS, read at process start). */
export function forkChild(script: string, env?: Record<string, string>) {
	const child = fork(join(__dirname, script), [], {
		execArgv: ['--expose-gc'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		env: env === undefined ? process.env : { ...process.env, ...env },
	});
	const rpc = new RpcClient(child);
	const stop = async () => {
		await rpc.call('stop');
		await new Promise((done) => (child.exitCode === null ? child.once('exit', done) : done(null)));
	};
	return { child, rpc, stop };
}

export async function startServer(latencyMs?: number) {
	const { rpc, stop } = forkChild('serverProcess.js');
	const origin = await rpc.call<string>('start', { latencyMs });
	return { origin, rpc, stop };
}

export type Server = Awaited<ReturnType<typeof startServer>>;

/** The delay proxy in front of 127.0.0.1:`targetPort`; `port` is where clients connect. */
export async function startProxy(targetPort: number, rttMs: number) {
	const { rpc, stop } = forkChild('proxyProcess.js');
	const port = await rpc.call<number>('start', { targetPort, rttMs });
	return { port, rpc, stop };
}

export type Proxy = Awaited<ReturnType<typeof startProxy>>;

export type ServerMode = 'live' | 'prerendered';

export interface MeasuredRun extends RunResult {
	server: ServerStats;
	proxy?: ProxyStats;
}

export interface RunSetting {
	/** How the server answers list pages during the measured run (warm-ups always get pre-rendered ones). */
	mode?: ServerMode;
	/** When the run goes through the delay proxy: its connections are closed before the run and counted during it. */
	proxy?: Proxy;
	/** Added to the worker's environment. */
	env?: Record<string, string>;
}

/** Long enough for clients to see the proxy's closed connections before the measured run. */
const SETTLE_MS = 200;

/**
 * A fresh worker: warm up (list warm-ups read the pre-rendered pages), then, with the server
 * answering as `mode` says, its request log emptied (and the proxy's connections closed), the
 * measured run.
 */
export async function measuredRun(
	server: Server,
	scenario: Scenario,
	setting: RunSetting = {},
): Promise<MeasuredRun> {
	const { mode, proxy, env } = setting;
	const { child, rpc } = forkChild('worker.js', env);
	try {
		if (mode !== undefined) await server.rpc.call('serve', { prerendered: true });
		await rpc.call('warmUp', scenario);
		if (mode !== undefined) await server.rpc.call('serve', { prerendered: mode === 'prerendered' });
		if (proxy !== undefined) {
			await proxy.rpc.call('reset');
			await new Promise((done) => setTimeout(done, SETTLE_MS));
		}
		await server.rpc.call('reset');
		const result = await rpc.call<RunResult>('run');
		const stats = await server.rpc.call<ServerStats>('stats');
		const proxyStats = proxy === undefined ? undefined : await proxy.rpc.call<ProxyStats>('stats');
		return { ...result, server: stats, proxy: proxyStats };
	} finally {
		await rpc.call('exit').catch(() => undefined);
		if (child.exitCode === null) await new Promise((done) => child.once('exit', done));
	}
}
