/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- the rig, not shipped: n8n's rules for node code do not apply */
/**
 * `npm run bench`: the SignalWire Conference node against the project's SignalWire-compatible
 * server, side by side with a plain fetch loop. Prints a table and writes bench/results/latest.json.
 *
 *   (a) Conference → Get Many, Return All, over 10,000 and 100,000 conferences: the node through
 *       n8n's WorkflowExecute versus a fetch loop following next_page_uri (PageSize=1000).
 *   (b) 1,000 Conference → Update with 50 ms server latency, Requests in Parallel 1, 5 and 10.
 *   (c) Cold load of the built node module in a fresh `node -e`.
 *
 *   (d)–(f) With `--tls` (BENCH_PARTS=tls) instead: Return All of 10,000 and 1,000 updates over HTTPS
 *       through a proxy adding a 40 ms round trip, the node beside keep-alive and Connection: close
 *       fetch loops, with the TCP connections and TLS handshakes each opened (tlsBench.ts).
 *
 * Every measured run is its own forked process (worker.ts); the server is another (serverProcess.ts),
 * the delay proxy a third (proxyProcess.ts). bench/README.md has the method and the results.
 *   (g)   download: Conference Recording → Download of a 50 MB recording beside a plain streaming
 *         fetch (bench/download.ts, also `npm run bench:download`; results in download.json).
 * Knobs: BENCH_PARTS=list,update,cold,download  BENCH_SIZES=10000,100000  BENCH_REPS=3  BENCH_PARALLEL=1,5,10  BENCH_UPDATES=1000  BENCH_COLD_RUNS=7
 *        BENCH_RTT_MS=40  BENCH_TLS_REPS=3  BENCH_TLS_SIZE=10000  BENCH_TLS_PARALLEL=1,5  BENCH_CONDITIONS="…"
 * (results written with other knobs than these defaults are not bench/README.md's figures).
 * A run rewrites only its own sections of latest.json: the loopback parts (a)–(c), or `tls`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

import { PAGE_SIZE } from './constants';
import { median } from './measure';
import { measuredRun, startServer } from './processes';
import type { MeasuredRun, ServerMode } from './processes';
import type { Table } from './table';
import { count, mb, ms, ratio, renderMarkdown, renderText } from './table';
import { attribution, benchTls, tlsTables } from './tlsBench';
import type { TlsResults } from './tlsBench';
import type { Scenario } from './worker';

const ROOT = resolve(__dirname, '..', '..');
const RESULTS = join(ROOT, 'bench', 'results', 'latest.json');
const NODE_MODULE = join(
	ROOT,
	'dist',
	'nodes',
	'SignalWireConference',
	'SignalWireConference.node.js',
);

const LATENCY_MS = 50;
/** Updates run before the measured 1,000, in the same worker with the same parallelism. */
const WARM_UP_UPDATES = 100;
/** How often memory is sampled: often for the short runs, less for the long ones (the sampler costs CPU). */
const SAMPLE_MS = { prerendered: 5, live: 20, update: 50 };
const LIST_RATIO_TARGET = 1.1;
const UPDATE_RATIO_TARGET = 1.2;

function numbers(name: string, fallback: number[]): number[] {
	const text = process.env[name];
	return text ? text.split(',').map(Number) : fallback;
}

const SIZES = numbers('BENCH_SIZES', [10_000, 100_000]);
const REPS = numbers('BENCH_REPS', [3])[0];
const PARALLEL = numbers('BENCH_PARALLEL', [1, 5, 10]);
const UPDATES = numbers('BENCH_UPDATES', [1000])[0];
const COLD_RUNS = numbers('BENCH_COLD_RUNS', [7])[0];
/** `npm run bench -- --tls` is BENCH_PARTS=tls. */
const PARTS = process.argv.includes('--tls')
	? ['tls']
	: (process.env.BENCH_PARTS ?? 'list,update,cold,download').split(',');
