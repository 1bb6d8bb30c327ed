import { runNode } from '../../../../harness/engine';
import { ACCOUNT_PATH, useSignalWireServer } from '../../../../harness/fixtures';

const space = useSignalWireServer();

function parameters(conference: string, stream: { mode: string; value: string }) {
	return {
		resource: 'conferenceStream',
		operation: 'stop',
		conferenceId: { __rl: true, mode: 'id', value: conference },
		streamId: { __rl: true, ...stream },
	};
}

async function startStream(conferenceSid: string, name: string) {
	const started = await runNode({
		parameters: {
			resource: 'conferenceStream',
			operation: 'start',
			conferenceId: { __rl: true, mode: 'id', value: conferenceSid },
			url: 'wss://example.com/a',
			options: { name },
		},
		credentials: space.credentials,
	});
	space.server.reset();
	return String(started.items[0].json.sid);
}

describe('Conference Stream → Stop', () => {
	it('stops a stream by ID with Status=stopped', async () => {
		const conference = space.server.store.addConference({ friendlyName: 'Room' });
		const sid = await startStream(conference.sid, 'recorder');

		const { items } = await runNode({
			parameters: parameters(conference.sid, { mode: 'id', value: sid }),
			credentials: space.credentials,
		});

		expect(space.server.requests).toEqual([
			expect.objectContaining({
				method: 'POST',
				path: `${ACCOUNT_PATH}/Conferences/${conference.sid}/Streams/${sid}`,
				body: 'Status=stopped',
			}),
		]);
		expect(items[0].json).toMatchObject({ sid, status: 'stopped', name: 'recorder' });
	});

	it('stops a stream by the name it was started with', async () => {
		const conference = space.server.store.addConference({ friendlyName: 'Room' });
		const sid = await startStream(conference.sid, 'transcriber');

		const { items } = await runNode({
			parameters: parameters(conference.sid, { mode: 'name', value: 'transcriber' }),
			credentials: space.credentials,
		});

		expect(space.server.requests[0].path).toBe(
			`${ACCOUNT_PATH}/Conferences/${conference.sid}/Streams/transcriber`,
		);
		expect(items[0].json).toMatchObject({ sid, status: 'stopped' });
	});

	it.each([
		[
			{ mode: 'id', value: '={{ "transcriber" }}' },
			'Stream ID "transcriber" is not a valid ID: SignalWire IDs are UUIDs',
		],
		[{ mode: 'name', value: '={{ "../../Calls" }}' }, 'Stream name "../../Calls" is not valid'],
	])('refuses %j before sending anything', async (stream, message) => {
		const conference = space.server.store.addConference({ friendlyName: 'Room' });

		const { error } = await runNode({
			parameters: parameters(conference.sid, stream),
			credentials: space.credentials,
		});

		expect(error?.message).toBe(message);
		expect(space.server.requests).toEqual([]);
	});
});
