import { formatWhen } from '../../../../nodes/SignalWireConference/methods/labels';
import { callListSearch, nodeTypeInstances, PACKAGE } from '../../../harness/engine';
import { ACCOUNT_PATH, AUTHORIZATION, useSignalWireServer } from '../../../harness/fixtures';
import type { ConferenceRecord } from '../../../server/store';

const space = useSignalWireServer();
const parameters = { resource: 'conference', operation: 'get' };
/** n8n's default time zone, which the test engine runs in. */
const TIME_ZONE = 'America/New_York';
const MINUTE = 60_000;
const CONFERENCES = `${ACCOUNT_PATH}/Conferences`;

const ago = (minutes: number) => new Date(Date.now() - minutes * MINUTE - 20_000);
const when = (date: Date) => formatWhen(date.getTime(), TIME_ZONE, Date.now());

function pickedConference(value: string) {
	return { ...parameters, conferenceId: { __rl: true, mode: 'list', value } };
}

/** The query of each request, as sent, in the order the server received them. */
const queries = () => space.server.requests.map((request) => request.rawQuery);

/** The SignalWire URL a picker entry links to: the resource's `uri` without `.json`. */
const link = (path: string) => `${space.credentials.spaceUrl}${ACCOUNT_PATH}${path}`;

/** One conference in each state: ended, running, not started. */
function oneOfEach() {
	const store = space.server.store;
	const older = store.addConference({
		friendlyName: 'Older',
		createdAt: new Date('2026-11-01T10:00:00Z'),
		updatedAt: new Date('2026-11-01T10:35:00Z'),
		status: 'completed',
	});
	const running = store.addConference({ friendlyName: 'Running', createdAt: ago(40) });
	const waiting = store.addConference({
		friendlyName: 'Waiting',
		createdAt: ago(2),
		status: 'init',
	});
	return { older, running, waiting };
}