const RTT_MS = numbers('BENCH_RTT_MS', [40])[0];
const TLS_REPS = numbers('BENCH_TLS_REPS', [3])[0];
const TLS_CONFERENCES = numbers('BENCH_TLS_SIZE', [10_000])[0];
const TLS_PARALLEL = numbers('BENCH_TLS_PARALLEL', [1, 5]);

function log(message: string) {
	process.stderr.write(`${message}\n`);
}

interface ClientSummary {
	runs: number;
	requests: number;
	wallMs: number;
	cpuMs: number;
	serverCpuMs: number;
	peakRssDeltaBytes: number;
	peakHeapDeltaBytes: number;
	retainedHeapBytes: number;
	outputItems: number;
	sidsDigest: string;
	allWallMs: number[];
}

function summarize(runs: MeasuredRun[]): ClientSummary {
	const requests = new Set(runs.map((run) => run.server.requests));
	const digests = new Set(runs.map((run) => run.sidsDigest));
	if (requests.size !== 1 || digests.size !== 1)
		throw new Error('runs of the same client disagree');
	return {
		runs: runs.length,
		requests: runs[0].server.requests,
		wallMs: median(runs.map((run) => run.wallMs)),
		cpuMs: median(runs.map((run) => run.cpuMs)),
		serverCpuMs: median(runs.map((run) => run.server.cpuMs)),
		peakRssDeltaBytes: median(runs.map((run) => run.memory.peakRssDelta)),
		peakHeapDeltaBytes: median(runs.map((run) => run.memory.peakHeapDelta)),
		retainedHeapBytes: median(runs.map((run) => run.memory.retainedHeapDelta)),
		outputItems: runs[0].outputItems,
		sidsDigest: runs[0].sidsDigest,
		allWallMs: runs.map((run) => Math.round(run.wallMs * 10) / 10),
	};
}

const SERVER_MODES: ServerMode[] = (process.env.BENCH_SERVER_MODES?.split(',') as
	| ServerMode[]
	| undefined) ?? ['live', 'prerendered'];

/** Live 100,000-conference runs take ~30 s each (the server's cost), so they get fewer repetitions. */
function repetitions(mode: ServerMode, size: number): number {
	if (process.env.BENCH_REPS) return REPS;
	return mode === 'live' && size >= 100_000 ? 3 : 5;
}

async function benchList() {
	const server = await startServer();
	const results = [];
	try {
		for (const size of SIZES) {
			log(`(a) seeding ${count(size)} conferences`);
			await server.rpc.call('seed', { count: size });
			const pages = await server.rpc.call<number>('prerender');
			log(`(a) pre-rendered ${pages} pages (for warm-ups and the prerendered rows)`);
			for (const mode of SERVER_MODES) {
				const reps = repetitions(mode, size);
				const runs: Record<'node' | 'raw', MeasuredRun[]> = { node: [], raw: [] };
				for (let rep = 0; rep < reps; rep++) {
					// Alternate who goes first, so that neither always meets a warmer (or busier) machine.
					const order: Array<'node' | 'raw'> = rep % 2 === 0 ? ['node', 'raw'] : ['raw', 'node'];
					for (const client of order) {
						const run = await measuredRun(
							server,
							{ kind: 'list', client, origin: server.origin, sampleIntervalMs: SAMPLE_MS[mode] },
							{ mode },
						);
						log(
							`(a) N=${count(size)} ${mode} ${client} run ${rep + 1}: ${ms(run.wallMs)} ms wall, ${ms(run.cpuMs)} ms CPU, ${run.server.requests} requests`,
						);
						runs[client].push(run);
					}
				}
				const node = summarize(runs.node);
				const raw = summarize(runs.raw);
				if (
					node.outputItems !== size ||
					raw.outputItems !== size ||
					node.sidsDigest !== raw.sidsDigest
				) {
					throw new Error(
						`N=${size}: node gave ${node.outputItems} items, raw ${raw.outputItems}, same order: ${node.sidsDigest === raw.sidsDigest}`,
					);
				}
				const pageSizes = [...new Set(runs.node.flatMap((run) => run.server.pageSizes))];
				const expectedRequests = Math.ceil(size / PAGE_SIZE);
				results.push({
					conferences: size,
					server: mode,
					repetitions: reps,
					expectedRequests,
					nodePageSizes: pageSizes,
					node,
					raw,
					wallRatio: node.wallMs / raw.wallMs,
					cpuRatio: node.cpuMs / raw.cpuMs,
					nodeOverheadPerItemWallUs: ((node.wallMs - raw.wallMs) * 1000) / size,
					nodeOverheadPerItemCpuUs: ((node.cpuMs - raw.cpuMs) * 1000) / size,
					retainedBytesPerItem: {
						node: node.retainedHeapBytes / size,
						raw: raw.retainedHeapBytes / size,
					},
					targets: {
						requestsExact:
							node.requests === expectedRequests && pageSizes.join() === String(PAGE_SIZE),
						wallWithin1_1: node.wallMs / raw.wallMs <= LIST_RATIO_TARGET,
					},
				});
			}
		}
	} finally {
		await server.stop();
	}
	return results;
}

