import type { IDataObject } from 'n8n-workflow';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Bounds the lists kept for the cases the cursor cannot cover (see PollState). */
const MAX_REMEMBERED = 5000;
/** A conference waiting for its first participant longer than this is no longer watched. */
const PENDING_FOR_MS = 2 * DAY_MS;
/**
 * How far behind the newest emitted event a later-listed one is still taken: dates have one-second
 * resolution, and a list may show an event a little after a newer one.
 */
const EDGE_MS = 60_000;

/**
 * What the polling trigger remembers. Exactness comes from the cursor, whatever the volume: every
 * event older than `cursor − EDGE_MS` has been handled, and of the events from there on `edge`
 * lists those already emitted. The state stays small however many events one query window holds.
 */
interface PollState {
	/** When the trigger was first polled (ms); nothing that happened before is emitted. */
	since: number;
	/** The time of the newest event emitted (ms), or `since`. */
	cursor: number;
	/** Sids emitted whose event time is within EDGE_MS of `cursor` (→ event time, ms). */
	edge: Record<string, number>;
	/** Recently emitted sids (→ ms): a conference updated after it ended must not look new. */
	recent: Record<string, number>;
	/**
	 * Conferences seen before their event ("init": nobody joined yet), by sid → date_created
	 * (ms): when they start, their creation date may be behind the cursor already.
	 */
	pending: Record<string, number>;
}

function numbers(value: unknown): Record<string, number> {
	const entries = value !== null && typeof value === 'object' ? Object.entries(value) : [];
	return Object.fromEntries(entries.filter(([, entry]) => typeof entry === 'number'));
}

/** The saved state; the first version's `{ since, lastPoll, emitted }` is carried over. */
export function readState(staticData: IDataObject, now: Date): PollState {
	const since = typeof staticData.since === 'number' ? staticData.since : now.getTime();
	const legacy = numbers(staticData.emitted);
	const recent = { ...legacy, ...numbers(staticData.recent) };
	const cursor =
		typeof staticData.cursor === 'number'
			? staticData.cursor
			: Math.max(since, ...Object.values(legacy));
	const edge =
		staticData.edge !== undefined ? numbers(staticData.edge) : notBefore(legacy, cursor - EDGE_MS);
	return { since, cursor, edge, recent, pending: numbers(staticData.pending) };
}

/**
 * SignalWire's date filters take whole days and their time zone is not documented, so the query
 * reaches one day before the cursor (or before the oldest conference still pending).
 */
export function queryDate(state: PollState): string {
	const from = Math.min(state.cursor, ...Object.values(state.pending));
	return new Date(from - DAY_MS).toISOString().slice(0, 10);
}

interface Candidate {
	sid: string;
	/** When its event happened (ms). */
	time: number;
	/** Whether the event has happened (e.g. the conference is completed). */
	happened: boolean;
	/** Whether it may still happen later (e.g. a conference in "init"). */
	mayHappen: boolean;
}

/** Which candidates are new events, oldest first; `state` remembers them. */
export function selectNew<C extends Candidate>(state: PollState, candidates: C[], now: Date): C[] {
	const fresh: C[] = [];
	for (const candidate of candidates) {
		const { sid, time } = candidate;
		if (!candidate.happened) {
			if (candidate.mayHappen && time >= state.since) state.pending[sid] = time;
			continue;
		}
		if (state.recent[sid] !== undefined) continue;
		if (state.pending[sid] !== undefined) {
			fresh.push(candidate);
			continue;
		}
		if (time < state.since) continue;
		const onEdge = time >= state.cursor - EDGE_MS && state.edge[sid] === undefined;
		if (time > state.cursor || onEdge) fresh.push(candidate);
	}
	fresh.sort((a, b) => a.time - b.time || (a.sid < b.sid ? -1 : a.sid > b.sid ? 1 : 0));
	for (const { sid, time } of fresh) {
		delete state.pending[sid];
		state.recent[sid] = time;
		state.edge[sid] = time;
		state.cursor = Math.max(state.cursor, time);
	}
	state.edge = notBefore(state.edge, state.cursor - EDGE_MS);
	state.recent = newest(state.recent);
	state.pending = newest(state.pending, now.getTime() - PENDING_FOR_MS);
	return fresh;
}

function notBefore(entries: Record<string, number>, oldest: number): Record<string, number> {
	return Object.fromEntries(Object.entries(entries).filter(([, time]) => time >= oldest));
}

/** The newest MAX_REMEMBERED entries not older than `oldest`. */
function newest(entries: Record<string, number>, oldest = -Infinity): Record<string, number> {
	const kept = Object.entries(notBefore(entries, oldest));
	return Object.fromEntries(kept.sort(([, a], [, b]) => b - a).slice(0, MAX_REMEMBERED));
}

export function writeState(staticData: IDataObject, state: PollState): void {
	delete staticData.lastPoll;
	delete staticData.emitted;
	Object.assign(staticData, state);
}
