/**
 * The project's SignalWire-compatible server, alone in its own process so that its work (sorting
 * and serializing 100,000 conferences per list request) and its garbage never show up in the
 * memory or CPU figures of the client being measured. Driven by bench.ts over IPC.
 */
import { SignalWireServer } from '../test/server/SignalWireServer';
import { API_TOKEN, PROJECT_ID } from './constants';
import { serveRpc } from './rpc';

let server: SignalWireServer | undefined;

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
}

let cpuMark = process.cpuUsage();

serveRpc({
	start: async ({ latencyMs }: { latencyMs?: number }) => {
		server = new SignalWireServer({ projectId: PROJECT_ID, apiToken: API_TOKEN, latencyMs });
		return await server.start();
	},
	/** `count` in-progress conferences, one second apart, newest first in the list; returns their sids in list order. */
	seed: ({ count }: { count: number }) => {
		const store = current().store;
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
	reset: () => {
		current().reset();
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
			pageSizes: [...new Set(requests.filter((r) => r.method === 'GET').map((r) => new URLSearchParams(r.rawQuery).get('PageSize') ?? '(none)'))],
			maxInFlight: current().maxInFlight,
			cpuMs: (cpu.user + cpu.system) / 1000,
		};
	},
	stop: async () => {
		await server?.stop();
		server = undefined;
		setImmediate(() => process.exit(0));
		return null;
	},
});
