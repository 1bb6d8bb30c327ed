/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- the rig, not shipped: n8n's rules for node code do not apply */
import { ACCOUNT_PATH, PROJECT_ID, useSignalWireServer } from '../../../harness/fixtures';
import { conferenceCallbackBody, signLikeSignalWire } from '../../../harness/signedCallbacks';
import type { WebhookEnvironment } from '../../../harness/triggers';
import { callWebhook } from '../../../harness/triggers';
import {
	MAX_REMEMBERED_EVENTS,
	REPEAT_WINDOW_MS,
} from '../../../../nodes/SignalWireConference/trigger/repeats';

const space = useSignalWireServer();

const SIGNING_KEY = 'PSKrepeats4f1c2b3a9d8e7f6a5b4c3d2e1f0';
const URL_SEEN = 'https://n8n.example.com/webhook/7f1c2b3a/signalwire-conference';
const listening = {
	events: ['participant-join', 'recording-completed'],
	verifySignature: true,
	options: {},
};
const IGNORED = { webhookResponse: 'Event already received; ignored' };

let workflows = 0;

/** A workflow id no other test uses: each test starts with nothing remembered. */
function freshWorkflow(): string {
	return `repeats-test-${++workflows}`;
}

async function deliver(
	body: string,
	environment: WebhookEnvironment,
	parameters: Record<string, unknown> = listening,
) {
	return await callWebhook(
		parameters,
		{
			url: URL_SEEN,
			body,
			headers: { 'X-SignalWire-Signature': signLikeSignalWire(SIGNING_KEY, URL_SEEN, body) },
		},
		SIGNING_KEY,
		environment,
	);
}

function started(results: Array<{ result: { workflowData?: unknown } }>): number {
	return results.filter(({ result }) => result.workflowData !== undefined).length;
}

afterEach(() => jest.restoreAllMocks());

