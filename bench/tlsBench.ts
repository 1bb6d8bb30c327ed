/**
 * `npm run bench -- --tls` (or BENCH_PARTS=tls): the same work over HTTPS and a simulated network.
 * The sandbox is served over TLS with a throwaway certificate (certificate.ts, tlsTerminator.ts)
 * behind a proxy that adds a round-trip time (delayProxy.ts), and three clients run the same
 * Return All and the same updates through it:
 *   node        the node through n8n-core's engine and n8n's httpRequestWithAuthentication,
 *               which opens a new connection (new agent, `Connection: close`) for every request;
 *   keep-alive  a loop over Node's https with one keep-alive agent: connections reused;
 *   close       the same loop with a new agent per request, as n8n's helper sends (httpsClient.ts).
 * close − keep-alive is what a new connection per request costs; node − close is what the node's
 * code and n8n's engine and helper add on top. The proxy counts TCP connections and TLS handshakes.
 */
import { makeCertificate } from './certificate';
import type { ProxyStats } from './delayProxy';
import { median } from './measure';
import { measuredRun, startProxy, startServer } from './processes';
import type { MeasuredRun, Proxy, Server } from './processes';
import type { HttpsConnection } from './httpsClient';
import type { Table } from './table';
import { count, ms, ratio } from './table';
import type { Scenario } from './worker';

export interface TlsKnobs {
	rttMs: number;
	reps: number;
	conferences: number;
	updates: number;
	parallel: number[];
	log: (message: string) => void;
}

type ClientName = 'node' | 'keep-alive' | 'close';

const CLIENTS: ClientName[] = ['node', 'keep-alive', 'close'];

const LABEL: Record<ClientName, string> = {
	node: 'node (n8n helper)',
	'keep-alive': 'https, keep-alive agent',
	close: 'https, new agent per request',
};

/** Few, because each costs 3 round trips per update for the node. */
const WARM_UP_UPDATES = 20;
const SAMPLE_MS = 50;

function clientScenario(client: ClientName): {
	client: 'node' | 'raw';
	rawTransport?: HttpsConnection;
} {
	if (client === 'node') return { client: 'node' };
	return { client: 'raw', rawTransport: client === 'close' ? 'new-per-request' : 'keep-alive' };
}

/** The same client's runs must agree on what went over the wire; the median of each figure is kept. */
export interface TlsRow {
	client: ClientName;
	label: string;
	parallel: number;
	runs: number;
	requests: number;
	tcpConnections: number;
	tlsHandshakes: number;
	serverHandshakes: number;
	resumedHandshakes: number;
	protocols: string[];
	connectionHeaders: string[];
	wallMs: number;
	allWallMs: number[];
	cpuMs: number;
	/** RTT × (round trips each connection's set-up takes × connections + requests) / parallel. */
	networkFloorMs: number;
	bytesToClient: number;
	meanProxyLatenessMs: number;
}

function summarize(client: ClientName, parallel: number, runs: MeasuredRun[]): TlsRow {
	const proxies = runs.map((run) => run.proxy as ProxyStats);
	const pick = (values: number[]) => median(values);
	const protocols = [...new Set(runs.flatMap((run) => run.server.tls?.protocols ?? []))];
	const tcpConnections = pick(proxies.map((proxy) => proxy.tcpConnections));
	const requests = pick(runs.map((run) => run.server.requests));
	// TCP takes one round trip before the client may send; TLS 1.3 one more, TLS 1.2 two.
	const setUpRoundTrips = protocols.every((protocol) => protocol === 'TLSv1.3') ? 2 : 3;
	const rttMs = proxies[0].rttMs;
	return {
		client,
		label: LABEL[client],
		parallel,
		runs: runs.length,
		requests,
		tcpConnections,
		tlsHandshakes: pick(proxies.map((proxy) => proxy.tlsHandshakes)),
		serverHandshakes: pick(runs.map((run) => run.server.tls?.handshakes ?? 0)),
		resumedHandshakes: pick(runs.map((run) => run.server.tls?.resumed ?? 0)),
		protocols,
		connectionHeaders: [...new Set(runs.flatMap((run) => run.server.connectionHeaders))],
		wallMs: pick(runs.map((run) => run.wallMs)),
		allWallMs: runs.map((run) => Math.round(run.wallMs)),
		cpuMs: pick(runs.map((run) => run.cpuMs)),
		networkFloorMs: (rttMs * (setUpRoundTrips * tcpConnections + requests)) / parallel,
		bytesToClient: pick(proxies.map((proxy) => proxy.bytesToClient)),
		meanProxyLatenessMs: pick(proxies.map((proxy) => proxy.meanLatenessMs)),
	};
}

