import { startCallbackReceiver } from '../harness/callbackReceiver';
import { API_TOKEN, AUTHORIZATION, PROJECT_ID } from '../harness/fixtures';
import { SignalWireServer } from './SignalWireServer';

describe('sandbox control endpoints the demo relies on', () => {
	let signalwire: SignalWireServer;
	let origin: string;
	const control = async (name: string, body: unknown) => {
		const response = await fetch(`${origin}/__sandbox/${name}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
	};
	const api = (method: string, resource: string, form?: string) =>
		fetch(`${origin}${signalwire.accountPath}${resource}`, {
			method,
			headers: {
				Authorization: AUTHORIZATION,
				...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
			},
			body: form,
		});

	beforeEach(async () => {
		signalwire = new SignalWireServer({ projectId: PROJECT_ID, apiToken: API_TOKEN });
		signalwire.enableControlEndpoints();
		origin = await signalwire.start();
	});
	afterEach(async () => {
		await signalwire.stop();
	});

	it('with requestedOnly, sends the callbacks of requested events and none for API calls', async () => {
		const receiver = await startCallbackReceiver();
		try {
			const conference = signalwire.store.addConference({ friendlyName: 'Support bridge' });
			const guest = signalwire.store.addParticipant(conference);
			expect(
				(await control('callback-target', { url: `${receiver.origin}/hook`, requestedOnly: true }))
					.status,
			).toBe(204);

			await (
				await api(
					'POST',
					`/Conferences/${conference.sid}/Participants/${guest.callSid}`,
					'Muted=true',
				)
			).text();
			await (await api('POST', `/Conferences/${conference.sid}`, 'Status=completed')).text();
			await signalwire.flushCallbacks();
			expect(receiver.events()).toEqual([]);

			const fired = await control('events', {
				event: 'participant-join',
				friendlyName: 'Support bridge',
			});
			expect(fired.status).toBe(200);
			// Every "Support bridge" had ended: the join started a new one, as a call into it would.
			expect(receiver.events()).toEqual(['conference-start', 'participant-join']);
			const running = [...signalwire.store.conferences.values()].filter(
				(candidate) =>
					candidate.friendlyName === 'Support bridge' && candidate.status === 'in-progress',
			);
			expect(running).toHaveLength(1);
			expect(fired.body).toMatchObject({ event: 'participant-join', outcome: 200 });
		} finally {
			await receiver.close();
		}
	});

	it('adds conferences of given dates where the newest-first list puts them; a reset removes them', async () => {
		const seeded = signalwire.store.addConference({
			friendlyName: 'Seeded room',
			createdAt: new Date('2025-06-01T10:00:00Z'),
		});
		const names = async () =>
			(
				(await (await api('GET', '/Conferences?PageSize=10')).json()) as {
					conferences: Array<{ friendly_name: string }>;
				}
			).conferences.map((conference) => conference.friendly_name);

		const added = await control('conferences', {
			conferences: [
				{
					friendlyName: 'Old archive',
					status: 'completed',
					dateCreated: '2024-03-05T14:15:00Z',
					dateUpdated: '2024-03-05T15:00:00Z',
				},
				{ friendlyName: 'Newer room', dateCreated: '2025-07-01T10:00:00Z' },
			],
		});
		expect(added.status).toBe(201);
		const [old, newer] = (added.body as { conferences: Array<Record<string, unknown>> })
			.conferences;
		expect(old).toMatchObject({
			friendly_name: 'Old archive',
			status: 'completed',
			date_created: 'Tue, 05 Mar 2024 14:15:00 +0000',
			date_updated: 'Tue, 05 Mar 2024 15:00:00 +0000',
			uri: `${signalwire.accountPath}/Conferences/${String(old.sid)}.json`,
		});
		expect(newer).toMatchObject({ friendly_name: 'Newer room', status: 'in-progress' });
		expect(await names()).toEqual(['Newer room', 'Seeded room', 'Old archive']);

		// Nothing is added unless every entry is valid.
		const refused = await control('conferences', {
			conferences: [{ friendlyName: 'Fine' }, { friendlyName: 'Bad', dateCreated: 'yesterday' }],
		});
		expect(refused).toEqual({
			status: 400,
			body: {
				message:
					'conferences[1]: dateCreated and dateUpdated must be dates, e.g. 2024-03-05T14:15:00Z',
			},
		});
		expect((await control('conferences', { conferences: [{ status: 'init' }] })).status).toBe(400);
		expect(signalwire.store.conferences.size).toBe(3);

		expect((await control('reset', {})).status).toBe(204);
		expect(await names()).toEqual(['Seeded room']);
		expect(signalwire.store.conferences.get(seeded.sid)).toBe(seeded);
	});

	it('still refuses an event other than a join when no conference of that name runs', async () => {
		const fired = await control('events', { event: 'participant-mute', friendlyName: 'Nobody' });
		expect(fired.status).toBe(404);
		expect(signalwire.store.conferences.size).toBe(0);
	});

	it("answers GET /Calls/{Sid} with the participant's call: from, to, direction", async () => {
		const conference = signalwire.store.addConference({ friendlyName: 'Room' });
		const host = signalwire.store.addParticipant(conference, {
			call: { from: '+15550100000', to: '+13105550143', direction: 'outbound' },
		});

		const response = await api('GET', `/Calls/${host.callSid}`);
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({
			sid: host.callSid,
			from: '+15550100000',
			to: '+13105550143',
			direction: 'outbound',
			status: 'in-progress',
		});
		expect((await api('GET', '/Calls/00000000-0000-4000-8000-000000000000')).status).toBe(404);
		expect((await api('POST', `/Calls/${host.callSid}`)).status).toBe(405);
	});
});
