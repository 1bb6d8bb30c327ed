/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- the rig, not shipped: n8n's rules for node code do not apply */
import { createHmac } from 'node:crypto';

import {
	ACCOUNT_PATH,
	AUTHORIZATION,
	PROJECT_ID,
	useSignalWireServer,
} from '../../../harness/fixtures';
import { activateWebhook, callWebhook } from '../../../harness/triggers';
import { recordingAudio } from '../../../server/media';
import { RECORDING_EVENTS, cxmlWords } from '../../../../nodes/SignalWireConference/trigger/events';

const space = useSignalWireServer();

const SIGNING_KEY = 'PSKrecordings0123456789abcdef';
const URL_SEEN = 'https://n8n.example.com/webhook/7f1c2b3a/signalwire-conference';

/** SignalWire's documented signature, written independently of the node. */
function sign(url: string, body: string): string {
	const pairs = [...new URLSearchParams(body)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return createHmac('sha1', SIGNING_KEY)
		.update(url + pairs.map(([name, value]) => name + value).join(''))
		.digest('base64');
}

function seedCompleted() {
	const store = space.server.store;
	const conference = store.addConference({ friendlyName: 'Support bridge' });
	const recording = store.addRecording(conference, {
		status: 'completed',
		createdAt: new Date('2026-11-27T08:15:30Z'),
		durationSeconds: 94,
	});
	return { conference, recording };
}

/** What SignalWire posts to recordingStatusCallback, with the fields its payload schema names. */
function recordingCallback(recordingSid: string, conferenceSid: string, status = 'completed') {
	return new URLSearchParams({
		AccountSid: PROJECT_ID,
		CallSid: 'ca11ca11-0000-4000-8000-000000000002',
		ConferenceSid: conferenceSid,
		RecordingSid: recordingSid,
		RecordingUrl: `https://example.signalwire.com${ACCOUNT_PATH}/Recordings/${recordingSid}`,
		RecordingStatus: status,
		RecordingDuration: '94',
		RecordingChannels: '1',
		RecordingSource: 'StartConferenceRecording',
		RecordingStartTime: 'Fri, 27 Nov 2026 08:15:30 +0000',
	}).toString();
}

async function deliver(
	parameters: Record<string, unknown>,
	body: string,
	signature = sign(URL_SEEN, body),
) {
	return await callWebhook(
		parameters,
		{ url: URL_SEEN, body, headers: { 'X-SignalWire-Signature': signature } },
		SIGNING_KEY,
		{ apiCredentials: space.credentials },
	);
}

const listening = { events: ['recording-completed'], verifySignature: true, options: {} };
const downloading = { ...listening, downloadRecording: true };

describe('SignalWire Conference Trigger: recording events', () => {
	it('starts the workflow for a signed Recording Completed callback, with numbers as numbers', async () => {
		const { conference, recording } = seedCompleted();
		const body = recordingCallback(recording.sid, conference.sid);

		const { result, response } = await deliver(listening, body);

		expect(response.status).toBe(200);
		expect(result.noWebhookResponse).toBeUndefined();
		expect(result.workflowData).toEqual([
			[
				{
					json: {
						AccountSid: PROJECT_ID,
						CallSid: 'ca11ca11-0000-4000-8000-000000000002',
						ConferenceSid: conference.sid,
						RecordingSid: recording.sid,
						RecordingUrl: `https://example.signalwire.com${ACCOUNT_PATH}/Recordings/${recording.sid}`,
						RecordingStatus: 'completed',
						RecordingDuration: 94,
						RecordingChannels: 1,
						RecordingSource: 'StartConferenceRecording',
						RecordingStartTime: 'Fri, 27 Nov 2026 08:15:30 +0000',
						event: 'recording-completed',
						timestampIso: null,
					},
				},
			],
		]);
		expect(space.server.requests).toEqual([]);
	});

	it('with Download Recording, answers SignalWire first, then attaches the MP3 from the configured space', async () => {
		const { conference, recording } = seedCompleted();
		const body = recordingCallback(recording.sid, conference.sid);

		const { result, response } = await deliver(downloading, body);

		expect(response).toEqual({ status: 200, body: { message: 'Workflow was started' } });
		expect(result.noWebhookResponse).toBe(true);
		expect(
			space.server.requests.map((request) => [request.method, request.path, request.authorization]),
		).toEqual([['GET', `${ACCOUNT_PATH}/Recordings/${recording.sid}.mp3`, AUTHORIZATION]]);
		const [item] = result.workflowData![0];
		expect(item.json).toMatchObject({ RecordingSid: recording.sid, event: 'recording-completed' });
		expect(item.binary!.data).toMatchObject({
			mimeType: 'audio/mpeg',
			fileExtension: 'mp3',
			fileName: `recording-2026-11-27-${recording.sid}.mp3`,
			bytes: recordingAudio().mp3.length,
		});
		expect(Buffer.from(item.binary!.data.data, 'base64').equals(recordingAudio().mp3)).toBe(true);
	});

	it('downloads WAV into the chosen field', async () => {
		const { conference, recording } = seedCompleted();

		const { result } = await deliver(
			{ ...downloading, recordingFormat: 'wav', binaryPropertyName: 'audio' },
			recordingCallback(recording.sid, conference.sid),
		);

		expect(space.server.requests.map((request) => request.path)).toEqual([
			`${ACCOUNT_PATH}/Recordings/${recording.sid}.wav`,
		]);
		const [item] = result.workflowData![0];
		expect(Object.keys(item.binary!)).toEqual(['audio']);
		expect(Buffer.from(item.binary!.audio.data, 'base64').equals(recordingAudio().wav)).toBe(true);
	});

	it('answers 401 to a recording callback with a wrong signature, and downloads nothing', async () => {
		const { conference, recording } = seedCompleted();
		const body = recordingCallback(recording.sid, conference.sid);

		const { result, response } = await deliver(downloading, body, sign(`${URL_SEEN}?x=1`, body));

		expect(response).toEqual({ status: 401, body: 'Invalid signature' });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(space.server.requests).toEqual([]);
	});

	it('answers 401 to an unsigned recording callback', async () => {
		const { conference, recording } = seedCompleted();
		const body = recordingCallback(recording.sid, conference.sid);

		const { response } = await callWebhook(downloading, { url: URL_SEEN, body }, SIGNING_KEY, {
			apiCredentials: space.credentials,
		});

		expect(response).toEqual({ status: 401, body: 'Missing X-SignalWire-Signature' });
		expect(space.server.requests).toEqual([]);
	});

	it('starts the workflow for In Progress and Absent without downloading anything', async () => {
		const { conference, recording } = seedCompleted();
		const events = ['recording-in-progress', 'recording-absent', 'recording-completed'];

		const inProgress = await deliver(
			{ ...downloading, events },
			recordingCallback(recording.sid, conference.sid, 'in-progress'),
		);
		const absent = await deliver(
			{ ...downloading, events },
			recordingCallback(recording.sid, conference.sid, 'absent'),
		);

		expect(inProgress.result.workflowData![0][0].json.event).toBe('recording-in-progress');
		expect(absent.result.workflowData![0][0].json.event).toBe('recording-absent');
		expect(inProgress.result.workflowData![0][0].binary).toBeUndefined();
		expect(space.server.requests).toEqual([]);
	});

	it('acknowledges a recording event that was not chosen, without starting the workflow', async () => {
		const { conference, recording } = seedCompleted();

		const { result } = await deliver(
			{ ...downloading, events: ['conference-end'] },
			recordingCallback(recording.sid, conference.sid),
		);

		expect(result).toEqual({ webhookResponse: 'Event not selected in this trigger; ignored' });
		expect(space.server.requests).toEqual([]);
	});

	it('still starts the workflow when the download fails, saying why under downloadError', async () => {
		const { conference, recording } = seedCompleted();
		space.server.intercept((request) =>
			request.path.endsWith('.mp3')
				? { status: 200, body: '<html>Sign in</html>', headers: { 'Content-Type': 'text/html' } }
				: undefined,
		);

		const { result, response } = await deliver(
			downloading,
			recordingCallback(recording.sid, conference.sid),
		);

		expect(response.status).toBe(200);
		const [item] = result.workflowData![0];
		expect(item.binary).toBeUndefined();
		expect(item.json.downloadError).toEqual({
			message: 'SignalWire answered the recording download with text/html instead of MP3 audio',
			description:
				'The answer is a page or an API message, not the recording: check the Space URL in the credentials (it must be your SignalWire space), and that the recording exists and has completed.',
		});
	});

	it('does not download for a conference callback that names the Recording Completed event', async () => {
		const { conference, recording } = seedCompleted();
		const body = `${recordingCallback(recording.sid, conference.sid)}&StatusCallbackEvent=recording-completed`;

		const { result } = await deliver(downloading, body);

		expect(result.workflowData![0][0].json.event).toBe('recording-completed');
		expect(result.workflowData![0][0].binary).toBeUndefined();
		expect(space.server.requests).toEqual([]);
	});

	it('does not download for a RecordingSid that is not a SignalWire ID', async () => {
		const { conference } = seedCompleted();

		const { result } = await deliver(downloading, recordingCallback('../Calls/x', conference.sid));

		expect(result.workflowData![0][0].json.downloadError).toEqual({
			message:
				'The callback\'s RecordingSid "../calls/x" is not a SignalWire ID, so the recording was not downloaded',
		});
		expect(space.server.requests).toEqual([]);
	});

	it('names the recordingStatusCallbackEvent words for the chosen events', () => {
		expect(cxmlWords(RECORDING_EVENTS, ['recording-completed'])).toBe('completed');
		expect(
			cxmlWords(RECORDING_EVENTS, [
				'recording-absent',
				'participant-join',
				'recording-completed',
				'recording-in-progress',
			]),
		).toBe('in-progress completed absent');
	});
});

describe('SignalWire Conference Trigger: Download Recording with Verify Signature off', () => {
	const unverified = { ...downloading, verifySignature: false };

	it('is refused at activation unless Download Unverified Recordings is on too', async () => {
		await expect(activateWebhook(unverified, undefined, {})).rejects.toMatchObject({
			message: 'Download Recording needs Verify Signature',
			description:
				'Without it, anyone who knows the URL could make n8n download any recording of your project with your API credentials. Turn on Verify Signature (recommended), or turn on Download Unverified Recordings.',
		});
		expect(await activateWebhook({ ...unverified, downloadUnverified: true }, undefined, {})).toBe(
			true,
		);
	});

	it('an unsigned callback downloads nothing, even when n8n skipped the activation check; the item says why', async () => {
		const { conference, recording } = seedCompleted();

		const { result } = await deliver(
			unverified,
			recordingCallback(recording.sid, conference.sid),
			'none',
		);

		expect(space.server.requests).toEqual([]);
		const [item] = result.workflowData![0];
		expect(item.binary).toBeUndefined();
		expect(item.json.downloadError).toEqual({
			message:
				'The recording was not downloaded: Verify Signature is off, so this callback may not come from SignalWire. Turn on Verify Signature, or Download Unverified Recordings.',
		});
	});

	it.each([
		['the string "false"', 'false'],
		['an expression giving "no"', '={{ "no" }}'],
	])('%s for Download Unverified Recordings downloads nothing', async (_name, value) => {
		const { conference, recording } = seedCompleted();

		await deliver(
			{ ...unverified, downloadUnverified: value },
			recordingCallback(recording.sid, conference.sid),
			'none',
		);

		expect(space.server.requests).toEqual([]);
	});

	it('with Download Unverified Recordings on, the user has asked twice: the recording is downloaded', async () => {
		const { conference, recording } = seedCompleted();

		const { result } = await deliver(
			{ ...unverified, downloadUnverified: true },
			recordingCallback(recording.sid, conference.sid),
			'none',
		);

		expect(space.server.requests.map((request) => request.path)).toEqual([
			`${ACCOUNT_PATH}/Recordings/${recording.sid}.mp3`,
		]);
		expect(result.workflowData![0][0].binary!.data).toBeDefined();
	});
});
