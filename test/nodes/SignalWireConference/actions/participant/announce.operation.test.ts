import { runNode } from '../../../../harness/engine';
import { useSignalWireServer } from '../../../../harness/fixtures';
import {
	describeRequests,
	expectedScriptName,
	resetTelephony,
	SAY_TEMPLATE,
	templateQuery,
} from '../common/announceHarness';

const space = useSignalWireServer();

beforeEach(() => resetTelephony(space.server));

function parameters(conferenceSid: string, callSid: string, announcement: Record<string, unknown>) {
	return {
		resource: 'participant',
		operation: 'announce',
		conferenceId: { __rl: true, mode: 'id', value: conferenceSid },
		participantId: { __rl: true, mode: 'id', value: callSid },
		...announcement,
	};
}

describe('Participant → Announce', () => {
	it("whispers a text to one participant through the participant update's AnnounceUrl", async () => {
		const bridge = space.server.store.addConference({ friendlyName: 'Incident 4711' });
		const host = space.server.store.addParticipant(bridge);
		const text = 'You are on call: the customer is on the line';

		const { items, error } = await runNode({
			parameters: parameters(bridge.sid, host.callSid, { announcementType: 'text', text }),
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		const [script] = [...space.server.store.scripts.values()];
		const participantPath = `/Conferences/${bridge.sid}/Participants/${host.callSid}`;
		expect(describeRequests(space.server)).toEqual([
			`GET ${participantPath}`,
			`GET /LamlBins?Name=${expectedScriptName(SAY_TEMPLATE)}&PageSize=50`,
			'POST /LamlBins',
			`POST ${participantPath}`,
		]);
		expect(space.server.requests[3].form).toEqual([
			[
				'AnnounceUrl',
				`${space.server.origin}/laml-bins/${script.sid}?${templateQuery({ n8n_text: text })}`,
			],
		]);
		expect(items[0].json).toEqual({
			announced: { type: 'text', text },
			script: expect.objectContaining({ sid: script.sid, reused: false }),
			participant: { call_sid: host.callSid, conference_sid: bridge.sid },
		});
		expect(space.server.store.said).toEqual([
			expect.objectContaining({
				participant: host.callSid,
				conference: 'Incident 4711',
				verb: 'Say',
				text,
			}),
		]);
	});

	it('plays a cXML URL to the participant with its method, without a script', async () => {
		const bridge = space.server.store.addConference({ friendlyName: 'Incident 4711' });
		const host = space.server.store.addParticipant(bridge);

		await runNode({
			parameters: parameters(bridge.sid, host.callSid, {
				announcementType: 'cxmlUrl',
				announceUrl: 'https://example.com/whisper.xml',
				announceMethod: 'POST',
			}),
			credentials: space.credentials,
		});

		expect(space.server.requests.map((request) => request.method)).toEqual(['GET', 'POST']);
		expect(space.server.requests[1].form).toEqual([
			['AnnounceUrl', 'https://example.com/whisper.xml'],
			['AnnounceMethod', 'POST'],
		]);
	});

	it('refuses a participant who has left, writing no script', async () => {
		const bridge = space.server.store.addConference({ friendlyName: 'Incident 4711' });
		const gone = space.server.store.addParticipant(bridge, { status: 'completed' });

		const { error } = await runNode({
			parameters: parameters(bridge.sid, gone.callSid, { announcementType: 'text', text: 'Hi' }),
			credentials: space.credentials,
		});

		expect(error?.message).toBe(
			`Participant "${gone.callSid}" is no longer in the conference (status: completed): nothing was announced`,
		);
		expect(space.server.store.scripts.size).toBe(0);
	});

	it('refuses an empty text before sending anything', async () => {
		const bridge = space.server.store.addConference({ friendlyName: 'Incident 4711' });
		const host = space.server.store.addParticipant(bridge);

		const { error } = await runNode({
			parameters: parameters(bridge.sid, host.callSid, {
				announcementType: 'text',
				text: '={{ "" }}',
			}),
			credentials: space.credentials,
		});

		expect(error?.message).toBe('Text is empty');
		expect(space.server.requests).toEqual([]);
	});
});
