import { runNode } from '../../../../harness/engine';
import { ACCOUNT_PATH, AUTHORIZATION, useSignalWireServer } from '../../../../harness/fixtures';

const space = useSignalWireServer();

function parameters(conference: string, participant: string) {
	return {
		resource: 'participant',
		operation: 'remove',
		conferenceId: { __rl: true, mode: 'id', value: conference },
		participantId: { __rl: true, mode: 'id', value: participant },
	};
}

describe('Participant → Remove', () => {
	it('kicks the participant with a DELETE, handles the empty 204, and outputs what was removed', async () => {
		const store = space.server.store;
		const conference = store.addConference({ friendlyName: 'Room' });
		const participant = store.addParticipant(conference);

		const { items, error } = await runNode({
			parameters: parameters(conference.sid, participant.callSid),
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		expect(space.server.requests).toEqual([
			expect.objectContaining({
				method: 'DELETE',
				path: `${ACCOUNT_PATH}/Conferences/${conference.sid}/Participants/${participant.callSid}`,
				body: '',
				authorization: AUTHORIZATION,
			}),
		]);
		expect(items).toEqual([
			{
				json: { deleted: true, callSid: participant.callSid, conferenceSid: conference.sid },
				pairedItem: { item: 0 },
			},
		]);
		expect(participant.status).toBe('completed');

		space.server.reset();
		const listed = await runNode({
			parameters: {
				resource: 'participant',
				operation: 'getAll',
				conferenceId: { __rl: true, mode: 'id', value: conference.sid },
				returnAll: true,
			},
			credentials: space.credentials,
		});
		expect(listed.items).toEqual([]);
	});

	it('reports a participant who already left as not found', async () => {
		const store = space.server.store;
		const conference = store.addConference({ friendlyName: 'Room' });
		const participant = store.addParticipant(conference, { status: 'completed' });

		const { error } = await runNode({
			parameters: parameters(conference.sid, participant.callSid),
			credentials: space.credentials,
		});

		expect(error?.httpCode).toBe('404');
		expect(error?.description).toContain(`No participant with call ID "${participant.callSid}"`);
	});
});
