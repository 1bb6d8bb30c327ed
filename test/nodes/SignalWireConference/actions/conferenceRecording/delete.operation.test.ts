import { runNode } from '../../../../harness/engine';
import { ACCOUNT_PATH, useSignalWireServer } from '../../../../harness/fixtures';

const space = useSignalWireServer();

describe('Conference Recording → Delete', () => {
	it('deletes with a DELETE, handles the empty 204 and says what was deleted; a second delete is a 404', async () => {
		const store = space.server.store;
		const conference = store.addConference({ friendlyName: 'Board' });
		const recording = store.addRecording(conference, { status: 'completed' });
		const parameters = {
			resource: 'conferenceRecording',
			operation: 'delete',
			conferenceId: { __rl: true, mode: 'id', value: conference.sid },
			recordingId: { __rl: true, mode: 'id', value: recording.sid },
		};

		const first = await runNode({ parameters, credentials: space.credentials });
		const second = await runNode({
			parameters,
			credentials: space.credentials,
			continueOnFail: true,
		});

		expect(space.server.requests.map((request) => [request.method, request.path])).toEqual([
			['DELETE', `${ACCOUNT_PATH}/Conferences/${conference.sid}/Recordings/${recording.sid}`],
			['DELETE', `${ACCOUNT_PATH}/Conferences/${conference.sid}/Recordings/${recording.sid}`],
		]);
		expect(first.items).toEqual([
			{
				json: { deleted: true, recordingSid: recording.sid, conferenceSid: conference.sid },
				pairedItem: { item: 0 },
			},
		]);
		expect(second.items).toEqual([
			{
				json: {
					error: `The requested resource ${ACCOUNT_PATH}/Conferences/${conference.sid}/Recordings/${recording.sid} was not found (SignalWire error 20404, HTTP 404)`,
					details: {
						description: `No recording with ID "${recording.sid}" belongs to conference "${conference.sid}": check both IDs.`,
						httpCode: '404',
					},
				},
				pairedItem: { item: 0 },
			},
		]);
	});
});
