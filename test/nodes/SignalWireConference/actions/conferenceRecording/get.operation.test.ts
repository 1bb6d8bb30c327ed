import { runNode } from '../../../../harness/engine';
import { ACCOUNT_PATH, useSignalWireServer } from '../../../../harness/fixtures';

const space = useSignalWireServer();

describe('Conference Recording → Get', () => {
	it('gets one recording', async () => {
		const store = space.server.store;
		const conference = store.addConference({ friendlyName: 'Board' });
		const recording = store.addRecording(conference);

		const { items } = await runNode({
			parameters: {
				resource: 'conferenceRecording',
				operation: 'get',
				conferenceId: { __rl: true, mode: 'id', value: conference.sid },
				recordingId: { __rl: true, mode: 'list', value: recording.sid },
			},
			credentials: space.credentials,
		});

		expect(space.server.requests.map((request) => [request.method, request.path])).toEqual([
			['GET', `${ACCOUNT_PATH}/Conferences/${conference.sid}/Recordings/${recording.sid}`],
		]);
		expect(items.map((item) => item.json.sid)).toEqual([recording.sid]);
	});

	it('refuses a recording ID that is not a UUID before sending anything', async () => {
		const conference = space.server.store.addConference({ friendlyName: 'Board' });

		const { error } = await runNode({
			parameters: {
				resource: 'conferenceRecording',
				operation: 'get',
				conferenceId: { __rl: true, mode: 'id', value: conference.sid },
				recordingId: { __rl: true, mode: 'id', value: '={{ "RE123%2F..%2F" }}' },
			},
			credentials: space.credentials,
		});

		expect(error?.message).toBe(
			'Recording ID "RE123%2F..%2F" is not a valid ID: SignalWire IDs are UUIDs',
		);
		expect(space.server.requests).toEqual([]);
	});
});
