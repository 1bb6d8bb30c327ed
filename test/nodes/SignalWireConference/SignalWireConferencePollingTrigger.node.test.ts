import type { IDataObject } from 'n8n-workflow';

import { ACCOUNT_PATH, useSignalWireServer } from '../../harness/fixtures';
import { callPoll } from '../../harness/triggers';

const space = useSignalWireServer();

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ended = { event: 'conferenceEnded', friendlyName: '' };

/** The trigger's memory as if it had been activated (and last polled) at `activatedAt`. */
function activatedAt(time: number): IDataObject {
	return { 'node:SignalWire': { since: time, lastPoll: time, emitted: {} } };
}

function sids(result: Awaited<ReturnType<typeof callPoll>>): string[] {
	return (result?.[0] ?? []).map((item) => String(item.json.sid));
}

function endConference(sid: string, at: number) {
	const record = space.server.store.conferences.get(sid)!;
	record.status = 'completed';
	record.updatedAt = new Date(at);
}

describe('SignalWire Conference Polling Trigger', () => {
	it('asks for completed conferences updated since the day before the last poll', async () => {
		const activation = Date.now() - 10 * MINUTE;

		await callPoll(ended, space.credentials, activatedAt(activation));

		const day = new Date(activation - 24 * HOUR).toISOString().slice(0, 10);
		expect(
			space.server.requests.map((request) => [request.method, request.path, request.rawQuery]),
		).toEqual([
			[
				'GET',
				`${ACCOUNT_PATH}/Conferences`,
				`Status=completed&DateUpdated%3E=${day}&PageSize=1000`,
			],
		]);
	});

	it('emits each conference that ended after activation once, oldest first, and nothing when nothing is new', async () => {
		const now = Date.now();
		const store = space.server.store;
		const before = store.addConference({
			friendlyName: 'Ended before',
			status: 'completed',
			createdAt: new Date(now - 3 * HOUR),
			updatedAt: new Date(now - 2 * HOUR),
		});
		const running = store.addConference({
			friendlyName: 'Still running',
			createdAt: new Date(now - HOUR),
		});
		const later = store.addConference({
			friendlyName: 'Ended later',
			createdAt: new Date(now - 50 * MINUTE),
			status: 'completed',
			updatedAt: new Date(now - 5 * MINUTE),
		});
		const sooner = store.addConference({
			friendlyName: 'Ended sooner',
			createdAt: new Date(now - 40 * MINUTE),
			status: 'completed',
			updatedAt: new Date(now - 20 * MINUTE),
		});
		const staticData = activatedAt(now - 30 * MINUTE);

		const first = await callPoll(ended, space.credentials, staticData);
		const second = await callPoll(ended, space.credentials, staticData);
		endConference(running.sid, Date.now());
		const third = await callPoll(ended, space.credentials, staticData);

		expect(sids(first)).toEqual([sooner.sid, later.sid]);
		expect(first?.[0][0].json).toEqual(store.conferenceJson(sooner));
		expect(second).toBeNull();
		expect(sids(third)).toEqual([running.sid]);
		expect(sids(first)).not.toContain(before.sid);
	});

	it('does not emit a conference twice when it is updated again', async () => {
		const now = Date.now();
		const conference = space.server.store.addConference({
			friendlyName: 'Room',
			status: 'completed',
			createdAt: new Date(now - HOUR),
			updatedAt: new Date(now - 5 * MINUTE),
		});
		const staticData = activatedAt(now - 30 * MINUTE);

		const first = await callPoll(ended, space.credentials, staticData);
		conference.updatedAt = new Date(now - MINUTE);
		const second = await callPoll(ended, space.credentials, staticData);

		expect(sids(first)).toEqual([conference.sid]);
		expect(second).toBeNull();
	});

	it('reads every page when many conferences ended at once', async () => {
		const now = Date.now();
		for (let index = 0; index < 1500; index++) {
			space.server.store.addConference({
				friendlyName: `Room ${index}`,
				status: 'completed',
				createdAt: new Date(now - HOUR),
				updatedAt: new Date(now - 10 * MINUTE + index),
			});
		}

		const result = await callPoll(ended, space.credentials, activatedAt(now - 30 * MINUTE));

		expect(result?.[0]).toHaveLength(1500);
		expect(space.server.requests).toHaveLength(2);
	});

	it('keeps its memory across a restart, through the saved static data', async () => {
		const now = Date.now();
		const store = space.server.store;
		const first = store.addConference({
			friendlyName: 'A',
			status: 'completed',
			createdAt: new Date(now - HOUR),
			updatedAt: new Date(now - 10 * MINUTE),
		});
		const staticData = activatedAt(now - 30 * MINUTE);
		await callPoll(ended, space.credentials, staticData);

		const restored = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		const second = store.addConference({
			friendlyName: 'B',
			status: 'completed',
			createdAt: new Date(now - HOUR),
			updatedAt: new Date(),
		});
		const afterRestart = await callPoll(ended, space.credentials, restored);

		expect(sids(afterRestart)).toEqual([second.sid]);
		expect(
			Object.keys((restored['node:SignalWire'] as IDataObject).recent as object).sort(),
		).toEqual([first.sid, second.sid].sort());
	});

	it('starts its memory on the first poll, emitting nothing that ended before', async () => {
		const now = Date.now();
		space.server.store.addConference({
			friendlyName: 'Old',
			status: 'completed',
			createdAt: new Date(now - 2 * HOUR),
			updatedAt: new Date(now - HOUR),
		});
		const staticData: IDataObject = {};

		const result = await callPoll(ended, space.credentials, staticData);

		expect(result).toBeNull();
		const state = staticData['node:SignalWire'] as IDataObject;
		expect(state).toEqual({
			since: expect.any(Number),
			cursor: state.since,
			edge: {},
			recent: {},
			pending: {},
		});
	});

	it('for Conference Started asks by creation date without a status, and skips conferences nobody joined', async () => {
		const now = Date.now();
		const store = space.server.store;
		const started = store.addConference({
			friendlyName: 'Support',
			createdAt: new Date(now - 5 * MINUTE),
		});
		const quick = store.addConference({
			friendlyName: 'Support',
			status: 'completed',
			createdAt: new Date(now - 4 * MINUTE),
			updatedAt: new Date(now - 2 * MINUTE),
		});
		store.addConference({
			friendlyName: 'Support',
			status: 'init',
			createdAt: new Date(now - 3 * MINUTE),
		});
		store.addConference({ friendlyName: 'Sales', createdAt: new Date(now - 3 * MINUTE) });

		const result = await callPoll(
			{ event: 'conferenceStarted', friendlyName: 'Support' },
			space.credentials,
			activatedAt(now - 10 * MINUTE),
		);

		expect(sids(result)).toEqual([started.sid, quick.sid]);
		const day = new Date(now - 10 * MINUTE - 24 * HOUR).toISOString().slice(0, 10);
		expect(space.server.requests[0].rawQuery).toBe(
			`FriendlyName=Support&DateCreated%3E=${day}&PageSize=1000`,
		);
	});

	it('in a manual test run returns the most recent matching conference and leaves the memory alone', async () => {
		const now = Date.now();
		const store = space.server.store;
		store.addConference({
			friendlyName: 'Older',
			status: 'completed',
			createdAt: new Date(now - 5 * HOUR),
			updatedAt: new Date(now - 4 * HOUR),
		});
		const newest = store.addConference({
			friendlyName: 'Newest',
			status: 'completed',
			createdAt: new Date(now - 2 * HOUR),
			updatedAt: new Date(now - HOUR),
		});
		const staticData: IDataObject = {};

		const result = await callPoll(ended, space.credentials, staticData, 'manual');

		expect(sids(result)).toEqual([newest.sid]);
		expect(staticData).toEqual({});
		expect(space.server.requests[0].rawQuery).toBe('Status=completed&PageSize=50');
	});

	it('in a manual test run says so when no conference has ended yet', async () => {
		await expect(callPoll(ended, space.credentials, {}, 'manual')).rejects.toMatchObject({
			message: 'No conference has ended yet in this project',
		});
	});

	it('keeps its memory bounded, carrying over what the first version saved', async () => {
		const now = Date.now();
		const emitted: Record<string, number> = {};
		for (let index = 0; index < 6000; index++) emitted[`sid-${index}`] = now - index * 1000;
		const staticData: IDataObject = {
			'node:SignalWire': { since: now - 2 * HOUR, lastPoll: now - MINUTE, emitted },
		};

		await callPoll(ended, space.credentials, staticData);

		const state = staticData['node:SignalWire'] as IDataObject;
		expect(Object.keys(state).sort()).toEqual(['cursor', 'edge', 'pending', 'recent', 'since']);
		expect(state.cursor).toBe(now);
		expect(Object.keys(state.recent as object)).toHaveLength(5000);
		expect((state.recent as Record<string, number>)['sid-0']).toBe(now);
		expect(Object.keys(state.edge as object).sort()).toEqual(
			Array.from({ length: 61 }, (_, index) => `sid-${index}`).sort(),
		);
	});
});

