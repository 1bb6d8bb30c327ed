/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- the rig, not shipped: n8n's rules for node code do not apply */
import { captureLogs } from '../../../harness/engine';
import { conferenceCallbackBody, signLikeSignalWire } from '../../../harness/signedCallbacks';
import type { WebhookEnvironment } from '../../../harness/triggers';
import { callWebhook } from '../../../harness/triggers';
import {
	KEY_FRESH_MS,
	KEY_RECHECK_MS,
} from '../../../../nodes/SignalWireConference/trigger/signingKey';
import { RETRY_AFTER_SECONDS } from '../../../../nodes/SignalWireConference/trigger/verifyRequest';

const SIGNING_KEY = 'PSKkeyread4f1c2b3a9d8e7f6a5b4c3d2e1f0';
const NEW_KEY = 'PSKrotated0a9b8c7d6e5f4a3b2c1d0e9f8a7';
const URL_SEEN = 'https://n8n.example.com/webhook/7f1c2b3a/signalwire-conference';
const verifying = { events: ['participant-join'], verifySignature: true, options: {} };

let credentialIds = 0;

/** A credential id no other test uses: each test starts with nothing kept. */
function freshCredential(): string {
	return `key-read-test-${++credentialIds}`;
}

/** One callback, signed with `signedWith`, to a trigger whose credential holds `key`. */
async function deliver(
	key: string | undefined,
	environment: WebhookEnvironment,
	{ signedWith = key ?? '', sequence = '3' } = {},
) {
	const body = conferenceCallbackBody({ SequenceNumber: sequence });
	return await callWebhook(
		verifying,
		{
			url: URL_SEEN,
			body,
			headers: { 'X-SignalWire-Signature': signLikeSignalWire(signedWith, URL_SEEN, body) },
		},
		key,
		environment,
	);
}

function readCounter() {
	const counter = { reads: 0, onSigningKeyRead: () => void counter.reads++ };
	return counter;
}

afterEach(() => jest.restoreAllMocks());

describe('SignalWire Conference Trigger: a Signing Key that cannot be read', () => {
	it('answers 503 with Retry-After, starts nothing, and logs why (never 401: the sender may try again)', async () => {
		const logs = captureLogs();

		const { result, response } = await deliver(SIGNING_KEY, {
			signingKeyCredentialId: freshCredential(),
			signingKeyReadError: new Error('timeout exceeded when trying to connect'),
		});

		expect(response).toEqual({
			status: 503,
			headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
			body: 'The Signing Key could not be read: try again later',
		});
		expect(result).toEqual({ noWebhookResponse: true });
		const logged = logs.stop();
		expect(logged).toContain(
			'warn: SignalWire Conference Trigger: the Signing Key credential could not be read (timeout exceeded when trying to connect); the callback was answered 503 and may be sent again',
		);
		expect(logged).not.toContain(SIGNING_KEY);
	});

	it('answers 503 when the trigger has no Signing Key credential n8n can find', async () => {
		const { result, response } = await deliver(undefined, {}, { signedWith: SIGNING_KEY });

		expect(response.status).toBe(503);
		expect(result.workflowData).toBeUndefined();
	});

	it('keeps no failure: the next callback reads the key again and is verified', async () => {
		const credential = freshCredential();
		const counter = readCounter();
		const failing = await deliver(SIGNING_KEY, {
			signingKeyCredentialId: credential,
			signingKeyReadError: new Error('Database is not ready'),
			...counter,
		});

		const next = await deliver(SIGNING_KEY, { signingKeyCredentialId: credential, ...counter });

		expect(failing.response.status).toBe(503);
		expect(next.result.workflowData).toHaveLength(1);
		expect(counter.reads).toBe(2);
	});
});

