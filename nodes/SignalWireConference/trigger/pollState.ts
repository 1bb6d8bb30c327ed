import type { IDataObject } from 'n8n-workflow';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A hard cap, so that the workflow's static data stays small whatever happens. */
export const MAX_REMEMBERED = 5000;

export interface PollState {
	/** When the trigger was first polled (ms); nothing that happened before is emitted. */
	since: number;
	/** When the previous poll ran (ms); the next query starts from there. */
	lastPoll: number;
	/** Emitted conference sid → when its event happened (ms). */
	emitted: Record<string, number>;
}

export function readState(staticData: IDataObject, now: Date): PollState {
	const since = typeof staticData.since === 'number' ? staticData.since : now.getTime();
	const lastPoll = typeof staticData.lastPoll === 'number' ? staticData.lastPoll : since;
	const emitted =
		staticData.emitted !== null && typeof staticData.emitted === 'object'
			? { ...(staticData.emitted as Record<string, number>) }
			: {};
	return { since, lastPoll, emitted };
}

/**
 * SignalWire's date filters take whole days and their time zone is not documented, so the query
 * reaches one day before the previous poll; the remembered sids drop what was already emitted.
 */
export function queryDate(state: PollState): string {
	return new Date(state.lastPoll - DAY_MS).toISOString().slice(0, 10);
}

/**
 * Events older than this can no longer be returned by the query (which starts a day before the
 * previous poll, give or take a day of time zone), so they are forgotten, and never emitted.
 */
export function horizon(state: PollState): number {
	return state.lastPoll - 3 * DAY_MS;
}

/** Forgets what the query can no longer return, and the oldest entries beyond the cap. */
export function writeState(staticData: IDataObject, state: PollState, now: Date): void {
	const next: PollState = { ...state, lastPoll: now.getTime() };
	const keep = Object.entries(state.emitted)
		.filter(([, eventTime]) => eventTime >= horizon(next))
		.sort(([, a], [, b]) => b - a)
		.slice(0, MAX_REMEMBERED);
	staticData.since = next.since;
	staticData.lastPoll = next.lastPoll;
	staticData.emitted = Object.fromEntries(keep);
}