describe('SignalWire Conference Polling Trigger: exact for any number of events', () => {
	const SECOND = 1000;

	/** `count` conferences that end in the `spanMs` before `end`, many in the same second. */
	function endMany(count: number, end: number, spanMs: number, prefix: string) {
		const store = space.server.store;
		return Array.from({ length: count }, (_, index) =>
			store.addConference({
				friendlyName: `${prefix} ${index}`,
				status: 'completed',
				createdAt: new Date(end - spanMs - HOUR),
				updatedAt: new Date(end - spanMs + Math.floor((index * spanMs) / count)),
			}),
		);
	}

	function restart(staticData: IDataObject): IDataObject {
		return JSON.parse(JSON.stringify(staticData)) as IDataObject;
	}

	it('emits 10,000 ends between two polls once each, across a restart, and nothing again', async () => {
		const now = Date.now();
		let staticData = activatedAt(now - 2 * HOUR);
		expect(await callPoll(ended, space.credentials, staticData)).toBeNull();
		const conferences = endMany(10_000, now, HOUR, 'Room');

		const first = await callPoll(ended, space.credentials, staticData);
		staticData = restart(staticData);
		const second = await callPoll(ended, space.credentials, staticData);
		const third = await callPoll(ended, space.credentials, staticData);

		expect(new Set(sids(first))).toEqual(new Set(conferences.map((conference) => conference.sid)));
		expect(sids(first)).toHaveLength(10_000);
		expect(second).toBeNull();
		expect(third).toBeNull();
		expect(JSON.stringify(staticData).length).toBeLessThan(400_000);
	});

	it('with a restart in the middle of 10,000 ends, emits the rest and repeats none', async () => {
		const now = Date.now();
		let staticData = activatedAt(now - 3 * HOUR);
		const early = endMany(5_000, now - HOUR, HOUR, 'Early');
		const first = await callPoll(ended, space.credentials, staticData);
		staticData = restart(staticData);
		const late = endMany(5_000, now, HOUR, 'Late');

		const second = await callPoll(ended, space.credentials, staticData);
		const third = await callPoll(ended, space.credentials, restart(staticData));

		expect(new Set(sids(first))).toEqual(new Set(early.map((conference) => conference.sid)));
		expect(new Set(sids(second))).toEqual(new Set(late.map((conference) => conference.sid)));
		expect(sids(second)).toHaveLength(5_000);
		expect(third).toBeNull();
	});

	it('takes an end listed late, in the same second as, or shortly before, one already emitted', async () => {
		const now = Math.floor(Date.now() / SECOND) * SECOND;
		const store = space.server.store;
		const staticData = activatedAt(now - HOUR);
		const emittedFirst = store.addConference({
			friendlyName: 'First',
			status: 'completed',
			createdAt: new Date(now - HOUR),
			updatedAt: new Date(now - 10 * SECOND),
		});
		const first = await callPoll(ended, space.credentials, staticData);
		const sameSecond = store.addConference({
			friendlyName: 'Same second',
			status: 'completed',
			createdAt: new Date(now - HOUR),
			updatedAt: new Date(now - 10 * SECOND),
		});
		const shortlyBefore = store.addConference({
			friendlyName: 'Shortly before',
			status: 'completed',
			createdAt: new Date(now - HOUR),
			updatedAt: new Date(now - 30 * SECOND),
		});

		const second = await callPoll(ended, space.credentials, staticData);

		expect(sids(first)).toEqual([emittedFirst.sid]);
		expect(sids(second)).toEqual([shortlyBefore.sid, sameSecond.sid]);
	});

	it('for Conference Started, emits a conference that waited in "init" once it starts, even after newer ones', async () => {
		const now = Date.now();
		const store = space.server.store;
		const staticData = activatedAt(now - HOUR);
		const waiting = store.addConference({
			friendlyName: 'Waiting for the host',
			status: 'init',
			createdAt: new Date(now - 40 * MINUTE),
		});
		const started = { event: 'conferenceStarted', friendlyName: '' };
		const newer = store.addConference({
			friendlyName: 'Newer',
			createdAt: new Date(now - 5 * MINUTE),
		});
		const first = await callPoll(started, space.credentials, staticData);
		waiting.status = 'in-progress';

		const second = await callPoll(started, space.credentials, staticData);
		const third = await callPoll(started, space.credentials, staticData);

		expect(sids(first)).toEqual([newer.sid]);
		expect(sids(second)).toEqual([waiting.sid]);
		expect(third).toBeNull();
	});

	it('keeps an answer\'s "json" field as data instead of taking it for the item', async () => {
		const now = Date.now();
		space.server.intercept((request) =>
			request.path.endsWith('/Conferences')
				? {
						status: 200,
						body: {
							uri: `${ACCOUNT_PATH}/Conferences`,
							next_page_uri: null,
							conferences: [
								{
									sid: 'c0ffee00-0000-4000-8000-00000000000a',
									status: 'completed',
									date_updated: new Date(now - MINUTE).toUTCString(),
									json: { sid: 'forged' },
								},
							],
						},
					}
				: undefined,
		);

		const result = await callPoll(ended, space.credentials, activatedAt(now - HOUR));

		expect(result?.[0][0].json).toMatchObject({
			sid: 'c0ffee00-0000-4000-8000-00000000000a',
			json: { sid: 'forged' },
		});
	});
});
