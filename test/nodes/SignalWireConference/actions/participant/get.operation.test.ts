import { runNode } from '../../../../harness/engine';
import { ACCOUNT_PATH, useSignalWireServer } from '../../../../harness/fixtures';

const space = useSignalWireServer();

function parameters(conference: string, participant: string) {
	return {
		resource: 'participant',
		operation: 'get',
		conferenceId: { __rl: true, mode: 'list', value: conference },
		participantId: { __rl: true, mode: 'id', value: participant },
	};
}

describe('Participant → Get', () => {
	it('gets one participant by conference and call ID', async () => {
		const store = space.server.store;
		const conference = store.addConference({ friendlyName: 'Room' });
		const participant = store.addParticipant(conference, { hold: true });

		const { items } = await runNode({
			parameters: parameters(conference.sid, participant.callSid),
			credentials: space.credentials,
		});

		expect(space.server.requests.map((request) => [request.method, request.path])).toEqual([
			['GET', `${ACCOUNT_PATH}/Conferences/${conference.sid}/Participants/${participant.callSid}`],
		]);
		expect(items).toEqual([
			{
				json: expect.objectContaining({ call_sid: participant.callSid, hold: true }),
				pairedItem: { item: 0 },
			},
		]);
	});

	it('refuses a call ID that is not a UUID before sending anything', async () => {
		const conference = space.server.store.addConference({ friendlyName: 'Room' });

		const { error } = await runNode({
			parameters: parameters(conference.sid, '={{ "../Recordings" }}'),
			credentials: space.credentials,
		});

		expect(error?.message).toBe(
			'Participant ID "../Recordings" is not a valid ID: SignalWire IDs are UUIDs',
		);
		expect(space.server.requests).toEqual([]);
	});

	it('says which participant was not found', async () => {
		const conference = space.server.store.addConference({ friendlyName: 'Room' });
		const missing = '0a0b0c0d-0000-4000-8000-000000000001';

		const { error } = await runNode({
			parameters: parameters(conference.sid, missing),
			credentials: space.credentials,
		});

		expect(error?.message).toBe(
			`The requested resource ${ACCOUNT_PATH}/Conferences/${conference.sid}/Participants/${missing} was not found (SignalWire error 20404, HTTP 404)`,
		);
		expect(error?.description).toBe(
			`No participant with call ID "${missing}" is in conference "${conference.sid}": check both IDs (a participant who left is no longer listed).`,
		);
	});
});