async function benchUpdate() {
	const server = await startServer(LATENCY_MS);
	const results = [];
	try {
		for (const parallel of PARALLEL) {
			for (const client of ['node', 'raw'] as const) {
				// Fresh conferences per run; the warm-up updates WARM_UP_UPDATES others first.
				const sids = await server.rpc.call<string[]>('seed', { count: UPDATES + WARM_UP_UPDATES });
				const scenario: Scenario = {
					kind: 'update',
					client,
					origin: server.origin,
					sids: sids.slice(0, UPDATES),
					warmUpSids: sids.slice(UPDATES),
					parallel,
					sampleIntervalMs: SAMPLE_MS.update,
				};
				const run = await measuredRun(server, scenario);
				if (run.outputItems !== UPDATES)
					throw new Error(`${client} parallel ${parallel}: ${run.outputItems} outputs`);
				const idealMs = (UPDATES * LATENCY_MS) / parallel;
				log(`(b) ${client} parallel ${parallel}: ${ms(run.wallMs)} ms (ideal ${ms(idealMs)})`);
				results.push({
					client,
					parallel,
					updates: UPDATES,
					requests: run.server.requests,
					maxInFlight: run.server.maxInFlight,
					wallMs: run.wallMs,
					cpuMs: run.cpuMs,
					idealMs,
					ratio: run.wallMs / idealMs,
					target: client === 'node' ? run.wallMs / idealMs <= UPDATE_RATIO_TARGET : undefined,
				});
			}
		}
	} finally {
		await server.stop();
	}
	return results;
}

