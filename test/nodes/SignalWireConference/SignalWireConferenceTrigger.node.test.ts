/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- the rig, not shipped: n8n's rules for node code do not apply */
import { nodeTypeInstances, PACKAGE } from '../../harness/engine';
import { conferenceCallbackBody, signLikeSignalWire } from '../../harness/signedCallbacks';
import { activateWebhook, callWebhook, WEBHOOK_ID } from '../../harness/triggers';
import { CONFERENCE_EVENTS, cxmlWords } from '../../../nodes/SignalWireConference/trigger/events';

const SIGNING_KEY = 'PSKtest4f1c2b3a9d8e7f6a5b4c3d2e1f0';
const URL_SEEN = 'https://n8n.example.com/webhook/7f1c2b3a/signalwire-conference';

const callbackBody = conferenceCallbackBody;

const verifying = {
	events: ['participant-join', 'conference-end'],
	verifySignature: true,
	options: {},
};

describe('SignalWire Conference Trigger: webhook()', () => {
	it('starts the workflow for a correctly signed callback, with booleans, the event and an ISO timestamp', async () => {
		const body = callbackBody();

		const { result, response } = await callWebhook(
			verifying,
			{
				url: URL_SEEN,
				body,
				headers: { 'X-SignalWire-Signature': signLikeSignalWire(SIGNING_KEY, URL_SEEN, body) },
			},
			SIGNING_KEY,
		);

		expect(response.status).toBe(200);
		expect(result.workflowData).toEqual([
			[
				{
					json: {
						AccountSid: 'b3877c40-da60-4998-90ad-b792e98472af',
						ConferenceSid: 'c0ffee00-0000-4000-8000-000000000001',
						FriendlyName: 'Support bridge',
						StatusCallbackEvent: 'participant-join',
						CallSid: 'ca11ca11-0000-4000-8000-000000000002',
						Muted: false,
						Hold: false,
						Coaching: false,
						EndConferenceOnExit: true,
						StartConferenceOnEnter: true,
						SequenceNumber: '3',
						Timestamp: 'Fri, 27 Nov 2026 08:15:30 +0000',
						event: 'participant-join',
						timestampIso: '2026-11-27T08:15:30.000Z',
					},
				},
			],
		]);
	});

	it('accepts the X-Twilio-Signature alias', async () => {
		const body = callbackBody();

		const { result } = await callWebhook(
			verifying,
			{
				url: URL_SEEN,
				body,
				headers: { 'X-Twilio-Signature': signLikeSignalWire(SIGNING_KEY, URL_SEEN, body) },
			},
			SIGNING_KEY,
		);

		expect(result.workflowData).toHaveLength(1);
	});

	it.each([
		[
			'a tampered parameter',
			(body: string) => ({
				body: body.replace('Muted=false', 'Muted=true'),
				signature: signLikeSignalWire(SIGNING_KEY, URL_SEEN, body),
			}),
			'Invalid signature',
		],
		[
			'a parameter added after signing',
			(body: string) => ({
				body: `${body}&Extra=1`,
				signature: signLikeSignalWire(SIGNING_KEY, URL_SEEN, body),
			}),
			'Invalid signature',
		],
		[
			'the wrong key',
			(body: string) => ({
				body,
				signature: signLikeSignalWire('PSKsomebodyElse', URL_SEEN, body),
			}),
			'Invalid signature',
		],
		[
			'another URL',
			(body: string) => ({
				body,
				signature: signLikeSignalWire(
					SIGNING_KEY,
					'https://evil.example.com/webhook/7f1c2b3a/signalwire-conference',
					body,
				),
			}),
			'Invalid signature',
		],
		[
			'a truncated signature',
			(body: string) => ({
				body,
				signature: signLikeSignalWire(SIGNING_KEY, URL_SEEN, body).slice(0, 10),
			}),
			'Invalid signature',
		],
		[
			'no signature header',
			(body: string) => ({ body, signature: undefined }),
			'Missing X-SignalWire-Signature',
		],
	])('answers 401 and starts nothing for %s', async (_name, tamper, message) => {
		const { body, signature } = tamper(callbackBody());

		const { result, response } = await callWebhook(
			verifying,
			{
				url: URL_SEEN,
				body,
				headers: signature === undefined ? {} : { 'X-SignalWire-Signature': signature },
			},
			SIGNING_KEY,
		);

		expect(response).toEqual({ status: 401, body: message });
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it.each([
		[
			'signed with :443, received without',
			'https://n8n.example.com:443/webhook/x/signalwire-conference',
			'https://n8n.example.com/webhook/x/signalwire-conference',
		],
		[
			'signed without the port, received with :443',
			'https://n8n.example.com/webhook/x/signalwire-conference',
			'https://n8n.example.com:443/webhook/x/signalwire-conference',
		],
		[
			'signed with :80 over http, received without',
			'http://n8n.example.com:80/webhook/x/signalwire-conference',
			'http://n8n.example.com/webhook/x/signalwire-conference',
		],
	])('accepts a URL %s, as SignalWire validators do', async (_name, signedUrl, receivedUrl) => {
		const body = callbackBody();

		const { result } = await callWebhook(
			verifying,
			{
				url: receivedUrl,
				body,
				headers: { 'X-SignalWire-Signature': signLikeSignalWire(SIGNING_KEY, signedUrl, body) },
			},
			SIGNING_KEY,
		);

		expect(result.workflowData).toHaveLength(1);
	});

	it('does not accept a port other than the default', async () => {
		const body = callbackBody();

		const { response } = await callWebhook(
			verifying,
			{
				url: URL_SEEN,
				body,
				headers: {
					'X-SignalWire-Signature': signLikeSignalWire(
						SIGNING_KEY,
						'https://n8n.example.com:8443/webhook/7f1c2b3a/signalwire-conference',
						body,
					),
				},
			},
			SIGNING_KEY,
		);

		expect(response.status).toBe(401);
	});

	it('signs repeated keys with every value, whatever their order on the wire, and keeps them all', async () => {
		const body = `${callbackBody()}&Tag=beta&Tag=alpha`;
		const reordered = `${callbackBody()}&Tag=alpha&Tag=beta`;

		const { result } = await callWebhook(
			verifying,
			{
				url: URL_SEEN,
				body,
				headers: { 'X-SignalWire-Signature': signLikeSignalWire(SIGNING_KEY, URL_SEEN, reordered) },
			},
			SIGNING_KEY,
		);

		expect(result.workflowData?.[0][0].json.Tag).toEqual(['beta', 'alpha']);
	});

	it('checks the signature against the public base URL when n8n is behind a proxy', async () => {
		const body = callbackBody();
		const publicUrl = 'https://hooks.example.com/n8n/webhook/7f1c2b3a/signalwire-conference';
		const headers = { 'X-SignalWire-Signature': signLikeSignalWire(SIGNING_KEY, publicUrl, body) };
		const seenByN8n = 'http://10.0.0.5:5678/webhook/7f1c2b3a/signalwire-conference';

		const without = await callWebhook(verifying, { url: seenByN8n, body, headers }, SIGNING_KEY);
		const withBase = await callWebhook(
			{ ...verifying, options: { publicBaseUrl: 'https://hooks.example.com/n8n/' } },
			{ url: seenByN8n, body, headers },
			SIGNING_KEY,
		);

		expect(without.response.status).toBe(401);
		expect(withBase.result.workflowData).toHaveLength(1);
	});

	it('acknowledges events that were not chosen without starting the workflow', async () => {
		const body = callbackBody({ StatusCallbackEvent: 'participant-mute' });

		const { result, response } = await callWebhook(
			verifying,
			{
				url: URL_SEEN,
				body,
				headers: { 'X-SignalWire-Signature': signLikeSignalWire(SIGNING_KEY, URL_SEEN, body) },
			},
			SIGNING_KEY,
		);

		expect(response.status).toBe(200);
		expect(result).toEqual({ webhookResponse: 'Event not selected in this trigger; ignored' });
	});

	it('without signature verification accepts unsigned callbacks', async () => {
		const { result } = await callWebhook(
			{ events: ['conference-end'], verifySignature: false, options: {} },
			{
				url: URL_SEEN,
				body: callbackBody({
					StatusCallbackEvent: 'conference-end',
					Timestamp: 'Mon, 24 Sept 2018 21:00:00 +0000',
				}),
			},
		);

		expect(result.workflowData?.[0][0].json).toMatchObject({
			event: 'conference-end',
			timestampIso: '2018-09-24T21:00:00.000Z',
		});
	});
});

describe('SignalWire Conference Trigger: activation', () => {
	it('records the URL and the statusCallbackEvent words for the chosen events', async () => {
		const staticData = {};

		const activated = await activateWebhook(
			{
				events: [
					'participant-unmute',
					'conference-end',
					'participant-speech-start',
					'participant-join',
				],
				verifySignature: true,
				options: {},
			},
			SIGNING_KEY,
			staticData,
		);

		expect(activated).toBe(true);
		expect(staticData).toEqual({
			'node:SignalWire': {
				webhookUrl: `http://127.0.0.1:5678/webhook/${WEBHOOK_ID}/signalwire-conference`,
				statusCallbackEvent: 'end join mute speaker',
			},
		});
	});

	it('records the recordingStatusCallbackEvent words too when recording events are chosen', async () => {
		const staticData = {};

		await activateWebhook(
			{
				events: ['recording-completed', 'conference-end', 'recording-absent'],
				verifySignature: true,
				options: {},
			},
			SIGNING_KEY,
			staticData,
		);

		expect(staticData).toEqual({
			'node:SignalWire': {
				webhookUrl: `http://127.0.0.1:5678/webhook/${WEBHOOK_ID}/signalwire-conference`,
				statusCallbackEvent: 'end',
				recordingStatusCallbackEvent: 'completed absent',
			},
		});
	});

	it('fails activation with a clear message when the signing key is empty', async () => {
		await expect(
			activateWebhook({ events: ['conference-end'], verifySignature: true, options: {} }, '  ', {}),
		).rejects.toMatchObject({
			message: 'The SignalWire Signing Key is empty',
		});
	});

	it('maps every event to the cXML word that requests it', () => {
		expect(
			cxmlWords(CONFERENCE_EVENTS, [
				'conference-start',
				'conference-end',
				'participant-join',
				'participant-leave',
				'participant-mute',
				'participant-unmute',
				'participant-hold',
				'participant-unhold',
				'participant-speech-start',
				'participant-speech-stop',
			]),
		).toBe('start end join leave mute hold speaker');
	});
});

describe('SignalWire Conference Trigger: a blank Signing Key never verifies', () => {
	const BLANK_KEYS = ['', ' ', '\t', '\n', '\r\n', '  \t ', '\u00a0', '\u2003', '\ufeff'];

	it.each(BLANK_KEYS.map((key) => [JSON.stringify(key), key]))(
		'refuses a callback signed with the key %s: 401, nothing started',
		async (_label, key) => {
			const body = callbackBody();
			const { result, response } = await callWebhook(
				verifying,
				{
					url: URL_SEEN,
					body,
					headers: { 'X-SignalWire-Signature': signLikeSignalWire(key, URL_SEEN, body) },
				},
				key,
			);

			expect(response).toEqual({
				status: 401,
				body: 'Signing Key is empty: no request can be verified',
			});
			expect(result).toEqual({ noWebhookResponse: true });
		},
	);

	it('refuses even after an activation that n8n skipped because the webhook was registered', async () => {
		const staticData = {};
		await activateWebhook(verifying, SIGNING_KEY, staticData);
		// The key was blanked later; checkExists now says "exists", so create() does not run again.
		expect(await activateWebhook(verifying, ' ', staticData)).toBe(true);
		const body = callbackBody();

		const { response } = await callWebhook(
			verifying,
			{
				url: URL_SEEN,
				body,
				headers: { 'X-SignalWire-Signature': signLikeSignalWire(' ', URL_SEEN, body) },
			},
			' ',
		);

		expect(response.status).toBe(401);
	});

	it.each([
		['={{ 0 }}', 401],
		['={{ "no" }}', 401],
		['={{ "" }}', 401],
		['={{ "FALSE" }}', 200],
		['={{ false }}', 200],
	])(
		'reads Verify Signature %s fail-closed (answer %d to an unsigned callback)',
		async (value, status) => {
			const { response } = await callWebhook(
				{ ...verifying, verifySignature: value },
				{ url: URL_SEEN, body: callbackBody() },
				SIGNING_KEY,
			);

			expect(response.status).toBe(status);
		},
	);

	it.each(['', ' ', '\t'])('the credential test says a Signing Key of %j is empty', async (key) => {
		const trigger = nodeTypeInstances[`${PACKAGE}.signalWireConferenceTrigger`];
		const test = trigger.methods!.credentialTest!.signalWireSigningKeyTest;

		const result = await test.call({} as never, {
			id: '1',
			name: 'key',
			type: 'signalWireSigningKeyApi',
			data: { signingKeySecret: key },
		});

		expect(result).toEqual({
			status: 'Error',
			message:
				'The Signing Key is empty or contains spaces: copy it again from the API page of your SignalWire dashboard',
		});
	});
});

describe('SignalWire Conference Trigger: field names that are object members', () => {
	const NAMES = [
		'__proto__',
		'constructor',
		'prototype',
		'toString',
		'valueOf',
		'hasOwnProperty',
		'isPrototypeOf',
		'__defineGetter__',
		'json',
		'binary',
		'pairedItem',
	];

	it.each([true, false])(
		'keeps every such field as plain data, verification %s',
		async (verifySignature) => {
			const fields = Object.fromEntries(NAMES.map((name) => [name, `value of ${name}`]));
			const body = `${callbackBody()}&${new URLSearchParams(fields).toString()}`;

			const { result } = await callWebhook(
				{ ...verifying, verifySignature },
				{
					url: URL_SEEN,
					body,
					headers: { 'X-SignalWire-Signature': signLikeSignalWire(SIGNING_KEY, URL_SEEN, body) },
				},
				SIGNING_KEY,
			);

			const items = result.workflowData?.[0] ?? [];
			expect(items).toHaveLength(1);
			const json = items[0].json;
			expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
			for (const name of NAMES) {
				expect({ name, own: Object.getOwnPropertyDescriptor(json, name)?.value }).toEqual({
					name,
					own: `value of ${name}`,
				});
			}
			expect(json.event).toBe('participant-join');
			expect(json.FriendlyName).toBe('Support bridge');
			expect(JSON.parse(JSON.stringify(json)).constructor).toBe('value of constructor');
			expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		},
	);

	it('a repeated __proto__ field becomes a list, like any repeated field', async () => {
		const body = `${callbackBody()}&__proto__=a&__proto__=b`;

		const { result } = await callWebhook(
			{ ...verifying, verifySignature: false },
			{ url: URL_SEEN, body },
		);

		expect(
			Object.getOwnPropertyDescriptor(result.workflowData![0][0].json, '__proto__')?.value,
		).toEqual(['a', 'b']);
	});
});

describe('SignalWire Conference Trigger: which URL the signature is checked against', () => {
	const PATH = `/webhook/${WEBHOOK_ID}/signalwire-conference`;
	const PUBLIC = 'https://hooks.example.com/n8n';
	const ARRIVED = `http://10.0.0.5:5678${PATH}?tenant=a%20b`;

	async function signedFor(signedUrl: string, options: Record<string, unknown> = {}) {
		const body = callbackBody();
		return await callWebhook(
			{ ...verifying, options },
			{
				url: ARRIVED,
				body,
				headers: { 'X-SignalWire-Signature': signLikeSignalWire(SIGNING_KEY, signedUrl, body) },
			},
			SIGNING_KEY,
			{ webhookBaseUrl: `${PUBLIC}/webhook` },
		);
	}

	it("accepts a signature of n8n's own webhook URL (N8N_WEBHOOK_URL) with the request's query string, with no option set", async () => {
		const { result, response } = await signedFor(`${PUBLIC}${PATH}?tenant=a%20b`);

		expect(response.status).toBe(200);
		expect(result.workflowData).toHaveLength(1);
	});

	it("accepts that URL with the scheme's default port too", async () => {
		const { result } = await signedFor(`https://hooks.example.com:443/n8n${PATH}?tenant=a%20b`);

		expect(result.workflowData).toHaveLength(1);
	});

	it('still accepts the URL the request arrived on, and the Public Base URL when set', async () => {
		expect((await signedFor(ARRIVED)).result.workflowData).toHaveLength(1);
		expect(
			(
				await signedFor(`https://edge.example.net/x${PATH}?tenant=a%20b`, {
					publicBaseUrl: 'https://edge.example.net/x/',
				})
			).result.workflowData,
		).toHaveLength(1);
	});

	it.each([
		['another host', `https://evil.example.com/n8n${PATH}?tenant=a%20b`],
		['without the query string', `${PUBLIC}${PATH}`],
		['another query string', `${PUBLIC}${PATH}?tenant=b`],
		['another path', `${PUBLIC}/webhook/other/signalwire-conference?tenant=a%20b`],
		['a Public Base URL that is not set', `https://edge.example.net/x${PATH}?tenant=a%20b`],
	])('refuses a signature of %s', async (_name, signedUrl) => {
		const { result, response } = await signedFor(signedUrl);

		expect(response.status).toBe(401);
		expect(result.workflowData).toBeUndefined();
	});
});