describe('SignalWire Conference Trigger: the Signing Key is read once for a burst', () => {
	it('200 callbacks at once share one read of the credential, and all start the workflow', async () => {
		const credential = freshCredential();
		const counter = readCounter();

		const results = await Promise.all(
			Array.from({ length: 200 }, (_, index) =>
				deliver(
					SIGNING_KEY,
					{ signingKeyCredentialId: credential, ...counter },
					{ sequence: String(index) },
				),
			),
		);

		expect(counter.reads).toBe(1);
		expect(results.filter(({ result }) => result.workflowData?.length === 1)).toHaveLength(200);
	});

	it(`keeps a key for ${KEY_FRESH_MS / 1000} s, then reads it again`, async () => {
		const credential = freshCredential();
		const counter = readCounter();
		const start = Date.now();
		const now = jest.spyOn(Date, 'now').mockReturnValue(start);
		await deliver(SIGNING_KEY, { signingKeyCredentialId: credential, ...counter });

		now.mockReturnValue(start + KEY_FRESH_MS - 1);
		await deliver(SIGNING_KEY, { signingKeyCredentialId: credential, ...counter });
		expect(counter.reads).toBe(1);

		now.mockReturnValue(start + KEY_FRESH_MS);
		await deliver(SIGNING_KEY, { signingKeyCredentialId: credential, ...counter });
		expect(counter.reads).toBe(2);
	});

	it('keeps one key per credential: another credential is read on its own', async () => {
		const counter = readCounter();

		const first = await deliver(SIGNING_KEY, {
			signingKeyCredentialId: freshCredential(),
			...counter,
		});
		const second = await deliver(NEW_KEY, {
			signingKeyCredentialId: freshCredential(),
			...counter,
		});

		expect(first.result.workflowData).toHaveLength(1);
		expect(second.result.workflowData).toHaveLength(1);
		expect(counter.reads).toBe(2);
	});
});

describe('SignalWire Conference Trigger: a Signing Key changed in n8n', () => {
	it(`is used for a callback signed with it, once the kept key is ${KEY_RECHECK_MS / 1000} s old`, async () => {
		const credential = freshCredential();
		const counter = readCounter();
		const start = Date.now();
		const now = jest.spyOn(Date, 'now').mockReturnValue(start);
		await deliver(SIGNING_KEY, { signingKeyCredentialId: credential, ...counter });

		now.mockReturnValue(start + KEY_RECHECK_MS);
		const { result } = await deliver(NEW_KEY, { signingKeyCredentialId: credential, ...counter });

		expect(result.workflowData).toHaveLength(1);
		expect(counter.reads).toBe(2);
	});

	it('the old key no longer verifies once the new one has been read', async () => {
		const credential = freshCredential();
		const start = Date.now();
		const now = jest.spyOn(Date, 'now').mockReturnValue(start);
		await deliver(SIGNING_KEY, { signingKeyCredentialId: credential });
		now.mockReturnValue(start + KEY_RECHECK_MS);
		await deliver(NEW_KEY, { signingKeyCredentialId: credential });

		const { response } = await deliver(
			NEW_KEY,
			{ signingKeyCredentialId: credential },
			{
				signedWith: SIGNING_KEY,
			},
		);

		expect(response).toEqual({ status: 401, body: 'Invalid signature' });
	});

	it(`forged callbacks make at most one read per ${KEY_RECHECK_MS / 1000} s, and are all refused`, async () => {
		const credential = freshCredential();
		const counter = readCounter();
		const start = Date.now();
		const now = jest.spyOn(Date, 'now').mockReturnValue(start);
		await deliver(SIGNING_KEY, { signingKeyCredentialId: credential, ...counter });

		const forged = [];
		for (const offset of [0, KEY_RECHECK_MS - 1, KEY_RECHECK_MS, KEY_RECHECK_MS + 1]) {
			now.mockReturnValue(start + offset);
			for (let index = 0; index < 25; index++) {
				forged.push(
					await deliver(
						SIGNING_KEY,
						{ signingKeyCredentialId: credential, ...counter },
						{ signedWith: 'PSKforged' },
					),
				);
			}
		}

		expect(forged.map(({ response }) => response.status)).toEqual(Array(100).fill(401));
		expect(counter.reads).toBe(2);
	});

	it('a blank key in n8n is read again after a mismatch, so a fixed key is used at once', async () => {
		const credential = freshCredential();
		const start = Date.now();
		const now = jest.spyOn(Date, 'now').mockReturnValue(start);
		const blank = await deliver(
			' ',
			{ signingKeyCredentialId: credential },
			{
				signedWith: SIGNING_KEY,
			},
		);

		now.mockReturnValue(start + KEY_RECHECK_MS);
		const fixed = await deliver(SIGNING_KEY, { signingKeyCredentialId: credential });

		expect(blank.response).toEqual({
			status: 401,
			body: 'Signing Key is empty: no request can be verified',
		});
		expect(fixed.result.workflowData).toHaveLength(1);
	});
});
