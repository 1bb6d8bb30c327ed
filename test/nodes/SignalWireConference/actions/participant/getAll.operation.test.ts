import { runNode } from '../../../../harness/engine';
import { ACCOUNT_PATH, AUTHORIZATION, useSignalWireServer } from '../../../../harness/fixtures';

const space = useSignalWireServer();

function parameters(conference: string, extra: Record<string, unknown> = {}) {
	return {
		resource: 'participant',
		operation: 'getAll',
		conferenceId: { __rl: true, mode: 'id', value: conference },
		returnAll: true,
		...extra,
	};
}

describe('Participant → Get Many', () => {
	it('lists the active participants of a conference, as the API gives them', async () => {
		const store = space.server.store;
		const conference = store.addConference({ friendlyName: 'Room' });
		const host = store.addParticipant(conference, { createdAt: new Date('2026-11-27T08:00:00Z') });
		const guest = store.addParticipant(conference, {
			createdAt: new Date('2026-11-27T08:01:00Z'),
			muted: true,
		});
		store.addParticipant(conference, { status: 'completed' });

		const { items, error } = await runNode({
			parameters: parameters(conference.sid),
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.call_sid)).toEqual([host.callSid, guest.callSid]);
		expect(items[1].json).toEqual({
			account_sid: store.projectId,
			call_sid: guest.callSid,
			call_sid_to_coach: null,
			coaching: false,
			conference_sid: conference.sid,
			date_created: 'Fri, 27 Nov 2026 08:01:00 +0000',
			date_updated: 'Fri, 27 Nov 2026 08:01:00 +0000',
			end_conference_on_exit: false,
			muted: true,
			hold: false,
			start_conference_on_enter: true,
			status: 'in-progress',
			uri: `${ACCOUNT_PATH}/Conferences/${conference.sid}/Participants/${guest.callSid}.json`,
		});
		expect(space.server.requests).toEqual([
			expect.objectContaining({
				method: 'GET',
				path: `${ACCOUNT_PATH}/Conferences/${conference.sid}/Participants`,
				rawQuery: 'PageSize=1000',
				authorization: AUTHORIZATION,
			}),
		]);
	});

	it('sends the Muted and Hold filters as true/false', async () => {
		const store = space.server.store;
		const conference = store.addConference({ friendlyName: 'Room' });
		store.addParticipant(conference, { muted: true, hold: false });
		const unmutedOnHold = store.addParticipant(conference, { muted: false, hold: true });

		const { items } = await runNode({
			parameters: parameters(conference.sid, { filters: { muted: false, hold: true } }),
			credentials: space.credentials,
		});

		expect(items.map((item) => item.json.call_sid)).toEqual([unmutedOnHold.callSid]);
		expect(space.server.requests[0].rawQuery).toBe('Muted=false&Hold=true&PageSize=1000');
	});

	it('pages through a large conference and respects the Limit', async () => {
		const store = space.server.store;
		const conference = store.addConference({ friendlyName: 'Webinar' });
		for (let index = 0; index < 2100; index++) {
			store.addParticipant(conference, {
				createdAt: new Date(Date.UTC(2026, 10, 27, 8, 0, index)),
			});
		}

		const all = await runNode({
			parameters: parameters(conference.sid),
			credentials: space.credentials,
		});
		expect(all.items).toHaveLength(2100);
		expect(space.server.requests).toHaveLength(3);

		space.server.reset();
		const some = await runNode({
			parameters: parameters(conference.sid, { returnAll: false, limit: 5 }),
			credentials: space.credentials,
		});
		expect(some.items).toHaveLength(5);
		expect(space.server.requests.map((request) => request.rawQuery)).toEqual(['PageSize=5']);
	});

	it('lists the participants of each of three conferences, each paired to its conference item', async () => {
		const store = space.server.store;
		const conferences = [1, 2, 3].map((number) =>
			store.addConference({ friendlyName: `Room ${number}` }),
		);
		const people = conferences.map((conference, index) =>
			Array.from({ length: index + 1 }, () => store.addParticipant(conference)),
		);

		const { items } = await runNode({
			parameters: parameters('={{ $json.conference }}'),
			items: conferences.map((conference) => ({ conference: conference.sid })),
			credentials: space.credentials,
		});

		expect(items.map((item) => [item.json.call_sid, item.pairedItem])).toEqual([
			[people[0][0].callSid, { item: 0 }],
			[people[1][0].callSid, { item: 1 }],
			[people[1][1].callSid, { item: 1 }],
			[people[2][0].callSid, { item: 2 }],
			[people[2][1].callSid, { item: 2 }],
			[people[2][2].callSid, { item: 2 }],
		]);
	});

	it('says which conference was not found', async () => {
		const missing = '0a0b0c0d-0000-4000-8000-000000000009';

		const { error } = await runNode({
			parameters: parameters(missing),
			credentials: space.credentials,
		});

		expect(error?.description).toBe(
			`No conference with ID "${missing}" exists in this project: check the conference ID, or pick the conference from the list.`,
		);
	});
});
