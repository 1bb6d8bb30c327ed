import { runNode } from '../../../../harness/engine';
import {
	ACCOUNT_PATH,
	AUTHORIZATION,
	PROJECT_ID,
	expectNoToken,
	useSignalWireServer,
} from '../../../../harness/fixtures';

const space = useSignalWireServer();

function getParameters(mode: string, value: string) {
	return { resource: 'conference', operation: 'get', conferenceId: { __rl: true, mode, value } };
}

describe('Conference → Get', () => {
	it('gets the conference chosen by ID and outputs the API fields as they are', async () => {
		const conference = space.server.store.addConference({
			friendlyName: 'Support bridge',
			createdAt: new Date('2026-11-20T10:00:00Z'),
		});

		const { items, error } = await runNode({
			parameters: getParameters('id', conference.sid),
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		expect(space.server.requests).toHaveLength(1);
		const [request] = space.server.requests;
		expect(request.method).toBe('GET');
		expect(request.path).toBe(`${ACCOUNT_PATH}/Conferences/${conference.sid}`);
		expect(request.rawQuery).toBe('');
		expect(request.authorization).toBe(AUTHORIZATION);
		expect(request.headers.accept).toBe('application/json');
		expect(items).toEqual([
			{ json: space.server.store.conferenceJson(conference), pairedItem: { item: 0 } },
		]);
		expect(items[0].json).toMatchObject({
			sid: conference.sid,
			account_sid: PROJECT_ID,
			friendly_name: 'Support bridge',
			status: 'in-progress',
			date_created: 'Fri, 20 Nov 2026 10:00:00 +0000',
		});
		expectNoToken(items);
	});

	it.each([
		['a full URL', (sid: string, origin: string) => `${origin}${ACCOUNT_PATH}/Conferences/${sid}`],
		[
			'a URL ending in .json',
			(sid: string, origin: string) => `${origin}${ACCOUNT_PATH}/Conferences/${sid}.json`,
		],
		['the "uri" field', (sid: string) => `${ACCOUNT_PATH}/Conferences/${sid}.json`],
	])('gets the conference chosen by URL given as %s', async (_name, urlFor) => {
		const conference = space.server.store.addConference({ friendlyName: 'All hands' });

		const { items, error } = await runNode({
			parameters: getParameters('url', urlFor(conference.sid, space.server.origin)),
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		expect(space.server.requests.map((request) => request.path)).toEqual([
			`${ACCOUNT_PATH}/Conferences/${conference.sid}`,
		]);
		expect(items.map((item) => item.json.sid)).toEqual([conference.sid]);
	});

	it('gets the conference picked from the list (its value is the sid)', async () => {
		const conference = space.server.store.addConference({ friendlyName: 'Picked' });

		const { items } = await runNode({
			parameters: getParameters('list', conference.sid),
			credentials: space.credentials,
		});

		expect(items.map((item) => item.json.friendly_name)).toEqual(['Picked']);
	});

	it('pairs each output with its input item when several conferences are fetched', async () => {
		const first = space.server.store.addConference({ friendlyName: 'First' });
		const second = space.server.store.addConference({ friendlyName: 'Second' });

		const { items } = await runNode({
			parameters: getParameters('id', '={{ $json.conference }}'),
			items: [{ conference: second.sid }, { conference: first.sid }],
			credentials: space.credentials,
		});

		expect(items.map((item) => [item.json.friendly_name, item.pairedItem])).toEqual([
			['Second', { item: 0 }],
			['First', { item: 1 }],
		]);
	});

	it.each([
		[
			'not a UUID',
			'conference-1',
			'Conference ID "conference-1" is not a valid ID: SignalWire IDs are UUIDs',
		],
		[
			'a path traversal',
			'../../Calls',
			'Conference ID "../../Calls" is not a valid ID: SignalWire IDs are UUIDs',
		],
		[
			'a UUID with a path appended',
			'b3877c40-da60-4998-90ad-b792e98472cf/Participants',
			'Conference ID "b3877c40-da60-4998-90ad-b792e98472cf/Participants" is not a valid ID: SignalWire IDs are UUIDs',
		],
		['empty', '', 'Conference is empty'],
	])('refuses an ID that is %s before sending anything', async (_name, value, message) => {
		const { error } = await runNode({
			parameters: getParameters('id', '={{ $json.conference }}'),
			items: [{ conference: value }],
			credentials: space.credentials,
		});

		expect(error?.message).toBe(message);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.context?.itemIndex).toBe(0);
		expect(space.server.requests).toEqual([]);
	});

	it('lets n8n refuse a typed-in ID that is not a UUID, from the field validation', async () => {
		const { error } = await runNode({
			parameters: getParameters('id', 'conference-1'),
			credentials: space.credentials,
		});

		expect(error?.name).toBe('WorkflowHasIssuesError');
		expect(error?.message).toContain('Not a conference ID: SignalWire IDs are UUIDs');
		expect(space.server.requests).toEqual([]);
	});

	it('refuses a URL that is not a SignalWire conference URL before sending anything', async () => {
		const { error } = await runNode({
			parameters: getParameters('url', '={{ "https://example.com/some/page" }}'),
			credentials: space.credentials,
		});

		expect(error?.message).toBe(
			'Conference URL "https://example.com/some/page" is not a SignalWire conference URL',
		);
		expect(error?.description).toContain('/Conferences/<ID>');
		expect(space.server.requests).toEqual([]);
	});

	it('says which conference was not found on a 404', async () => {
		const missing = 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6';

		const { error, logs } = await runNode({
			parameters: getParameters('id', missing),
			credentials: space.credentials,
		});

		expect(logs).toContain('was not found');
		expectNoToken([error, logs]);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(
			`The requested resource ${ACCOUNT_PATH}/Conferences/${missing} was not found (SignalWire error 20404, HTTP 404)`,
		);
		expect(error?.description).toBe(
			`No conference with ID "${missing}" exists in this project: check the conference ID, or pick the conference from the list.`,
		);
		expect(error?.httpCode).toBe('404');
	});

	it('on continue-on-fail emits an error item paired to each failing input and goes on', async () => {
		const conference = space.server.store.addConference({ friendlyName: 'Exists' });
		const missing = 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6';

		const { items, error } = await runNode({
			parameters: getParameters('id', '={{ $json.conference }}'),
			items: [{ conference: 'nope' }, { conference: missing }, { conference: conference.sid }],
			credentials: space.credentials,
			continueOnFail: true,
		});

		expect(error).toBeUndefined();
		expect(items).toEqual([
			{
				json: {
					error: 'Conference ID "nope" is not a valid ID: SignalWire IDs are UUIDs',
					details: {
						description:
							'Use an ID like b3877c40-da60-4998-90ad-b792e98472cf, or choose the conference from the list.',
					},
				},
				pairedItem: { item: 0 },
			},
			{
				json: {
					error: `The requested resource ${ACCOUNT_PATH}/Conferences/${missing} was not found (SignalWire error 20404, HTTP 404)`,
					details: {
						description: `No conference with ID "${missing}" exists in this project: check the conference ID, or pick the conference from the list.`,
						httpCode: '404',
					},
				},
				pairedItem: { item: 1 },
			},
			{ json: space.server.store.conferenceJson(conference), pairedItem: { item: 2 } },
		]);
		expect(space.server.requests).toHaveLength(2);
	});
});
