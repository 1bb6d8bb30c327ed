import { runNode } from '../../../../harness/engine';
import { ACCOUNT_PATH, useSignalWireServer } from '../../../../harness/fixtures';

const space = useSignalWireServer();

describe('Participant → Mute, Unmute, Hold, Unhold', () => {
	it.each([
		['mute', 'Muted', 'true', { muted: true }],
		['unmute', 'Muted', 'false', { muted: false }],
		['hold', 'Hold', 'true', { hold: true }],
		['unhold', 'Hold', 'false', { hold: false }],
	])('%s sends the single documented update %s=%s', async (operation, field, value, expected) => {
		const store = space.server.store;
		const conference = store.addConference({ friendlyName: 'Room' });
		const participant = store.addParticipant(conference, {
			muted: value === 'false',
			hold: value === 'false',
		});

		const { items, error } = await runNode({
			parameters: {
				resource: 'participant',
				operation,
				conferenceId: { __rl: true, mode: 'id', value: conference.sid },
				participantId: { __rl: true, mode: 'id', value: participant.callSid },
			},
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		expect(space.server.requests).toEqual([
			expect.objectContaining({
				method: 'POST',
				path: `${ACCOUNT_PATH}/Conferences/${conference.sid}/Participants/${participant.callSid}`,
				body: `${field}=${value}`,
			}),
		]);
		expect(items[0].json).toMatchObject(expected);
		expect(participant).toMatchObject(expected);
	});

	it('mutes everyone except the host, one item per participant, paired and continuing past a failure', async () => {
		const store = space.server.store;
		const conference = store.addConference({ friendlyName: 'Town hall' });
		const guests = [store.addParticipant(conference), store.addParticipant(conference)];
		const left = store.addParticipant(conference, { status: 'completed' });

		const { items, error } = await runNode({
			parameters: {
				resource: 'participant',
				operation: 'mute',
				conferenceId: { __rl: true, mode: 'id', value: conference.sid },
				participantId: { __rl: true, mode: 'id', value: '={{ $json.call_sid }}' },
			},
			items: [
				{ call_sid: guests[0].callSid },
				{ call_sid: left.callSid },
				{ call_sid: guests[1].callSid },
			],
			credentials: space.credentials,
			continueOnFail: true,
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.muted ?? item.json.error, item.pairedItem])).toEqual([
			[true, { item: 0 }],
			[
				'Participant is no longer in the conference and cannot be updated (SignalWire error 10000, HTTP 422)',
				{ item: 1 },
			],
			[true, { item: 2 }],
		]);
	});
});