/** Each repetition runs every client once, in a rotated order, so that none always goes first. */
function rotated(rep: number): ClientName[] {
	const shift = rep % CLIENTS.length;
	return [...CLIENTS.slice(shift), ...CLIENTS.slice(0, shift)];
}

async function listRows(
	server: Server,
	proxy: Proxy,
	origin: string,
	env: Record<string, string>,
	knobs: TlsKnobs,
): Promise<TlsRow[]> {
	knobs.log(`(tls) seeding ${count(knobs.conferences)} conferences`);
	await server.rpc.call('seed', { count: knobs.conferences });
	await server.rpc.call('prerender');
	const runs: Record<ClientName, MeasuredRun[]> = { node: [], 'keep-alive': [], close: [] };
	for (let rep = 0; rep < knobs.reps; rep++) {
		for (const client of rotated(rep)) {
			const scenario: Scenario = {
				kind: 'list',
				origin,
				sampleIntervalMs: SAMPLE_MS,
				...clientScenario(client),
			};
			const run = await measuredRun(server, scenario, { mode: 'prerendered', proxy, env });
			knobs.log(
				`(tls) Return All ${count(knobs.conferences)} ${client} run ${rep + 1}: ${ms(run.wallMs)} ms, ${run.server.requests} requests, ${run.proxy?.tcpConnections} connections, ${run.proxy?.tlsHandshakes} TLS handshakes`,
			);
			if (run.outputItems !== knobs.conferences)
				throw new Error(`${client} returned ${run.outputItems} conferences`);
			runs[client].push(run);
		}
	}
	const digests = new Set(CLIENTS.flatMap((client) => runs[client].map((run) => run.sidsDigest)));
	if (digests.size !== 1) throw new Error('the clients listed different conferences');
	return CLIENTS.map((client) => summarize(client, 1, runs[client]));
}

async function updateRows(
	server: Server,
	proxy: Proxy,
	origin: string,
	env: Record<string, string>,
	knobs: TlsKnobs,
): Promise<TlsRow[]> {
	const rows: TlsRow[] = [];
	for (const parallel of knobs.parallel) {
		const runs: Record<ClientName, MeasuredRun[]> = { node: [], 'keep-alive': [], close: [] };
		for (let rep = 0; rep < knobs.reps; rep++) {
			for (const client of rotated(rep)) {
				// Fresh conferences per run; the warm-up updates others first.
				const sids = await server.rpc.call<string[]>('seed', {
					count: knobs.updates + WARM_UP_UPDATES,
				});
				const scenario: Scenario = {
					kind: 'update',
					origin,
					sids: sids.slice(0, knobs.updates),
					warmUpSids: sids.slice(knobs.updates),
					parallel,
					sampleIntervalMs: SAMPLE_MS,
					...clientScenario(client),
				};
				const run = await measuredRun(server, scenario, { proxy, env });
				knobs.log(
					`(tls) ${count(knobs.updates)} updates, parallel ${parallel}, ${client} run ${rep + 1}: ${ms(run.wallMs)} ms, ${run.proxy?.tcpConnections} connections, ${run.proxy?.tlsHandshakes} TLS handshakes`,
				);
				if (run.outputItems !== knobs.updates || run.server.requests !== knobs.updates)
					throw new Error(`${client}: ${run.outputItems} outputs, ${run.server.requests} requests`);
				runs[client].push(run);
			}
		}
		rows.push(...CLIENTS.map((client) => summarize(client, parallel, runs[client])));
	}
	return rows;
}

export async function benchTls(knobs: TlsKnobs) {
	const certificate = makeCertificate();
	const server = await startServer();
	try {
		const tlsPort = await server.rpc.call<number>('startTls', {
			certPath: certificate.certPath,
			keyPath: certificate.keyPath,
		});
		const proxy = await startProxy(tlsPort, knobs.rttMs);
		try {
			const origin = `https://127.0.0.1:${proxy.port}`;
			const env = { NODE_EXTRA_CA_CERTS: certificate.certPath };
			return {
				rttMs: knobs.rttMs,
				certificate: certificate.description,
				conferences: knobs.conferences,
				updates: knobs.updates,
				repetitions: knobs.reps,
				list: await listRows(server, proxy, origin, env, knobs),
				update: await updateRows(server, proxy, origin, env, knobs),
			};
		} finally {
			await proxy.stop();
		}
	} finally {
		await server.stop();
		certificate.remove();
	}
}