describe('SignalWire Conference Trigger: each event starts the workflow once', () => {
	it('the same callback sent 5 times starts one execution; the repeats are acknowledged with 200', async () => {
		const workflowId = freshWorkflow();
		const body = conferenceCallbackBody();

		const results = [];
		for (let index = 0; index < 5; index++) results.push(await deliver(body, { workflowId }));

		expect(results[0].result.workflowData).toHaveLength(1);
		expect(results.slice(1).map(({ result }) => result)).toEqual(Array(4).fill(IGNORED));
		expect(results.map(({ response }) => response.status)).toEqual(Array(5).fill(200));
	});

	it('5 copies at once start one execution', async () => {
		const workflowId = freshWorkflow();
		const body = conferenceCallbackBody();

		const results = await Promise.all(
			Array.from({ length: 5 }, () => deliver(body, { workflowId })),
		);

		expect(started(results)).toBe(1);
	});

	it('a repeat of the same event with other fields (a resend with a new Timestamp) is the same event', async () => {
		const workflowId = freshWorkflow();
		await deliver(conferenceCallbackBody(), { workflowId });

		const { result } = await deliver(
			conferenceCallbackBody({ Timestamp: 'Fri, 27 Nov 2026 08:15:41 +0000' }),
			{ workflowId },
		);

		expect(result).toEqual(IGNORED);
	});

	it.each([
		['another sequence number', { SequenceNumber: '4' }],
		['another event', { StatusCallbackEvent: 'participant-leave' }],
		['another conference', { ConferenceSid: 'c0ffee00-0000-4000-8000-000000000009' }],
	])('%s is another event and starts the workflow', async (_name, fields) => {
		const workflowId = freshWorkflow();
		const parameters = { ...listening, events: ['participant-join', 'participant-leave'] };
		await deliver(conferenceCallbackBody(), { workflowId }, parameters);

		const { result } = await deliver(conferenceCallbackBody(fields), { workflowId }, parameters);

		expect(result.workflowData).toHaveLength(1);
	});

	it('each workflow gets the event once: two workflows listening to it both start', async () => {
		const body = conferenceCallbackBody();

		const first = await deliver(body, { workflowId: freshWorkflow() });
		const second = await deliver(body, { workflowId: freshWorkflow() });

		expect(started([first, second])).toBe(2);
	});

	it('when n8n could not start the workflow (it answered 500), a repeat is handled', async () => {
		const workflowId = freshWorkflow();
		const body = conferenceCallbackBody();
		await deliver(body, { workflowId, n8nAnswer: 500 });

		const { result } = await deliver(body, { workflowId });

		expect(result.workflowData).toHaveLength(1);
	});

	it('repeats that wait for a first copy n8n then refused: exactly one of them is handled', async () => {
		const workflowId = freshWorkflow();
		const body = conferenceCallbackBody();

		const results = await Promise.all([
			deliver(body, { workflowId, n8nAnswer: 500 }),
			...Array.from({ length: 4 }, () => deliver(body, { workflowId })),
		]);

		// The first copy and, after n8n's 500 to it, one repeat.
		expect(started(results)).toBe(2);
		expect(results.slice(1).filter(({ result }) => result.workflowData)).toHaveLength(1);
	});

	it(`is remembered for ${REPEAT_WINDOW_MS / 60_000} minutes`, async () => {
		const workflowId = freshWorkflow();
		const body = conferenceCallbackBody();
		const start = Date.now();
		const now = jest.spyOn(Date, 'now').mockReturnValue(start);
		await deliver(body, { workflowId });

		now.mockReturnValue(start + REPEAT_WINDOW_MS - 1);
		const inside = await deliver(body, { workflowId });
		now.mockReturnValue(start + REPEAT_WINDOW_MS);
		const after = await deliver(body, { workflowId });

		expect(inside.result).toEqual(IGNORED);
		expect(after.result.workflowData).toHaveLength(1);
	});

	it('a callback without the fields that name its event counts as a repeat only when every field is the same', async () => {
		const workflowId = freshWorkflow();
		const withoutSequence = (callSid: string) =>
			conferenceCallbackBody({ CallSid: callSid }).replace(/&SequenceNumber=\d+/, '');

		const first = await deliver(withoutSequence('ca11ca11-0000-4000-8000-00000000000a'), {
			workflowId,
		});
		const same = await deliver(withoutSequence('ca11ca11-0000-4000-8000-00000000000a'), {
			workflowId,
		});
		const other = await deliver(withoutSequence('ca11ca11-0000-4000-8000-00000000000b'), {
			workflowId,
		});

		expect(first.result.workflowData).toHaveLength(1);
		expect(same.result).toEqual(IGNORED);
		expect(other.result.workflowData).toHaveLength(1);
	});

	it('with Verify Signature off, only an exact copy is a repeat: an unsigned callback cannot claim a future event', async () => {
		const workflowId = freshWorkflow();
		const unverified = { ...listening, verifySignature: false };
		const forged = conferenceCallbackBody({ CallSid: 'ca11ca11-0000-4000-8000-0000000000ff' });
		await deliver(forged, { workflowId }, unverified);

		const real = await deliver(conferenceCallbackBody(), { workflowId }, unverified);
		const copy = await deliver(conferenceCallbackBody(), { workflowId }, unverified);

		expect(real.result.workflowData).toHaveLength(1);
		expect(copy.result).toEqual(IGNORED);
	});

	it(`remembers at most ${MAX_REMEMBERED_EVENTS} events: past that, the oldest is forgotten`, async () => {
		const workflowId = freshWorkflow();
		const event = (sequence: number) =>
			conferenceCallbackBody({ SequenceNumber: String(sequence) });
		for (let sequence = 0; sequence <= MAX_REMEMBERED_EVENTS; sequence++) {
			await deliver(event(sequence), { workflowId });
		}

		const newest = await deliver(event(MAX_REMEMBERED_EVENTS), { workflowId });
		const oldest = await deliver(event(0), { workflowId });

		expect(newest.result).toEqual(IGNORED);
		expect(oldest.result.workflowData).toHaveLength(1);
	}, 120_000);

	it("on the Test URL (n8n's manual mode) a resent callback shows again", async () => {
		const workflowId = freshWorkflow();
		const body = conferenceCallbackBody();

		const results = [
			await deliver(body, { workflowId, mode: 'manual' }),
			await deliver(body, { workflowId, mode: 'manual' }),
		];

		expect(started(results)).toBe(2);
	});
});

describe('SignalWire Conference Trigger: a recording callback sent again downloads nothing again', () => {
	it('the same completed recording 5 times: one execution, one download', async () => {
		const store = space.server.store;
		const conference = store.addConference({ friendlyName: 'Support bridge' });
		const recording = store.addRecording(conference, { status: 'completed' });
		const body = new URLSearchParams({
			AccountSid: PROJECT_ID,
			ConferenceSid: conference.sid,
			RecordingSid: recording.sid,
			RecordingUrl: `https://example.signalwire.com${ACCOUNT_PATH}/Recordings/${recording.sid}`,
			RecordingStatus: 'completed',
			RecordingStartTime: 'Fri, 27 Nov 2026 08:15:30 +0000',
		}).toString();
		const workflowId = freshWorkflow();
		const environment = { workflowId, apiCredentials: space.credentials };
		const downloading = { ...listening, downloadRecording: true };

		const results = [];
		for (let index = 0; index < 5; index++)
			results.push(await deliver(body, environment, downloading));

		expect(started(results)).toBe(1);
		expect(
			space.server.requests.filter((request) =>
				request.path.includes(`/Recordings/${recording.sid}`),
			),
		).toHaveLength(1);
	});
});