/** Milliseconds from before `require` to after `new SignalWireConference()`, in a fresh `node -e`. */
function benchColdLoad() {
	const timed = (preload: boolean) => `
		const hr = () => Number(process.hrtime.bigint()) / 1e6;
		let t = hr(); ${preload ? "require('n8n-workflow');" : ''} const pre = hr() - t;
		t = hr(); const m = require(${JSON.stringify(NODE_MODULE)}); const req = hr() - t;
		t = hr(); const node = new m.SignalWireConference(); const ctor = hr() - t;
		if (!node.description || !node.description.properties.length) throw new Error('no description');
		process.stdout.write(JSON.stringify({ pre, req, ctor }));`;
	const sample = (preload: boolean) => {
		const runs = [];
		for (let index = 0; index < COLD_RUNS; index++) {
			const started = process.hrtime.bigint();
			const child = spawnSync(process.execPath, ['-e', timed(preload)], {
				cwd: ROOT,
				encoding: 'utf8',
			});
			const processMs = Number(process.hrtime.bigint() - started) / 1e6;
			if (child.status !== 0) throw new Error(`node -e failed: ${child.stderr}`);
			const { pre, req, ctor } = JSON.parse(child.stdout) as {
				pre: number;
				req: number;
				ctor: number;
			};
			runs.push({ preloadMs: pre, requireMs: req, constructMs: ctor, processMs });
		}
		return {
			runs: runs.length,
			preloadMs: median(runs.map((run) => run.preloadMs)),
			requireMs: median(runs.map((run) => run.requireMs)),
			constructMs: median(runs.map((run) => run.constructMs)),
			requirePlusConstructMs: median(runs.map((run) => run.requireMs + run.constructMs)),
			processMs: median(runs.map((run) => run.processMs)),
		};
	};
	const bare = spawnSync(process.execPath, ['-e', ''], { encoding: 'utf8' });
	if (bare.status !== 0) throw new Error('node -e "" failed');
	const emptyProcess = median(
		Array.from({ length: COLD_RUNS }, () => {
			const started = process.hrtime.bigint();
			spawnSync(process.execPath, ['-e', '']);
			return Number(process.hrtime.bigint() - started) / 1e6;
		}),
	);
	log('(c) cold load');
	return {
		module: 'dist/nodes/SignalWireConference/SignalWireConference.node.js',
		cold: sample(false),
		withN8nWorkflowLoaded: sample(true),
		emptyNodeProcessMs: emptyProcess,
	};
}

function machine() {
	const cores = cpus();
	return {
		cpuModel: cores[0]?.model ?? 'unknown',
		cores: cores.length,
		node: process.version,
		platform: `${process.platform} ${process.arch}`,
		memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
	};
}

type Results = {
	list: Awaited<ReturnType<typeof benchList>>;
	update: Awaited<ReturnType<typeof benchUpdate>>;
	coldLoad: ReturnType<typeof benchColdLoad> | undefined;
};

