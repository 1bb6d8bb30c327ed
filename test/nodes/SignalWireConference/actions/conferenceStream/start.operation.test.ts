import { runNode } from '../../../../harness/engine';
import { ACCOUNT_PATH, expectNoToken, useSignalWireServer } from '../../../../harness/fixtures';

const space = useSignalWireServer();
const BEARER = 'ws-bearer-SECRET-0123456789';

function parameters(conference: string, url: string, options: Record<string, unknown> = {}) {
	return {
		resource: 'conferenceStream',
		operation: 'start',
		conferenceId: { __rl: true, mode: 'id', value: conference },
		url,
		options,
	};
}

describe('Conference Stream → Start', () => {
	it('starts a stream with every option, custom parameters numbered from 1, and never outputs the bearer token', async () => {
		const conference = space.server.store.addConference({ friendlyName: 'Support bridge' });

		const { items, error, logs } = await runNode({
			parameters: parameters(conference.sid, 'wss://example.com/audio', {
				name: 'transcriber',
				track: 'inbound_track',
				statusCallback: 'https://example.com/stream-status',
				statusCallbackMethod: 'GET',
				streamCodec: 'L16@16000h',
				streamRealTime: true,
				customParameters: {
					parameter: [
						{ name: 'FirstName', value: 'Jane' },
						{ name: 'Team', value: 'Support & Sales' },
					],
				},
				authorizationBearerToken: BEARER,
			}),
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		const [request] = space.server.requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe(`${ACCOUNT_PATH}/Conferences/${conference.sid}/Streams`);
		expect(request.form).toEqual([
			['Url', 'wss://example.com/audio'],
			['Name', 'transcriber'],
			['Track', 'inbound_track'],
			['StatusCallbackMethod', 'GET'],
			['StatusCallback', 'https://example.com/stream-status'],
			['StreamCodec', 'L16@16000h'],
			['StreamRealTime', 'true'],
			['Parameter1.Name', 'FirstName'],
			['Parameter1.Value', 'Jane'],
			['Parameter2.Name', 'Team'],
			['Parameter2.Value', 'Support & Sales'],
			['AuthorizationBearerToken', BEARER],
		]);
		expect(items).toEqual([
			{
				json: {
					account_sid: space.server.store.projectId,
					conference_sid: conference.sid,
					date_updated: expect.any(String),
					name: 'transcriber',
					sid: expect.stringMatching(/^[0-9a-f-]{36}$/),
					status: 'in-progress',
					uri: expect.stringContaining(`/Conferences/${conference.sid}/Streams/`),
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(JSON.stringify([items, logs])).not.toContain(BEARER);
		expectNoToken([items, logs]);
	});

	it.each([
		['ws://example.com/audio', 'WebSocket URL "ws://example.com/audio" is not a wss:// URL'],
		['https://example.com/audio', 'WebSocket URL "https://example.com/audio" is not a wss:// URL'],
		[
			'wss://user:pw@example.com/audio',
			'WebSocket URL "wss://user:pw@example.com/audio" is not a wss:// URL',
		],
		['={{ "" }}', 'WebSocket URL "" is not a wss:// URL'],
		['={{ "javascript:alert(1)" }}', 'WebSocket URL "javascript:alert(1)" is not a wss:// URL'],
	])('refuses the URL %j before sending anything', async (url, message) => {
		const conference = space.server.store.addConference({ friendlyName: 'Room' });

		const { error } = await runNode({
			parameters: parameters(conference.sid, url),
			credentials: space.credentials,
		});

		expect(error?.message).toBe(message);
		expect(space.server.requests).toEqual([]);
	});

	it('refuses more than 99 custom parameters and a name that would change the stop URL', async () => {
		const conference = space.server.store.addConference({ friendlyName: 'Room' });
		const many = Array.from({ length: 100 }, (_, index) => ({ name: `P${index}`, value: 'x' }));

		const tooMany = await runNode({
			parameters: parameters(conference.sid, 'wss://example.com/a', {
				customParameters: { parameter: many },
			}),
			credentials: space.credentials,
		});
		const badName = await runNode({
			parameters: parameters(conference.sid, 'wss://example.com/a', { name: 'a/../b' }),
			credentials: space.credentials,
		});

		expect(tooMany.error?.message).toBe(
			'Custom Parameters has 100 entries; SignalWire accepts up to 99',
		);
		expect(badName.error?.message).toBe(
			'Name "a/../b" may only use letters, digits, "_" and "-" (up to 64)',
		);
		expect(space.server.requests).toEqual([]);
	});

	it('quotes what was sent on a 422, except the bearer token', async () => {
		const conference = space.server.store.addConference({
			friendlyName: 'Over',
			status: 'completed',
		});

		const { error, logs } = await runNode({
			parameters: parameters(conference.sid, 'wss://example.com/a', {
				authorizationBearerToken: BEARER,
			}),
			credentials: space.credentials,
		});

		expect(error?.message).toBe(
			'Conference is completed: streams can only start in a conference in progress (HTTP 422)',
		);
		expect(error?.description).toBe(
			'SignalWire refused a value: Conference is completed: streams can only start in a conference in progress. Correct that field and run again. Sent: Url="wss://example.com/a".',
		);
		// The node's own parameters travel with n8n errors as the workflow stores them; what the node
		// writes (message, description, logs, error items) must not quote the token.
		expect(JSON.stringify([error?.message, error?.description, logs])).not.toContain(BEARER);
	});
});
