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
			Object.keys((restored['node:SignalWire'] as IDataObject).emitted as object).sort(),
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
		expect(staticData['node:SignalWire']).toMatchObject({
			since: expect.any(Number),
			lastPoll: expect.any(Number),
			emitted: {},
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

	it('keeps its memory bounded', async () => {
		const now = Date.now();
		const emitted: Record<string, number> = {};
		for (let index = 0; index < 6000; index++) emitted[`sid-${index}`] = now - index;
		emitted.ancient = now - 10 * 24 * HOUR;
		const staticData: IDataObject = {
			'node:SignalWire': { since: now - HOUR, lastPoll: now - MINUTE, emitted },
		};

		await callPoll(ended, space.credentials, staticData);

		const kept = (staticData['node:SignalWire'] as IDataObject).emitted as Record<string, number>;
		expect(Object.keys(kept)).toHaveLength(5000);
		expect(kept.ancient).toBeUndefined();
		expect(kept['sid-0']).toBe(now);
	});
});