function tables(results: Results): Table[] {
	const yes = (met: boolean | undefined) => (met ? 'met' : 'MISSED');
	const list: Table = {
		title: '(a) Conference → Get Many, Return All (medians; every run in a fresh process)',
		headers: [
			'N',
			'server',
			'runs',
			'client',
			'requests',
			'wall ms',
			'client CPU ms',
			'server CPU ms',
			'peak heap Δ MB',
			'peak RSS Δ MB',
			'retained MB',
			'B/item',
			'node/raw wall',
			'target',
		],
		rows: results.list.flatMap((entry) => [
			...(['node', 'raw'] as const).map((client) => {
				const summary = entry[client];
				return [
					count(entry.conferences),
					entry.server,
					String(entry.repetitions),
					client,
					`${summary.requests}${client === 'node' ? ` (${yes(entry.targets.requestsExact)}: ${entry.expectedRequests})` : ''}`,
					ms(summary.wallMs),
					ms(summary.cpuMs),
					ms(summary.serverCpuMs),
					mb(summary.peakHeapDeltaBytes),
					mb(summary.peakRssDeltaBytes),
					mb(summary.retainedHeapBytes),
					(summary.retainedHeapBytes / entry.conferences).toFixed(0),
					client === 'node' ? ratio(entry.wallRatio) : '',
					client === 'node' ? `≤ 1.1×: ${yes(entry.targets.wallWithin1_1)}` : '',
				];
			}),
		]),
		notes: [
			"server: live = the store answers every page (it filters and sorts all N conferences on every request); prerendered = the same pages computed once and answered from memory, so wall time is the client's.",
			`client CPU = process.cpuUsage() of the client process; peak Δ = highest process.memoryUsage() sample (every ${SAMPLE_MS.live} ms live, ${SAMPLE_MS.prerendered} ms prerendered) minus the value after a forced GC before the run; retained = heap after a forced GC with the output still referenced.`,
			...results.list.map(
				(entry) =>
					`N=${count(entry.conferences)}, ${entry.server}: node overhead per item ${entry.nodeOverheadPerItemWallUs.toFixed(2)} µs wall, ${entry.nodeOverheadPerItemCpuUs.toFixed(2)} µs client CPU (CPU ratio ${ratio(entry.cpuRatio)}); same ${count(entry.node.outputItems)} sids in the same order.`,
			),
		],
	};
	const update: Table = {
		title: `(b) ${count(UPDATES)} × Conference → Update (announceUrl), server latency ${LATENCY_MS} ms (one run each, fresh process)`,
		headers: [
			'parallel',
			'client',
			'requests',
			'max in flight',
			'wall ms',
			'client CPU ms',
			'ideal ms',
			'wall/ideal',
			'target',
		],
		rows: results.update.map((entry) => [
			String(entry.parallel),
			entry.client,
			String(entry.requests),
			String(entry.maxInFlight),
			ms(entry.wallMs),
			ms(entry.cpuMs),
			ms(entry.idealMs),
			ratio(entry.ratio),
			entry.client === 'node' ? `≤ 1.2×: ${yes(entry.target)}` : '(reference)',
		]),
		notes: [
			`ideal = updates × latency / parallel; each run follows a warm-up of ${WARM_UP_UPDATES} updates in the same process.`,
		],
	};
	const cold = results.coldLoad;
	if (cold === undefined) return [list, update];
	const coldLoad: Table = {
		title: `(c) Cold load of ${cold.module} (median of ${cold.cold.runs} fresh \`node -e\`)`,
		headers: [
			'case',
			'require ms',
			'new SignalWireConference() ms',
			'require + construct ms',
			'whole process ms',
		],
		rows: [
			[
				'cold (n8n-workflow loaded by the node)',
				ms(cold.cold.requireMs),
				ms(cold.cold.constructMs),
				ms(cold.cold.requirePlusConstructMs),
				ms(cold.cold.processMs),
			],
			[
				`n8n-workflow preloaded (${ms(cold.withN8nWorkflowLoaded.preloadMs)} ms), as in n8n`,
				ms(cold.withN8nWorkflowLoaded.requireMs),
				ms(cold.withN8nWorkflowLoaded.constructMs),
				ms(cold.withN8nWorkflowLoaded.requirePlusConstructMs),
				ms(cold.withN8nWorkflowLoaded.processMs),
			],
			['empty `node -e ""`', '', '', '', ms(cold.emptyNodeProcessMs)],
		],
	};
	return [list, update, coldLoad];
}

/** The loopback figures (a)–(c) as one section, the way every run of those parts writes them. */
function loopbackSection(results: Results, started: Date, host: ReturnType<typeof machine>) {
	return {
		date: started.toISOString(),
		command: 'npm run bench',
		machine: host,
		method: {
			list: `Each measured run is a fresh forked node process (--expose-gc) with n8n-core loaded (for both clients) and one full warm-up run over the pre-rendered pages; the server runs in its own process. Live = the store answers every page as in the tests; prerendered = the same envelopes computed once and answered through the server's interceptor hook (isolates client cost). Wall time from hrtime around the run; client CPU = process.cpuUsage() delta (includes the sampler's own wake-ups); memory: process.memoryUsage() sampled during the run (every ${SAMPLE_MS.prerendered} ms against pre-rendered pages, ${SAMPLE_MS.live} ms against the live store, ${SAMPLE_MS.update} ms for updates), peak minus the value after a forced GC just before the run; retained = heapUsed after a forced GC with the output still referenced. The node run is n8n-core WorkflowExecute via test/harness/engine.ts; the raw run is a fetch loop following next_page_uri with PageSize=1000.`,
			update: `One measured run per row in a fresh process after ${WARM_UP_UPDATES} warm-up updates; node = Conference Update through WorkflowExecute with conferenceId ={{ $json.sid }}, raw = fetch POSTs with the same form and the same parallelism; server adds ${LATENCY_MS} ms to every answer; ideal = updates × latency / parallel.`,
			coldLoad:
				'spawnSync(node -e) per sample; times taken with hrtime inside the child around require() and the constructor.',
		},
		...results,
		markdown: tables(results).map(renderMarkdown).join('\n\n'),
	};
}

