import { runNode } from '../../../../harness/engine';
import { ACCOUNT_PATH, useSignalWireServer } from '../../../../harness/fixtures';

const space = useSignalWireServer();

function parameters(
	conference: string,
	participant: string,
	updateFields: Record<string, unknown>,
) {
	return {
		resource: 'participant',
		operation: 'update',
		conferenceId: { __rl: true, mode: 'id', value: conference },
		participantId: { __rl: true, mode: 'id', value: participant },
		updateFields,
	};
}

function setup() {
	const store = space.server.store;
	const conference = store.addConference({ friendlyName: 'Room' });
	return {
		conference,
		host: store.addParticipant(conference),
		agent: store.addParticipant(conference),
	};
}

describe('Participant → Update', () => {
	it('sends every field form-encoded in the order of the spec and outputs the updated participant', async () => {
		const { conference, host, agent } = setup();

		const { items, error } = await runNode({
			parameters: parameters(conference.sid, agent.callSid, {
				waitMethod: 'GET',
				waitUrl: 'https://example.com/wait.xml',
				muted: true,
				holdUrl: 'https://example.com/hold.mp3',
				holdMethod: 'POST',
				hold: false,
				callSidToCoach: host.callSid,
				coaching: true,
				announceMethod: 'GET',
				announceUrl: 'https://example.com/whisper.xml',
			}),
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		const [request] = space.server.requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe(
			`${ACCOUNT_PATH}/Conferences/${conference.sid}/Participants/${agent.callSid}`,
		);
		expect(request.contentType).toBe('application/x-www-form-urlencoded');
		expect(request.form).toEqual([
			['AnnounceUrl', 'https://example.com/whisper.xml'],
			['AnnounceMethod', 'GET'],
			['Coaching', 'true'],
			['CallSidToCoach', host.callSid],
			['Hold', 'false'],
			['HoldMethod', 'POST'],
			['HoldUrl', 'https://example.com/hold.mp3'],
			['Muted', 'true'],
			['WaitUrl', 'https://example.com/wait.xml'],
			['WaitMethod', 'GET'],
		]);
		expect(items[0].json).toMatchObject({
			muted: true,
			coaching: true,
			call_sid_to_coach: host.callSid,
		});
	});

	it.each([
		[{}, 'Nothing to update: add a field under Update Fields'],
		[{ coaching: true }, 'Coaching needs Call SID to Coach'],
		[
			{ callSidToCoach: '={{ "agent-7" }}' },
			'Call SID to Coach "agent-7" is not a valid ID: SignalWire IDs are UUIDs',
		],
		[{ holdMethod: 'POST' }, 'Hold Method is set but Hold URL is empty'],
		[{ waitMethod: 'GET' }, 'Wait Method is set but Wait URL is empty'],
		[
			{ announceUrl: '={{ "ftp://example.com/a.wav" }}' },
			'Announce URL "ftp://example.com/a.wav" is not a valid http(s) URL',
		],
		[{ muted: '={{ "maybe" }}' }, 'Muted "maybe" is not true or false'],
	])('refuses %j before sending anything', async (updateFields, message) => {
		const { conference, agent } = setup();

		const { error } = await runNode({
			parameters: parameters(conference.sid, agent.callSid, updateFields),
			credentials: space.credentials,
		});

		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(message);
		expect(space.server.requests).toEqual([]);
	});

	it('says which value SignalWire refused', async () => {
		const { conference, agent } = setup();
		const gone = '0a0b0c0d-0000-4000-8000-000000000002';

		const { error } = await runNode({
			parameters: parameters(conference.sid, agent.callSid, {
				coaching: true,
				callSidToCoach: gone,
			}),
			credentials: space.credentials,
		});

		expect(error?.message).toBe(
			`CallSidToCoach ${gone} is not a participant of this conference (SignalWire error 21210, HTTP 422)`,
		);
		expect(error?.description).toBe(
			`SignalWire refused a value: CallSidToCoach ${gone} is not a participant of this conference. Correct that field and run again. Sent: Coaching="true", CallSidToCoach="${gone}".`,
		);
	});
});
