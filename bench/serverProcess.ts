/* eslint-disable @n8n/community-nodes/no-restricted-globals -- the rig, not shipped: n8n's rules for node code do not apply */
/**
 * The project's SignalWire-compatible server, alone in its own process so that its work (sorting
 * and serializing 100,000 conferences per list request) and its garbage never show up in the
 * memory or CPU figures of the client being measured. Driven by bench.ts over IPC.
 */
import { listConferences } from '../test/server/conferences';
import { paginate } from '../test/server/paging';
import { SignalWireServer } from '../test/server/SignalWireServer';
import { ACCOUNT_PATH, API_TOKEN, AUTHORIZATION, PAGE_SIZE, PROJECT_ID } from './constants';
import { serveRpc } from './rpc';
import { TlsTerminator } from './tlsTerminator';
import type { TlsStats } from './tlsTerminator';

let server: SignalWireServer | undefined;

/** HTTPS in front of the server, when the bench asks for it (`startTls`). */
let tls: TlsTerminator | undefined;

/**
 * "Pre-rendered" mode: every list page the store would answer, computed once (same envelope, same
 * links, same JSON) and answered through the server's interceptor hook, so that the server spends
 * next to nothing per request and what remains of the wall time is the client's. The live store
 * filters and sorts all N conferences on every list request (test/server/conferences.ts), which
 * otherwise weighs on both clients' wall time.
 */
let prerendered: Map<string, string> | undefined;

/** Whether list requests are answered from `prerendered` right now (warm-ups always are). */
let servePrerendered = false;

function pageKey(path: string, rawQuery: string): string {
	const query = new URLSearchParams(rawQuery);
	query.sort();
	return `${path}?${query.toString()}`;
}

function prerender(target: SignalWireServer): Map<string, string> {
	const pages = new Map<string, string>();
	// The node lists /Conferences, the raw loop /Conferences.json; both get their own links.
	for (const path of [`${ACCOUNT_PATH}/Conferences`, `${ACCOUNT_PATH}/Conferences.json`]) {
		const first = new URLSearchParams({ PageSize: String(PAGE_SIZE) });
		const listed = listConferences(target.store, first);
		if (listed.items === undefined) throw new Error('could not list conferences');
		let rawQuery: string | null = first.toString();
		while (rawQuery !== null) {
			const page = paginate(
				path,
				new URLSearchParams(rawQuery),
				listed.items,
				'conferences',
				listed.toJson,
			);
			if (!page.ok) throw new Error(`paging failed: ${JSON.stringify(page.body)}`);
			pages.set(pageKey(path, rawQuery), JSON.stringify(page.envelope));
			const next = page.envelope.next_page_uri as string | null;
			rawQuery = next === null ? null : next.slice(next.indexOf('?') + 1);
		}
	}
	return pages;
}

function installPrerendered(target: SignalWireServer): void {
	const pages = prerendered;
	if (pages === undefined) return;
	target.intercept((request) => {
		if (!servePrerendered) return undefined;
		if (request.method !== 'GET' || request.authorization !== AUTHORIZATION) return undefined;
		const body = pages.get(pageKey(request.path, request.rawQuery));
		return body === undefined
			? undefined
			: { status: 200, body, headers: { 'Content-Type': 'application/json; charset=utf-8' } };
	});
}

function current(): SignalWireServer {
	if (server === undefined) throw new Error('server not started');
	return server;
}

export interface ServerStats {
	requests: number;
	byMethod: Record<string, number>;
	pageSizes: string[];
	maxInFlight: number;
	cpuMs: number;
	/** The Connection header values the requests carried ("(none)" when absent), e.g. ["close"]. */
	connectionHeaders: string[];
	tls?: TlsStats;
}

let cpuMark = process.cpuUsage();

serveRpc({
	start: async ({ latencyMs }: { latencyMs?: number }) => {
		server = new SignalWireServer({ projectId: PROJECT_ID, apiToken: API_TOKEN, latencyMs });
		return await server.start();
	},
	/** Serves the started server over TLS too, with the given certificate; returns the TLS port. */
	startTls: async ({ certPath, keyPath }: { certPath: string; keyPath: string }) => {
		const plainPort = Number(new URL(current().origin).port);
		tls = new TlsTerminator(plainPort, certPath, keyPath);
		return await tls.start();
	},
	/** `count` in-progress conferences, one second apart, newest first in the list; returns their sids in list order. */
	seed: ({ count }: { count: number }) => {
		const store = current().store;
		prerendered = undefined;
		servePrerendered = false;
		current().reset();
		store.conferences.clear();
		const newest = Date.UTC(2025, 0, 1);
		const sids: string[] = [];
		for (let index = 0; index < count; index++) {
			const record = store.addConference({
				friendlyName: `Bench ${index}`,
				status: 'in-progress',
				createdAt: new Date(newest - index * 1000),
			});
			sids.push(record.sid);
		}
		return sids;
	},
	/** Renders every list page of the store as it is now; returns how many. */
	prerender: () => {
		current().reset();
		prerendered = prerender(current());
		installPrerendered(current());
		return prerendered.size;
	},
	/** Answers list pages from the pre-rendered ones (true) or from the live store (false). */
	serve: ({ prerendered: on }: { prerendered: boolean }) => {
		if (on && prerendered === undefined) throw new Error('prerender first');
		servePrerendered = on;
		return null;
	},
	reset: () => {
		current().reset();
		installPrerendered(current());
		tls?.reset();
		cpuMark = process.cpuUsage();
		return null;
	},
	stats: (): ServerStats => {
		const requests = current().requests;
		const byMethod: Record<string, number> = {};
		for (const request of requests) byMethod[request.method] = (byMethod[request.method] ?? 0) + 1;
		const cpu = process.cpuUsage(cpuMark);
		return {
			requests: requests.length,
			byMethod,
			pageSizes: [
				...new Set(
					requests
						.filter((r) => r.method === 'GET')
						.map((r) => new URLSearchParams(r.rawQuery).get('PageSize') ?? '(none)'),
				),
			],
			maxInFlight: current().maxInFlight,
			cpuMs: (cpu.user + cpu.system) / 1000,
			connectionHeaders: [
				...new Set(requests.map((r) => String(r.headers.connection ?? '(none)').toLowerCase())),
			],
			tls: tls?.stats(),
		};
	},
	stop: async () => {
		await tls?.stop();
		tls = undefined;
		await server?.stop();
		server = undefined;
		setImmediate(() => process.exit(0));
		return null;
	},
});
