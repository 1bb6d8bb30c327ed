/* eslint-disable @n8n/community-nodes/no-restricted-globals -- the rig, not shipped: n8n's rules for node code do not apply */
/**
 * One measured run in a fresh process, so that the node and the raw loop start from the same
 * state: modules loaded (n8n-core included, for both), one warm-up run, a collected heap.
 * bench.ts calls `warmUp`, resets the server's request log, then calls `run`.
 */
import { createHash } from 'node:crypto';

import { runNode } from '../test/harness/engine';
import { ANNOUNCE_URL, API_TOKEN, PROJECT_ID } from './constants';
import { measure } from './measure';
import type { MemoryFigures } from './measure';
import { httpsSender } from './httpsClient';
import type { HttpsConnection } from './httpsClient';
import { rawListAll, rawUpdateAll } from './rawClient';
import type { Send } from './rawClient';
import { serveRpc } from './rpc';

export type Scenario =
	| {
			kind: 'list';
			client: 'node' | 'raw';
			origin: string;
			sampleIntervalMs: number;
			/** The raw loop's transport: Node's `https` used this way, or fetch when absent. */
			rawTransport?: HttpsConnection;
	  }
	| {
			kind: 'update';
			client: 'node' | 'raw';
			origin: string;
			sids: string[];
			parallel: number;
			warmUpSids: string[];
			sampleIntervalMs: number;
			rawTransport?: HttpsConnection;
	  };

export interface RunResult {
	wallMs: number;
	cpuMs: number;
	memory: MemoryFigures;
	/** Requests the client itself counted (the raw loop); the node's are counted by the server. */
	clientRequests?: number;
	outputItems: number;
	/** sha1 of the output sids in order, so that node and raw outputs can be compared. */
	sidsDigest: string;
}

function credentials(origin: string) {
	return { spaceUrl: origin, projectId: PROJECT_ID, apiToken: API_TOKEN };
}

const updateFields = { announceUrl: ANNOUNCE_URL };

function updateParameters(parallel: number) {
	return {
		resource: 'conference',
		operation: 'update',
		conferenceId: { __rl: true, mode: 'id', value: '={{ $json.sid }}' },
		updateFields,
		requestOptions: { parallelRequests: parallel },
	};
}

async function nodeRun(
	parameters: Record<string, unknown>,
	origin: string,
	items?: Array<{ sid: string }>,
) {
	const run = await runNode({ parameters, credentials: credentials(origin), items });
	if (run.error)
		throw new Error(`node run failed: ${run.error.message} ${run.error.description ?? ''}`);
	// The node's whole output (items with their pairedItem links), as n8n keeps it.
	return run.items;
}

let scenario: Scenario | undefined;

/** A fresh transport for the warm-up and another for the measured run, closed after each. */
function rawTransport(given: Scenario): { send: Send; close: () => void } {
	return given.rawTransport === undefined
		? { send: fetch, close: () => undefined }
		: httpsSender(given.rawTransport);
}

async function warmUp(given: Scenario): Promise<null> {
	scenario = given;
	const transport = rawTransport(given);
	try {
		await warmUpWith(given, transport.send);
	} finally {
		transport.close();
	}
	return null;
}

async function warmUpWith(given: Scenario, send: Send): Promise<void> {
	if (given.kind === 'list') {
		// The whole run once (bench.ts serves it pre-rendered pages, so it costs little), so that
		// the measured run meets code that is already compiled and optimized.
		if (given.client === 'node') {
			await nodeRun({ resource: 'conference', operation: 'getAll', returnAll: true }, given.origin);
		} else {
			await rawListAll(given.origin, send);
		}
	} else if (given.client === 'node') {
		await nodeRun(
			updateParameters(given.parallel),
			given.origin,
			given.warmUpSids.map((sid) => ({ sid })),
		);
	} else {
		await rawUpdateAll(
			given.origin,
			given.warmUpSids,
			given.parallel,
			{ AnnounceUrl: ANNOUNCE_URL },
			send,
		);
	}
}

function digest(sids: Array<string | undefined>): string {
	return createHash('sha1').update(sids.join(',')).digest('hex');
}

async function run(): Promise<RunResult> {
	const given = scenario;
	if (given === undefined) throw new Error('warmUp first');
	const transport = rawTransport(given);
	try {
		return await runWith(given, transport.send);
	} finally {
		transport.close();
	}
}

async function runWith(given: Scenario, send: Send): Promise<RunResult> {
	if (given.kind === 'list') {
		if (given.client === 'node') {
			const measured = await measure(
				async () =>
					await nodeRun(
						{ resource: 'conference', operation: 'getAll', returnAll: true },
						given.origin,
					),
				given.sampleIntervalMs,
			);
			return summarize(
				measured,
				measured.value.map((item) => (item.json as { sid?: string }).sid),
			);
		}
		const measured = await measure(
			async () => await rawListAll(given.origin, send),
			given.sampleIntervalMs,
		);
		return {
			...summarize(
				measured,
				measured.value.items.map((item) => (item as { sid?: string }).sid),
			),
			clientRequests: measured.value.requests,
		};
	}
	const items = given.sids.map((sid) => ({ sid }));
	if (given.client === 'node') {
		const measured = await measure(
			async () => await nodeRun(updateParameters(given.parallel), given.origin, items),
			given.sampleIntervalMs,
		);
		return summarize(
			measured,
			measured.value.map((item) => (item.json as { sid?: string }).sid),
		);
	}
	const measured = await measure(
		async () =>
			await rawUpdateAll(
				given.origin,
				given.sids,
				given.parallel,
				{ AnnounceUrl: ANNOUNCE_URL },
				send,
			),
		given.sampleIntervalMs,
	);
	return {
		...summarize(
			measured,
			measured.value.results.map((item) => (item as { sid?: string }).sid),
		),
		clientRequests: measured.value.requests,
	};
}

function summarize(
	measured: { wallMs: number; cpuMs: number; memory: MemoryFigures },
	sids: Array<string | undefined>,
): RunResult {
	return {
		wallMs: measured.wallMs,
		cpuMs: measured.cpuMs,
		memory: measured.memory,
		outputItems: sids.length,
		sidsDigest: digest(sids),
	};
}

serveRpc({
	warmUp,
	run,
	exit: () => {
		setImmediate(() => process.exit(0));
		return null;
	},
});
