import { runNode } from '../../../../harness/engine';
import {
	ACCOUNT_PATH,
	AUTHORIZATION,
	expectNoToken,
	useSignalWireServer,
} from '../../../../harness/fixtures';

const space = useSignalWireServer();

function updateParameters(conferenceId: string, updateFields: Record<string, unknown>) {
	return {
		resource: 'conference',
		operation: 'update',
		conferenceId: { __rl: true, mode: 'id', value: conferenceId },
		updateFields,
	};
}

describe('Conference → Update', () => {
	it('ends a conference with a form-encoded Status=completed and outputs the updated conference', async () => {
		const conference = space.server.store.addConference({ friendlyName: 'Support bridge' });
		space.server.store.now = () => new Date('2026-11-27T08:00:00Z');

		const { items, error } = await runNode({
			parameters: updateParameters(conference.sid, { status: 'completed' }),
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		expect(space.server.requests).toHaveLength(1);
		const [request] = space.server.requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe(`${ACCOUNT_PATH}/Conferences/${conference.sid}`);
		expect(request.rawQuery).toBe('');
		expect(request.contentType).toBe('application/x-www-form-urlencoded');
		expect(request.body).toBe('Status=completed');
		expect(request.authorization).toBe(AUTHORIZATION);
		expect(items).toEqual([
			{ json: space.server.store.conferenceJson(conference), pairedItem: { item: 0 } },
		]);
		expect(items[0].json).toMatchObject({
			status: 'completed',
			date_updated: 'Fri, 27 Nov 2026 08:00:00 +0000',
		});
	});

	it('announces into a conference with AnnounceUrl and AnnounceMethod', async () => {
		const conference = space.server.store.addConference({ friendlyName: 'All hands' });

		const { items } = await runNode({
			parameters: updateParameters(conference.sid, {
				announceUrl: 'https://example.com/say.xml?text=Hello world&lang=en',
				announceMethod: 'GET',
			}),
			credentials: space.credentials,
		});

		const [request] = space.server.requests;
		expect(request.form).toEqual([
			['AnnounceUrl', 'https://example.com/say.xml?text=Hello world&lang=en'],
			['AnnounceMethod', 'GET'],
		]);
		expect(request.body).toBe(
			'AnnounceUrl=https%3A%2F%2Fexample.com%2Fsay.xml%3Ftext%3DHello+world%26lang%3Den&AnnounceMethod=GET',
		);
		expect(conference.announcements).toEqual([
			{ url: 'https://example.com/say.xml?text=Hello world&lang=en', method: 'GET' },
		]);
		expect(items[0].json.status).toBe('in-progress');
	});

	it('sends all three fields together in the order of the spec', async () => {
		const conference = space.server.store.addConference({ friendlyName: 'Last words' });

		await runNode({
			parameters: updateParameters(conference.sid, {
				announceMethod: 'POST',
				status: 'completed',
				announceUrl: 'https://example.com/bye.mp3',
			}),
			credentials: space.credentials,
		});

		expect(space.server.requests[0].form).toEqual([
			['Status', 'completed'],
			['AnnounceUrl', 'https://example.com/bye.mp3'],
			['AnnounceMethod', 'POST'],
		]);
	});

	it.each([
		[{}, 'Nothing to update: add a field under Update Fields'],
		[{ announceUrl: '   ' }, 'Nothing to update: add a field under Update Fields'],
		[
			{ announceUrl: '={{ "javascript:alert(1)" }}' },
			'Announce URL "javascript:alert(1)" is not a valid http(s) URL',
		],
		[
			{ announceUrl: '={{ "file:///etc/passwd" }}' },
			'Announce URL "file:///etc/passwd" is not a valid http(s) URL',
		],
		[
			{ announceUrl: '={{ "https://user:pw@example.com/a.xml" }}' },
			'Announce URL "https://user:pw@example.com/a.xml" is not a valid http(s) URL',
		],
		[{ announceMethod: 'GET' }, 'Announce Method is set but Announce URL is empty'],
		[
			{ status: '={{ "in-progress" }}' },
			'Status "in-progress" cannot be set: only "completed" (end the conference) is allowed',
		],
	])('refuses %j before sending anything', async (updateFields, message) => {
		const conference = space.server.store.addConference({ friendlyName: 'Untouched' });

		const { error } = await runNode({
			parameters: updateParameters(conference.sid, updateFields),
			credentials: space.credentials,
		});

		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(message);
		expect(error?.context?.itemIndex).toBe(0);
		expect(space.server.requests).toEqual([]);
	});

	it('says which value SignalWire refused on a 422 (a completed conference cannot be updated)', async () => {
		const conference = space.server.store.addConference({
			friendlyName: 'Over',
			status: 'completed',
		});

		const { error } = await runNode({
			parameters: updateParameters(conference.sid, { announceUrl: 'https://example.com/late.xml' }),
			credentials: space.credentials,
		});

		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(
			'Conference is already completed and cannot be updated (SignalWire error 10000, HTTP 422)',
		);
		expect(error?.description).toBe(
			'SignalWire refused a value: Conference is already completed and cannot be updated. Correct that field and run again. Sent: AnnounceUrl="https://example.com/late.xml".',
		);
		expect(error?.httpCode).toBe('422');
	});

	it('ends several conferences, one per input item, and with continue-on-fail keeps going past failures', async () => {
		const first = space.server.store.addConference({ friendlyName: 'One' });
		const done = space.server.store.addConference({ friendlyName: 'Done', status: 'completed' });
		const third = space.server.store.addConference({ friendlyName: 'Three' });

		const { items, error, logs } = await runNode({
			parameters: {
				...updateParameters('={{ $json.sid }}', { status: 'completed' }),
			},
			items: [{ sid: first.sid }, { sid: done.sid }, { sid: 'x/../y' }, { sid: third.sid }],
			credentials: space.credentials,
			continueOnFail: true,
		});

		expect(error).toBeUndefined();
		expect(
			items.map((item) => [item.json.friendly_name ?? item.json.error, item.pairedItem]),
		).toEqual([
			['One', { item: 0 }],
			[
				'Conference is already completed and cannot be updated (SignalWire error 10000, HTTP 422)',
				{ item: 1 },
			],
			['Conference ID "x/../y" is not a valid ID: SignalWire IDs are UUIDs', { item: 2 }],
			['Three', { item: 3 }],
		]);
		expect(space.server.requests.map((request) => request.path)).toEqual([
			`${ACCOUNT_PATH}/Conferences/${first.sid}`,
			`${ACCOUNT_PATH}/Conferences/${done.sid}`,
			`${ACCOUNT_PATH}/Conferences/${third.sid}`,
		]);
		expect(first.status).toBe('completed');
		expect(third.status).toBe('completed');
		expectNoToken([items, logs]);
	});

	it('without continue-on-fail stops at the first failing item', async () => {
		const done = space.server.store.addConference({ friendlyName: 'Done', status: 'completed' });
		const after = space.server.store.addConference({ friendlyName: 'After' });

		const { error } = await runNode({
			parameters: updateParameters('={{ $json.sid }}', { status: 'completed' }),
			items: [{ sid: done.sid }, { sid: after.sid }],
			credentials: space.credentials,
		});

		expect(error?.message).toBe(
			'Conference is already completed and cannot be updated (SignalWire error 10000, HTTP 422)',
		);
		expect(error?.context?.itemIndex).toBe(0);
		expect(after.status).toBe('in-progress');
		expect(space.server.requests).toHaveLength(1);
	});
});