function tlsSection(results: TlsResults, started: Date, host: ReturnType<typeof machine>) {
	return {
		date: started.toISOString(),
		command: 'npm run bench -- --tls',
		machine: host,
		method: TLS_METHOD,
		...conditions(),
		...results,
		attribution: attribution(results),
		markdown: tlsTables(results).map(renderMarkdown).join('\n\n'),
	};
}

const TLS_METHOD =
	'The sandbox behind a TLS server (throwaway self-signed certificate made by openssl, trusted by the client processes through NODE_EXTRA_CA_CERTS) and, in front of it, a TCP proxy on 127.0.0.1 that delays every chunk by RTT / 2 in each direction and holds a new connection’s first client bytes for one more RTT (the TCP handshake). Each measured run is a fresh forked process with a warm-up, after which the proxy closes every open connection and zeroes its counts, so every client starts cold. The proxy counts TCP connections and TLS ClientHellos; the TLS server counts handshakes and resumptions; the server records the Connection header. node = n8n-core WorkflowExecute with n8n’s httpRequestWithAuthentication (a new agent per request, Connection: close); https keep-alive = a loop over Node’s https with one keep-alive agent per run; https new agent per request = the same loop with a new agent (keep-alive off) for every request, as n8n’s helper does. Repetitions rotate the clients’ order; figures are medians of the repetitions.';

/** What the machine was doing besides, when told (BENCH_CONDITIONS="shared with …"). */
function conditions(): { conditions?: string } {
	const text = process.env.BENCH_CONDITIONS;
	return text === undefined || text === '' ? {} : { conditions: text };
}

/** Sections of the results file that this run did not measure are kept as they were. */
function previousResults(): Record<string, unknown> {
	if (!existsSync(RESULTS)) return {};
	return JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>;
}

async function main() {
	const started = new Date();
	const host = machine();
	log(`machine: ${host.cpuModel}, ${host.cores} cores, node ${host.node}`);
	const loopbackParts = PARTS.some((part) => ['list', 'update', 'cold'].includes(part));
	const results: Results = {
		list: PARTS.includes('list') ? await benchList() : [],
		update: PARTS.includes('update') ? await benchUpdate() : [],
		coldLoad: PARTS.includes('cold') ? benchColdLoad() : undefined,
	};
	const tls = PARTS.includes('tls')
		? await benchTls({
				rttMs: RTT_MS,
				reps: TLS_REPS,
				conferences: TLS_CONFERENCES,
				updates: UPDATES,
				parallel: TLS_PARALLEL,
				log,
			})
		: undefined;
	// The download row runs in its own script (its own server and child processes).
	if (PARTS.includes('download')) {
		const download = spawnSync(process.execPath, ['--expose-gc', join(__dirname, 'download.js')], {
			stdio: 'inherit',
		});
		if (download.status !== 0) throw new Error('the download benchmark failed');
	}
	const rendered = [
		...(loopbackParts ? tables(results) : []),
		...(tls === undefined ? [] : tlsTables(tls)),
	];
	const header = `SignalWire Conference node benchmark — ${host.cpuModel}, ${host.cores} cores, ${host.memoryGiB} GiB, node ${host.node}, ${host.platform}`;
	process.stdout.write(`\n${header}\n\n${rendered.map(renderText).join('\n\n')}\n`);
	const previous = previousResults();
	const written = {
		...(loopbackParts ? loopbackSection(results, started, host) : previous),
		tls: tls === undefined ? previous.tls : tlsSection(tls, started, host),
	};
	mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
	writeFileSync(RESULTS, `${JSON.stringify(written, null, '\t')}\n`);
	log(`wrote ${RESULTS}`);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
