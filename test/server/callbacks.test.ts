/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- the rig, not shipped: n8n's rules for node code do not apply */
import { startCallbackReceiver } from '../harness/callbackReceiver';
import { runNode } from '../harness/engine';
import { API_TOKEN, PROJECT_ID } from '../harness/fixtures';
import { callWebhook } from '../harness/triggers';
import { SignalWireServer } from './SignalWireServer';

const SIGNING_KEY = 'PSKcallbacks0123456789';

describe('sandbox status callbacks', () => {
	it('sends signed callbacks for what happens through the API, which the trigger verifies', async () => {
		const receiver = await startCallbackReceiver();
		const url = `${receiver.origin}/webhook/abc/signalwire-conference`;
		const signalwire = new SignalWireServer({
			projectId: PROJECT_ID,
			apiToken: API_TOKEN,
			statusCallback: { url, signingKey: SIGNING_KEY },
		});
		const origin = await signalwire.start();
		try {
			const conference = signalwire.store.addConference({ friendlyName: 'Support bridge' });
			const guest = signalwire.store.addParticipant(conference);
			const credentials = { spaceUrl: origin, projectId: PROJECT_ID, apiToken: API_TOKEN };

			await runNode({
				parameters: {
					resource: 'participant',
					operation: 'mute',
					conferenceId: { __rl: true, mode: 'id', value: conference.sid },
					participantId: { __rl: true, mode: 'id', value: guest.callSid },
				},
				credentials,
			});
			await runNode({
				parameters: {
					resource: 'conference',
					operation: 'update',
					conferenceId: { __rl: true, mode: 'id', value: conference.sid },
					updateFields: { status: 'completed' },
				},
				credentials,
			});
			await signalwire.flushCallbacks();

			expect(signalwire.callbacks.map((callback) => [callback.event, callback.outcome])).toEqual([
				['participant-mute', 200],
				['participant-leave', 200],
				['conference-end', 200],
			]);
			const triggered = [];
			for (const callback of receiver.received) {
				const { result } = await callWebhook(
					{
						events: ['participant-mute', 'participant-leave', 'conference-end'],
						verifySignature: true,
						options: {},
					},
					{
						url: `${receiver.origin}${callback.url}`,
						body: callback.body,
						headers: { 'X-SignalWire-Signature': callback.signature },
					},
					SIGNING_KEY,
				);
				triggered.push(result.workflowData?.[0][0].json);
			}
			expect(triggered).toEqual([
				expect.objectContaining({
					event: 'participant-mute',
					CallSid: guest.callSid,
					Muted: true,
					ConferenceSid: conference.sid,
					SequenceNumber: '1',
				}),
				expect.objectContaining({
					event: 'participant-leave',
					CallSid: guest.callSid,
					SequenceNumber: '2',
				}),
				expect.objectContaining({
					event: 'conference-end',
					FriendlyName: 'Support bridge',
					SequenceNumber: '3',
				}),
			]);
		} finally {
			await signalwire.stop();
			await receiver.close();
		}
	});
});