export type TlsResults = Awaited<ReturnType<typeof benchTls>>;

/** close − keep-alive and node − close, per scenario: where the node's extra time goes. */
export function attribution(results: TlsResults) {
	const scenarios = [
		{ name: `Return All ${count(results.conferences)}`, rows: results.list },
		...[...new Set(results.update.map((row) => row.parallel))].map((parallel) => ({
			name: `${count(results.updates)} updates, parallel ${parallel}`,
			rows: results.update.filter((row) => row.parallel === parallel),
		})),
	];
	return scenarios.map(({ name, rows }) => {
		const wall = (client: ClientName) => rows.find((row) => row.client === client)!.wallMs;
		const requests = rows.find((row) => row.client === 'node')!.requests;
		return {
			scenario: name,
			requests,
			keepAliveMs: wall('keep-alive'),
			newConnectionPerRequestMs: wall('close') - wall('keep-alive'),
			nodeAndEngineMs: wall('node') - wall('close'),
			nodeMs: wall('node'),
			nodeOverKeepAlive: wall('node') / wall('keep-alive'),
			newConnectionPerRequestMsEach: (wall('close') - wall('keep-alive')) / requests,
			nodeAndEnginePerRequestMsEach: (wall('node') - wall('close')) / requests,
		};
	});
}

function rowCells(row: TlsRow): string[] {
	return [
		row.label,
		String(row.requests),
		String(row.tcpConnections),
		`${row.tlsHandshakes} (${row.resumedHandshakes} resumed)`,
		row.connectionHeaders.join(', '),
		ms(row.wallMs),
		row.allWallMs.map(ms).join(' / '),
		ms(row.networkFloorMs),
		ms(row.cpuMs),
	];
}

const ROW_HEADERS = [
	'client',
	'requests',
	'TCP connections',
	'TLS handshakes',
	'Connection header',
	'wall ms (median)',
	'runs, ms',
	'network floor ms',
	'client CPU ms',
];

export function tlsTables(results: TlsResults): Table[] {
	const protocols = [...new Set(results.list.flatMap((row) => row.protocols))].join(', ');
	const lateness = Math.max(
		...[...results.list, ...results.update].map((row) => row.meanProxyLatenessMs),
	);
	const network = `HTTPS (${protocols}) through a proxy adding ${results.rttMs} ms round trip`;
	const list: Table = {
		title: `(d) Conference → Get Many, Return All of ${count(results.conferences)}, ${network} (median of ${results.repetitions} runs each, fresh process)`,
		headers: ROW_HEADERS,
		rows: results.list.map(rowCells),
		notes: [
			'TCP connections and TLS handshakes (ClientHellos) counted at the proxy; resumed = handshakes the TLS server saw resume a session (still one round trip in TLS 1.3).',
			`network floor = RTT × (${protocols === 'TLSv1.3' ? 2 : 3} × connections + requests) / parallel: the round trips alone. The proxy's timers delivered chunks late by ${lateness.toFixed(1)} ms on average (worst row): a busy machine adds that to every crossing, so to every round trip of every client.`,
			'The server answers every page from memory (pre-rendered), so what is left above the floor is the client and the machine.',
		],
	};
	const update: Table = {
		title: `(e) ${count(results.updates)} × Conference → Update, ${network} (median of ${results.repetitions} runs each, fresh process)`,
		headers: ['parallel', ...ROW_HEADERS],
		rows: results.update.map((row) => [String(row.parallel), ...rowCells(row)]),
		notes: ['The server answers at once; every millisecond of latency is the proxy’s.'],
	};
	const split: Table = {
		title: '(f) Where the node’s extra time goes over a network (medians, ms)',
		headers: [
			'scenario',
			'https, keep-alive agent',
			'+ new connection per request (new agent − keep-alive)',
			'+ node, n8n engine and helper (node − new agent)',
			'= node',
			'node / keep-alive',
		],
		rows: attribution(results).map((entry) => [
			entry.scenario,
			ms(entry.keepAliveMs),
			ms(entry.newConnectionPerRequestMs),
			ms(entry.nodeAndEngineMs),
			ms(entry.nodeMs),
			ratio(entry.nodeOverKeepAlive),
		]),
		notes: attribution(results).map(
			(entry) =>
				`${entry.scenario}: per request, ${ms(entry.newConnectionPerRequestMsEach)} ms for the new connection, ${ms(entry.nodeAndEnginePerRequestMsEach)} ms for the node, n8n's engine and helper (wall time at that parallelism).`,
		),
	};
	return [list, update, split];
}
