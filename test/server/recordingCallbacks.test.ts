/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- the rig, not shipped: n8n's rules for node code do not apply */
import { startCallbackReceiver } from '../harness/callbackReceiver';
import { runNode } from '../harness/engine';
import { API_TOKEN, AUTHORIZATION, PROJECT_ID } from '../harness/fixtures';
import { callWebhook } from '../harness/triggers';
import { AUDIO_CONTENT_TYPES, recordingAudio } from './media';
import { SignalWireServer } from './SignalWireServer';

const SIGNING_KEY = 'PSKrecordingCallbacks0123';

describe('sandbox recordings', () => {
	let signalwire: SignalWireServer;
	let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;
	let credentials: { spaceUrl: string; projectId: string; apiToken: string };

	beforeEach(async () => {
		receiver = await startCallbackReceiver();
		signalwire = new SignalWireServer({
			projectId: PROJECT_ID,
			apiToken: API_TOKEN,
			statusCallback: {
				url: `${receiver.origin}/webhook/abc/signalwire-conference`,
				signingKey: SIGNING_KEY,
			},
		});
		credentials = {
			spaceUrl: await signalwire.start(),
			projectId: PROJECT_ID,
			apiToken: API_TOKEN,
		};
	});

	afterEach(async () => {
		await signalwire.stop();
		await receiver.close();
	});

	it('serves a finished recording as MP3, as WAV (also without extension) and its metadata as JSON', async () => {
		const conference = signalwire.store.addConference({ friendlyName: 'Board' });
		const recording = signalwire.store.addRecording(conference, { status: 'completed' });
		const base = `${credentials.spaceUrl}/api/laml/2010-04-01/Accounts/${PROJECT_ID}/Recordings/${recording.sid}`;
		const get = (url: string) => fetch(url, { headers: { Authorization: AUTHORIZATION } });

		const [mp3, wav, bare, json] = await Promise.all(
			[`${base}.mp3`, `${base}.wav`, base, `${base}.json`].map(get),
		);

		expect([mp3.status, mp3.headers.get('content-type')]).toEqual([200, AUDIO_CONTENT_TYPES.mp3]);
		expect(Buffer.from(await mp3.arrayBuffer()).equals(recordingAudio().mp3)).toBe(true);
		expect([wav.status, wav.headers.get('content-type')]).toEqual([200, AUDIO_CONTENT_TYPES.wav]);
		expect(Buffer.from(await wav.arrayBuffer()).equals(recordingAudio().wav)).toBe(true);
		expect(Buffer.from(await bare.arrayBuffer()).equals(recordingAudio().wav)).toBe(true);
		expect(await json.json()).toMatchObject({ sid: recording.sid, status: 'completed' });
		expect(recordingAudio().wav.subarray(0, 4).toString()).toBe('RIFF');
		expect(recordingAudio().mp3.length + recordingAudio().wav.length).toBeLessThan(200 * 1024);
	});

	it('answers 404 for the audio of a recording that is still running', async () => {
		const conference = signalwire.store.addConference({ friendlyName: 'Board' });
		const recording = signalwire.store.addRecording(conference);

		const response = await fetch(
			`${credentials.spaceUrl}/api/laml/2010-04-01/Accounts/${PROJECT_ID}/Recordings/${recording.sid}.mp3`,
			{ headers: { Authorization: AUTHORIZATION } },
		);

		expect(response.status).toBe(404);
	});

	it('sends a signed recording-completed callback when a recording is stopped or its conference ends, which the trigger verifies and downloads', async () => {
		const stopped = signalwire.store.addConference({ friendlyName: 'Support bridge' });
		signalwire.store.addParticipant(stopped);
		const first = signalwire.store.addRecording(stopped);
		const ended = signalwire.store.addConference({ friendlyName: 'All hands' });
		const second = signalwire.store.addRecording(ended);

		await runNode({
			parameters: {
				resource: 'conferenceRecording',
				operation: 'update',
				conferenceId: { __rl: true, mode: 'id', value: stopped.sid },
				recordingId: { __rl: true, mode: 'id', value: first.sid },
				status: 'stopped',
			},
			credentials,
		});
		await runNode({
			parameters: {
				resource: 'conference',
				operation: 'update',
				conferenceId: { __rl: true, mode: 'id', value: ended.sid },
				updateFields: { status: 'completed' },
			},
			credentials,
		});
		await signalwire.flushCallbacks();

		expect(signalwire.callbacks.map((callback) => [callback.event, callback.outcome])).toEqual([
			['recording-completed', 200],
			['recording-completed', 200],
			['conference-end', 200],
		]);
		expect([first.status, second.status]).toEqual(['completed', 'completed']);
		const triggered = [];
		for (const callback of receiver.received.filter(({ body }) => body.includes('RecordingSid'))) {
			const { result } = await callWebhook(
				{
					events: ['recording-completed'],
					verifySignature: true,
					downloadRecording: true,
					options: {},
				},
				{
					url: `${receiver.origin}${callback.url}`,
					body: callback.body,
					headers: { 'X-SignalWire-Signature': callback.signature },
				},
				SIGNING_KEY,
				{ apiCredentials: credentials },
			);
			triggered.push(result.workflowData![0][0]);
		}
		expect(triggered.map((item) => [item.json.RecordingSid, item.json.ConferenceSid])).toEqual([
			[first.sid, stopped.sid],
			[second.sid, ended.sid],
		]);
		expect(triggered[0].json).toMatchObject({
			RecordingStatus: 'completed',
			RecordingSource: 'StartConferenceRecording',
			RecordingUrl: `${credentials.spaceUrl}/api/laml/2010-04-01/Accounts/${PROJECT_ID}/Recordings/${first.sid}`,
			CallSid: [...stopped.participants.keys()][0],
		});
		expect(triggered[1].json.CallSid).toBeUndefined();
		for (const item of triggered) {
			expect(Buffer.from(item.binary!.data.data, 'base64').equals(recordingAudio().mp3)).toBe(true);
		}
	});

	it('fires recording events on request: in-progress starts a recording, absent ends it without audio', async () => {
		signalwire.enableControlEndpoints();
		const conference = signalwire.store.addConference({ friendlyName: 'Support bridge' });
		const control = (event: string) =>
			fetch(`${credentials.spaceUrl}/__sandbox/events`, {
				method: 'POST',
				body: JSON.stringify({ event, friendlyName: 'Support bridge' }),
			}).then((response) => response.json() as Promise<{ event: string; form: string[][] }>);

		const started = await control('recording-in-progress');
		const absent = await control('recording-absent');

		expect(started.event).toBe('recording-in-progress');
		const sid = Object.fromEntries(started.form).RecordingSid;
		expect(Object.fromEntries(absent.form)).toMatchObject({
			RecordingSid: sid,
			RecordingStatus: 'absent',
		});
		expect(conference.recordings.get(sid)?.status).toBe('absent');
	});
});
