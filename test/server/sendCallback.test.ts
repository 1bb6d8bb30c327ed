/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- the rig, not shipped: n8n's rules for node code do not apply */
import {
	signatureUrlCandidates,
	isValidSignature,
} from '../../nodes/SignalWireConference/trigger/signature';
import { startCallbackReceiver, type ReceivedCallback } from '../harness/callbackReceiver';
import { API_TOKEN, PROJECT_ID } from '../harness/fixtures';
import { parseSendArguments, sendCallback, USAGE } from './sendCallback';
import { SignalWireServer } from './SignalWireServer';

const SIGNING_KEY = 'PSKsendtest0000000000000000000000';
const HOOK = '/webhook-test/5d0c7a52-31f4-4b7e-9d2a-8c1e6f3b4a90/signalwire-conference';

/** What the webhook trigger does with a callback: its signature check, against the URL it was sent to. */
function triggerVerifies(key: string) {
	return ({ url, signature, body }: ReceivedCallback, origin: string) => {
		if (!url.startsWith('/webhook-test/')) return 404;
		const urls = signatureUrlCandidates({ originalUrl: url, requestOrigin: origin });
		const pairs = [...new URLSearchParams(body)];
		return isValidSignature(key, signature, urls, pairs) ? 200 : 401;
	};
}

describe('npm run sandbox -- send: one signed callback to a trigger, no curl', () => {
	let sandbox: SignalWireServer;
	let sandboxUrl: string;
	let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;

	async function start(receiverKey: string) {
		receiver = await startCallbackReceiver(triggerVerifies(receiverKey));
	}
	/** `npm run sandbox -- send <event> --to <to>` for the example's room. */
	const send = (event: string, to = `${receiver.origin}${HOOK}`) =>
		sendCallback({ event, to, conference: 'Support bridge', sandbox: sandboxUrl });

	beforeEach(async () => {
		sandbox = new SignalWireServer({
			projectId: PROJECT_ID,
			apiToken: API_TOKEN,
			signingKey: SIGNING_KEY,
		});
		sandbox.enableControlEndpoints();
		const bridge = sandbox.store.addConference({ friendlyName: 'Support bridge' });
		sandbox.store.addParticipant(bridge);
		sandboxUrl = await sandbox.start();
	});
	afterEach(async () => {
		await sandbox.stop();
		await receiver?.close();
	});

	it('sends participant-join to a Test URL, signed so that the trigger verifies it, and says n8n took it', async () => {
		await start(SIGNING_KEY);
		const result = await send('participant-join');

		const bridge = [...sandbox.store.conferences.values()][0];
		expect(receiver.received).toHaveLength(1);
		const form = Object.fromEntries(new URLSearchParams(receiver.received[0].body));
		expect(form).toMatchObject({
			AccountSid: PROJECT_ID,
			ConferenceSid: bridge.sid,
			FriendlyName: 'Support bridge',
			StatusCallbackEvent: 'participant-join',
			CallSid: expect.stringMatching(/^[0-9a-f-]{36}$/),
		});
		expect(result).toEqual({
			ok: true,
			lines: [
				`Sent a signed participant-join callback of "Support bridge" (ConferenceSid ${bridge.sid}) to ${receiver.origin}${HOOK}: n8n answered 200.`,
				'The trigger accepted it: the execution shows in the editor (Executions, or the open step).',
			],
		});
		// The join happened in the sandbox too: the new participant is in the conference.
		expect(bridge.participants.has(form.CallSid)).toBe(true);
	});

	it('sends recording-completed even when no recording is running, with a recording to download', async () => {
		await start(SIGNING_KEY);
		const result = await send('recording-completed');

		expect(result.ok).toBe(true);
		const form = Object.fromEntries(new URLSearchParams(receiver.received[0].body));
		const bridge = [...sandbox.store.conferences.values()][0];
		const recording = bridge.recordings.get(form.RecordingSid);
		expect(recording).toMatchObject({ status: 'completed', durationSeconds: 60 });
		expect(form).toMatchObject({
			RecordingStatus: 'completed',
			RecordingDuration: '60',
			RecordingUrl: `${sandboxUrl}${sandbox.accountPath}/Recordings/${form.RecordingSid}`,
		});
	});

	it('says to listen for a test event first when n8n has no webhook at the URL (404)', async () => {
		await start(SIGNING_KEY);
		const result = await send('conference-end', `${receiver.origin}/webhook/nothing-here`);
		expect(result.ok).toBe(false);
		expect(result.lines[0]).toMatch(/: n8n answered 404\.$/);
		expect(result.lines.join(' ')).toContain(
			'"Execute step" (or "Execute workflow"): it waits for a test event',
		);
	});

	it("says which key to use when the trigger refuses the signature (a credential without the sandbox's key)", async () => {
		await start('PSKsomeoneelse00000000000000000000');
		const result = await send('participant-leave');
		expect(result.ok).toBe(false);
		expect(result.lines[0]).toMatch(/: n8n answered 401\.$/);
		expect(result.lines[1]).toBe(
			"The trigger refused the signature. Its SignalWire Signing Key credential must hold the sandbox's",
		);
	});

	it('says how to start a sandbox when none answers, and lists the events for an unknown one', async () => {
		await start(SIGNING_KEY);
		await sandbox.stop();
		expect(await send('participant-join')).toEqual({
			ok: false,
			lines: [
				`No sandbox answers at ${sandboxUrl}: start one with \`npm run sandbox\` in another`,
				'terminal, or pass --sandbox with the URL `npm run demo -- --ui` printed.',
			],
		});
		expect(await send('participant-dance')).toEqual({
			ok: false,
			lines: ['Unknown event "participant-dance".', USAGE],
		});
		expect(receiver.received).toEqual([]);
		sandbox = new SignalWireServer({ projectId: PROJECT_ID, apiToken: API_TOKEN });
	});

	it('reads its command line, with the example room and the default sandbox port as defaults', () => {
		expect(
			parseSendArguments(['send', 'participant-join', '--to', 'http://localhost:5678/x']),
		).toEqual({
			event: 'participant-join',
			to: 'http://localhost:5678/x',
			conference: 'Support bridge',
			sandbox: 'http://127.0.0.1:8089',
		});
		expect(
			parseSendArguments([
				'send',
				'conference-end',
				'--to',
				'u',
				'--conference',
				'All hands',
				'--sandbox',
				's',
			]),
		).toMatchObject({ conference: 'All hands', sandbox: 's' });
		expect(parseSendArguments(['send', '--to', 'u'])).toBeUndefined();
		expect(parseSendArguments(['send', 'participant-join'])).toBeUndefined();
	});
});
