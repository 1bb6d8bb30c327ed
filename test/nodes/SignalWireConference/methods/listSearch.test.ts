import { callListSearch } from '../../../harness/engine';
import { ACCOUNT_PATH, AUTHORIZATION, useSignalWireServer } from '../../../harness/fixtures';

const space = useSignalWireServer();
const parameters = { resource: 'conference', operation: 'get' };

describe('listSearch: searchConferences (the "From list" picker)', () => {
	it('lists conferences newest first, named by friendly name and status', async () => {
		space.server.store.addConference({
			friendlyName: 'Older',
			createdAt: new Date('2026-11-01T10:00:00Z'),
			status: 'completed',
		});
		const newest = space.server.store.addConference({
			friendlyName: 'Newest',
			createdAt: new Date('2026-11-26T10:00:00Z'),
		});

		const result = await callListSearch('searchConferences', parameters, space.credentials);

		expect(result.results).toEqual([
			{
				name: 'Newest (in-progress)',
				value: newest.sid,
				description: 'Thu, 26 Nov 2026 10:00:00 +0000',
			},
			expect.objectContaining({ name: 'Older (completed)' }),
		]);
		expect(result.paginationToken).toBeUndefined();
		expect(space.server.requests).toHaveLength(1);
		expect(space.server.requests[0]).toMatchObject({
			method: 'GET',
			path: `${ACCOUNT_PATH}/Conferences`,
			rawQuery: 'PageSize=50',
			authorization: AUTHORIZATION,
		});
	});

	it('pages with next_page_uri as a string token', async () => {
		for (let index = 0; index < 60; index++) {
			space.server.store.addConference({
				friendlyName: `Room ${index}`,
				createdAt: new Date(Date.UTC(2026, 0, 1, index)),
			});
		}

		const first = await callListSearch('searchConferences', parameters, space.credentials);
		expect(first.results).toHaveLength(50);
		expect(typeof first.paginationToken).toBe('string');

		const second = await callListSearch(
			'searchConferences',
			parameters,
			space.credentials,
			undefined,
			first.paginationToken as string,
		);
		expect(second.results.map((result) => result.name)).toEqual(
			[9, 8, 7, 6, 5, 4, 3, 2, 1, 0].map((index) => `Room ${index} (in-progress)`),
		);
		expect(second.paginationToken).toBeUndefined();
		expect(space.server.requests[1].query.slice(0, 2)).toEqual([
			['PageSize', '50'],
			['Page', '1'],
		]);
	});

	it('filters by name or ID, ignoring case', async () => {
		space.server.store.addConference({ friendlyName: 'Support bridge' });
		space.server.store.addConference({ friendlyName: 'All hands' });

		const result = await callListSearch(
			'searchConferences',
			parameters,
			space.credentials,
			'SUPPORT',
		);

		expect(result.results.map((entry) => entry.name)).toEqual(['Support bridge (in-progress)']);
	});

	it('fails with the credentials hint when SignalWire refuses them', async () => {
		await expect(
			callListSearch('searchConferences', parameters, {
				...space.credentials,
				apiToken: 'PTwrong',
			}),
		).rejects.toMatchObject({
			message: 'Authentication Failed (SignalWire error 20003, HTTP 401)',
			description: expect.stringContaining('Voice scope'),
		});
	});
});

describe('listSearch: searchParticipants and searchConferenceRecordings', () => {
	it('lists the active participants of the conference chosen above, with their state', async () => {
		const store = space.server.store;
		const conference = store.addConference({ friendlyName: 'Room' });
		const host = store.addParticipant(conference, { createdAt: new Date('2026-11-27T08:00:00Z') });
		const guest = store.addParticipant(conference, {
			createdAt: new Date('2026-11-27T08:01:00Z'),
			muted: true,
			hold: true,
		});
		store.addParticipant(conference, { status: 'completed' });

		const result = await callListSearch(
			'searchParticipants',
			{
				resource: 'participant',
				operation: 'get',
				conferenceId: { __rl: true, mode: 'list', value: conference.sid },
			},
			space.credentials,
		);

		expect(result.results).toEqual([
			{
				name: host.callSid,
				value: host.callSid,
				description: 'Joined Fri, 27 Nov 2026 08:00:00 +0000',
			},
			{
				name: `${guest.callSid} (muted, on hold)`,
				value: guest.callSid,
				description: 'Joined Fri, 27 Nov 2026 08:01:00 +0000',
			},
		]);
		expect(space.server.requests[0].path).toBe(
			`${ACCOUNT_PATH}/Conferences/${conference.sid}/Participants`,
		);
	});

	it('takes the conference from a URL-mode locator too', async () => {
		const store = space.server.store;
		const conference = store.addConference({ friendlyName: 'Room' });
		const recording = store.addRecording(conference, {
			createdAt: new Date('2026-11-27T08:00:00Z'),
		});

		const result = await callListSearch(
			'searchConferenceRecordings',
			{
				resource: 'conferenceRecording',
				operation: 'get',
				conferenceId: {
					__rl: true,
					mode: 'url',
					value: `https://example.signalwire.com${ACCOUNT_PATH}/Conferences/${conference.sid}.json`,
				},
			},
			space.credentials,
		);

		expect(result.results).toEqual([
			{
				name: 'Fri, 27 Nov 2026 08:00:00 +0000 (in-progress, 0 s)',
				value: recording.sid,
				description: recording.sid,
			},
		]);
	});

	it('asks for the conference first when none is chosen', async () => {
		await expect(
			callListSearch(
				'searchParticipants',
				{
					resource: 'participant',
					operation: 'get',
					conferenceId: { __rl: true, mode: 'list', value: '' },
				},
				space.credentials,
			),
		).rejects.toMatchObject({ message: 'Choose the conference first' });
		expect(space.server.requests).toEqual([]);
	});
});