describe('listSearch: searchConferences, nothing typed', () => {
	it('lists conferences newest first, each with its status, start and duration', async () => {
		const { older, running, waiting } = oneOfEach();

		const result = await callListSearch('searchConferences', parameters, space.credentials);

		expect(result.results).toEqual([
			{
				name: `Waiting · not started · created ${when(waiting.createdAt)}`,
				value: waiting.sid,
				url: link(`/Conferences/${waiting.sid}`),
			},
			{
				name: `Running · running 40 min · since ${when(running.createdAt)}`,
				value: running.sid,
				url: link(`/Conferences/${running.sid}`),
			},
			{
				name: `Older · ended · ${when(older.createdAt)} · 35 min`,
				value: older.sid,
				url: link(`/Conferences/${older.sid}`),
			},
		]);
		expect(result.paginationToken).toBeUndefined();
		expect(space.server.requests).toHaveLength(1);
		expect(space.server.requests[0]).toMatchObject({
			method: 'GET',
			path: CONFERENCES,
			rawQuery: 'PageSize=50',
			authorization: AUTHORIZATION,
		});
	});

	it('tells namesakes apart, and adds the start of the ID when even that is not enough', async () => {
		const store = space.server.store;
		const started = ago(12);
		const twins = [
			store.addConference({ friendlyName: 'Incident bridge', createdAt: started }),
			store.addConference({ friendlyName: 'Incident bridge', createdAt: started }),
		];
		store.addConference({ friendlyName: 'Incident bridge', createdAt: ago(125) });
		store.addConference({
			friendlyName: 'Incident bridge',
			status: 'completed',
			createdAt: new Date('2026-10-18T09:00:00Z'),
			updatedAt: new Date('2026-10-18T10:20:00Z'),
		});

		const { results } = await callListSearch('searchConferences', parameters, space.credentials);

		const names = results.map((result) => result.name);
		expect(new Set(names).size).toBe(4);
		expect(names).toEqual(
			expect.arrayContaining([
				...twins.map(
					(twin) =>
						`Incident bridge · running 12 min · since ${when(started)} · ID ${twin.sid.slice(0, 8)}`,
				),
				`Incident bridge · running 2 h 5 min · since ${when(ago(125))}`,
				`Incident bridge · ended · ${when(new Date('2026-10-18T09:00:00Z'))} · 1 h 20 min`,
			]),
		);
	});

	it('pages with next_page_uri as a string token', async () => {
		for (let index = 0; index < 60; index++) {
			space.server.store.addConference({
				friendlyName: `Room ${index}`,
				createdAt: new Date(Date.UTC(2026, 0, 1, index)),
				status: 'completed',
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
		expect(second.results.map((result) => result.name.split(' · ')[0])).toEqual(
			[9, 8, 7, 6, 5, 4, 3, 2, 1, 0].map((index) => `Room ${index}`),
		);
		expect(second.paginationToken).toBeUndefined();
		// The token holds the next page link; its fragment (the page count) never reaches the server.
		const { conferences: next } = JSON.parse(first.paginationToken as string) as {
			conferences: string;
		};
		expect(`${space.server.requests[1].path}?${space.server.requests[1].rawQuery}`).toBe(
			next.split('#')[0],
		);
	});

	it('puts the picked conference first when it is not on the page, so n8n keeps its label', async () => {
		const store = space.server.store;
		const picked = store.addConference({
			friendlyName: 'Support bridge',
			createdAt: new Date('2026-01-01T10:00:00Z'),
			updatedAt: new Date('2026-01-01T10:50:00Z'),
			status: 'completed',
		});
		for (let index = 0; index < 60; index++) {
			store.addConference({ friendlyName: `Room ${index}`, createdAt: ago(index) });
		}

		const result = await callListSearch(
			'searchConferences',
			pickedConference(picked.sid),
			space.credentials,
		);

		expect(result.results).toHaveLength(51);
		expect(result.results[0]).toEqual({
			name: `Support bridge · ended · ${when(picked.createdAt)} · 50 min`,
			value: picked.sid,
			url: link(`/Conferences/${picked.sid}`),
		});
		expect(space.server.requests.map((request) => request.path)).toEqual([
			CONFERENCES,
			`${CONFERENCES}/${picked.sid}`,
		]);
	});

	it('asks for nothing more when the picked conference is on the page', async () => {
		const picked = space.server.store.addConference({ friendlyName: 'All hands' });

		const result = await callListSearch(
			'searchConferences',
			pickedConference(picked.sid),
			space.credentials,
		);

		expect(result.results.map((entry) => entry.value)).toEqual([picked.sid]);
		expect(space.server.requests).toHaveLength(1);
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

const nodeProperties = () =>
	nodeTypeInstances[`${PACKAGE}.signalWireConference`].description.properties;

describe('listSearch: searchConferencesRunningFirst (Announce, Add, End, Mute…)', () => {
	it.each([
		['conference', 'announce'],
		['conference', 'end'],
		['participant', 'add'],
		['participant', 'mute'],
	])('is the conference picker of %s → %s', (resource, operation) => {
		const property = nodeProperties().find(
			(entry) =>
				entry.name === 'conferenceId' &&
				entry.displayOptions?.show?.resource?.includes(resource) &&
				entry.displayOptions?.show?.operation?.includes(operation),
		);
		expect(property?.modes?.[0].typeOptions?.searchListMethod).toBe(
			'searchConferencesRunningFirst',
		);
	});

	it('lists running conferences first, then the rest newest first, each saying its state', async () => {
		const { older, running, waiting } = oneOfEach();

		const result = await callListSearch(
			'searchConferencesRunningFirst',
			{ resource: 'conference', operation: 'end' },
			space.credentials,
		);

		expect(result.results.map((entry) => entry.name)).toEqual([
			`Running · running 40 min · since ${when(running.createdAt)}`,
			`Waiting · not started · created ${when(waiting.createdAt)}`,
			`Older · ended · ${when(older.createdAt)} · 35 min`,
		]);
		expect(queries()).toEqual(['PageSize=50', 'Status=in-progress&PageSize=50']);
		expect(result.paginationToken).toBeUndefined();
	});

	it('pages on through the rest with its token, showing no running conference twice', async () => {
		const store = space.server.store;
		const running = store.addConference({ friendlyName: 'Live', createdAt: ago(5) });
		for (let index = 0; index < 60; index++) {
			store.addConference({
				friendlyName: `Room ${index}`,
				createdAt: ago(100 + index),
				status: 'completed',
			});
		}

		const first = await callListSearch(
			'searchConferencesRunningFirst',
			{ resource: 'conference', operation: 'end' },
			space.credentials,
		);
		const second = await callListSearch(
			'searchConferencesRunningFirst',
			{ resource: 'conference', operation: 'end' },
			space.credentials,
			undefined,
			first.paginationToken as string,
		);

		const values = [...first.results, ...second.results].map((entry) => entry.value);
		expect(values[0]).toBe(running.sid);
		expect(values).toHaveLength(61);
		expect(new Set(values).size).toBe(61);
		expect(second.paginationToken).toBeUndefined();
	});
});

describe('listSearch: searchConferences, text typed', () => {
	/** `count` conferences, the newest first, with `named` placed at the given positions. */
	function fill(count: number, named: Record<number, Partial<ConferenceRecord>> = {}) {
		const placed: Record<number, ConferenceRecord> = {};
		for (let index = 0; index < count; index++) {
			const fields = named[index] ?? {};
			placed[index] = space.server.store.addConference({
				friendlyName: `Room ${index}`,
				status: 'completed',
				createdAt: new Date(Date.UTC(2026, 10, 1) - index * MINUTE),
				...fields,
			});
		}
		return placed;
	}

	it('asks SignalWire for the exact name and scans every page for names that contain the text', async () => {
		const placed = fill(450, {
			3: { friendlyName: 'Incident bridge' },
			120: { friendlyName: 'Incident bridge' },
			260: { friendlyName: 'Incident review' },
			430: { friendlyName: 'Incident bridge' },
		});

		const result = await callListSearch(
			'searchConferences',
			parameters,
			space.credentials,
			'Incident bridge',
		);

		// The exact name from SignalWire's FriendlyName filter: all three, from wherever they are.
		expect(result.results.map((entry) => entry.value)).toEqual([
			placed[3].sid,
			placed[120].sid,
			placed[430].sid,
		]);
		expect(result.paginationToken).toBeUndefined();
		expect(queries().sort()).toEqual(
			[
				'FriendlyName=Incident+bridge&PageSize=200',
				'PageSize=200',
				expect.stringMatching(/^PageSize=200&Page=1&PageToken=/),
				expect.stringMatching(/^PageSize=200&Page=2&PageToken=/),
			].sort(),
		);
	});

	it('finds text in any case anywhere in the name, beyond the first page', async () => {
		const placed = fill(450, {
			3: { friendlyName: 'Incident bridge' },
			260: { friendlyName: 'Incident review' },
			430: { friendlyName: 'Old incident bridge' },
		});

		const result = await callListSearch(
			'searchConferences',
			parameters,
			space.credentials,
			'incident',
		);

		expect(result.results.map((entry) => entry.value)).toEqual([
			placed[3].sid,
			placed[260].sid,
			placed[430].sid,
		]);
		expect(result.results[1].name).toBe(
			`Incident review · ended · ${when(placed[260].createdAt)} · under 1 min`,
		);
	});

	it('reads at most five pages per call, and its token carries on where it stopped', async () => {
		const placed = fill(1100, { 1050: { friendlyName: 'Board prep' } });

		const first = await callListSearch('searchConferences', parameters, space.credentials, 'board');
		expect(first.results).toEqual([]);
		expect(space.server.requests).toHaveLength(6);
		expect(typeof first.paginationToken).toBe('string');

		space.server.reset();
		const second = await callListSearch(
			'searchConferences',
			parameters,
			space.credentials,
			'board',
			first.paginationToken as string,
		);
		expect(second.results.map((entry) => entry.value)).toEqual([placed[1050].sid]);
		expect(second.paginationToken).toBeUndefined();
		expect(queries()).toEqual([expect.stringMatching(/^PageSize=200&Page=5&PageToken=/)]);
	});

	it('stops early once it has enough matches to show', async () => {
		fill(
			1000,
			Object.fromEntries([...Array(30).keys()].map((i) => [i, { friendlyName: `Sync ${i}` }])),
		);

		const result = await callListSearch('searchConferences', parameters, space.credentials, 'sync');

		expect(result.results).toHaveLength(30);
		// The exact-name query, and one page of the scan.
		expect(space.server.requests).toHaveLength(2);
		expect(typeof result.paginationToken).toBe('string');
	});

	it('finds a conference by its ID directly', async () => {
		const placed = fill(3);

		const result = await callListSearch(
			'searchConferences',
			parameters,
			space.credentials,
			` ${placed[1].sid.toUpperCase()} `,
		);

		expect(result.results.map((entry) => entry.value)).toEqual([placed[1].sid]);
		expect(space.server.requests.map((request) => request.path)).toEqual([
			`${CONFERENCES}/${placed[1].sid}`,
		]);
	});

	it('keeps the picked conference on top of a search it does not match', async () => {
		const placed = fill(5, {
			0: { friendlyName: 'All hands' },
			4: { friendlyName: 'Support bridge' },
		});

		const result = await callListSearch(
			'searchConferences',
			pickedConference(placed[4].sid),
			space.credentials,
			'All hands',
		);

		expect(result.results.map((entry) => entry.value)).toEqual([placed[4].sid, placed[0].sid]);
	});

	it('refuses a token it did not make', async () => {
		await expect(
			callListSearch('searchConferences', parameters, space.credentials, 'x', 'not-a-token'),
		).rejects.toMatchObject({ message: 'The list could not load more entries' });
		expect(space.server.requests).toEqual([]);
	});
});

describe('listSearch: searchParticipants and searchConferenceRecordings', () => {
	const participantParameters = (conferenceSid: string, participantId = '') => ({
		resource: 'participant',
		operation: 'get',
		conferenceId: { __rl: true, mode: 'list', value: conferenceSid },
		participantId: { __rl: true, mode: 'list', value: participantId },
	});

	it("shows each participant by their call's number or SIP address, state and join time", async () => {
		const store = space.server.store;
		const conference = store.addConference({ friendlyName: 'Room' });
		const host = store.addParticipant(conference, {
			createdAt: new Date('2026-11-27T08:00:00Z'),
			call: { from: '+15550100000', to: '+13105550143', direction: 'outbound' },
		});
		const guest = store.addParticipant(conference, {
			createdAt: new Date('2026-11-27T08:01:00Z'),
			muted: true,
			hold: true,
			call: { from: 'sip:alice@example.com', to: '+15550100000', direction: 'inbound' },
		});
		const coach = store.addParticipant(conference, {
			createdAt: new Date('2026-11-27T08:02:00Z'),
			coaching: true,
			call: { from: '+12025550188', to: '+15550100000', direction: 'inbound' },
		});
		store.addParticipant(conference, { status: 'completed' });

		const result = await callListSearch(
			'searchParticipants',
			participantParameters(conference.sid),
			space.credentials,
		);

		expect(result.results).toEqual([
			{
				name: `+13105550143 · joined ${when(host.createdAt)}`,
				value: host.callSid,
				url: link(`/Conferences/${conference.sid}/Participants/${host.callSid}`),
			},
			{
				name: `sip:alice@example.com · muted, on hold · joined ${when(guest.createdAt)}`,
				value: guest.callSid,
				url: link(`/Conferences/${conference.sid}/Participants/${guest.callSid}`),
			},
			{
				name: `+12025550188 · coaching · joined ${when(coach.createdAt)}`,
				value: coach.callSid,
				url: link(`/Conferences/${conference.sid}/Participants/${coach.callSid}`),
			},
		]);
		const [list, ...calls] = space.server.requests;
		expect(list).toMatchObject({
			path: `${CONFERENCES}/${conference.sid}/Participants`,
			rawQuery: 'PageSize=50',
		});
		expect(calls.map((request) => `${request.method} ${request.path}`).sort()).toEqual(
			[host, guest, coach].map((p) => `GET ${ACCOUNT_PATH}/Calls/${p.callSid}`).sort(),
		);
	});

	it('reads the calls a few at a time, and labels by call ID a call it cannot read', async () => {
		const store = space.server.store;
		const conference = store.addConference({ friendlyName: 'Room' });
		const people = Array.from({ length: 20 }, (_, index) =>
			store.addParticipant(conference, { createdAt: new Date(Date.UTC(2026, 10, 27, 8, index)) }),
		);
		space.server.intercept((request) =>
			request.path.endsWith(`/Calls/${people[3].callSid}`)
				? { status: 500, body: { code: 0, message: 'boom', status: 500 } }
				: undefined,
		);
		space.server.options.latencyMs = 20;
		try {
			const result = await callListSearch(
				'searchParticipants',
				participantParameters(conference.sid),
				space.credentials,
			);
			expect(result.results).toHaveLength(20);
			expect(result.results[3].name).toBe(
				`Call ${people[3].callSid} · joined ${when(people[3].createdAt)}`,
			);
			expect(result.results[4].name).toBe(
				`${people[4].call.from} · joined ${when(people[4].createdAt)}`,
			);
			expect(space.server.maxInFlight).toBeGreaterThan(1);
			expect(space.server.maxInFlight).toBeLessThanOrEqual(8);
		} finally {
			space.server.options.latencyMs = undefined;
		}
	});

	it('searches numbers across pages of participants', async () => {
		const store = space.server.store;
		const conference = store.addConference({ friendlyName: 'Town hall' });
		const people = Array.from({ length: 70 }, (_, index) =>
			store.addParticipant(conference, {
				createdAt: new Date(Date.UTC(2026, 10, 27, 8, 0, index)),
				call: {
					from: `+1202555${String(1000 + index)}`,
					to: '+15550100000',
					direction: 'inbound',
				},
			}),
		);

		const result = await callListSearch(
			'searchParticipants',
			participantParameters(conference.sid),
			space.credentials,
			'5551065',
		);

		expect(result.results.map((entry) => entry.value)).toEqual([people[65].callSid]);
		expect(result.paginationToken).toBeUndefined();
	});

	it('keeps the picked participant in the list', async () => {
		const store = space.server.store;
		const conference = store.addConference({ friendlyName: 'Room' });
		const picked = store.addParticipant(conference, {
			createdAt: new Date('2026-11-27T08:00:00Z'),
			call: { from: '+13105550143', to: '+15550100000', direction: 'inbound' },
		});
		store.addParticipant(conference, {
			call: { from: '+12025550188', to: '+15550100000', direction: 'inbound' },
		});

		const result = await callListSearch(
			'searchParticipants',
			participantParameters(conference.sid, picked.callSid),
			space.credentials,
			'202',
		);

		expect(result.results.map((entry) => entry.name.split(' · ')[0])).toEqual([
			'+13105550143',
			'+12025550188',
		]);
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
				name: `Recording from ${when(recording.createdAt)} · in-progress · 0 s`,
				value: recording.sid,
				url: link(`/Conferences/${conference.sid}/Recordings/${recording.sid}`),
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
