import { createHmac } from 'node:crypto';

import { activateWebhook, callWebhook, WEBHOOK_ID } from '../../harness/triggers';
import { statusCallbackEventAttribute } from '../../../nodes/SignalWireConference/trigger/events';

const SIGNING_KEY = 'PSKtest4f1c2b3a9d8e7f6a5b4c3d2e1f0';
const URL_SEEN = 'https://n8n.example.com/webhook/7f1c2b3a/signalwire-conference';

/**
 * Written from SignalWire's documentation, independently of the node: HMAC-SHA1 over the URL
 * followed by every parameter name and value, parameters sorted by name (a repeated name adds each
 * of its values, sorted), base64.
 */
function signLikeSignalWire(key: string, url: string, body: string): string {
	const grouped = new Map<string, string[]>();
	for (const [name, value] of new URLSearchParams(body))
		grouped.set(name, [...(grouped.get(name) ?? []), value]);
	let data = url;
	for (const name of [...grouped.keys()].sort()) {
		for (const value of grouped.get(name)!.sort()) data += name + value;
	}
	return createHmac('sha1', key).update(data).digest('base64');
}

function callbackBody(fields: Record<string, string> = {}): string {
	return new URLSearchParams({
		AccountSid: 'b3877c40-da60-4998-90ad-b792e98472af',
		ConferenceSid: 'c0ffee00-0000-4000-8000-000000000001',
		FriendlyName: 'Support bridge',
		StatusCallbackEvent: 'participant-join',
		CallSid: 'ca11ca11-0000-4000-8000-000000000002',
		Muted: 'false',
		Hold: 'false',
		Coaching: 'false',
		EndConferenceOnExit: 'true',
		StartConferenceOnEnter: 'true',
		SequenceNumber: '3',
		Timestamp: 'Fri, 27 Nov 2026 08:15:30 +0000',
		...fields,
	}).toString();
}

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

	it('fails activation with a clear message when the signing key is empty', async () => {
		await expect(
			activateWebhook({ events: ['conference-end'], verifySignature: true, options: {} }, '  ', {}),
		).rejects.toMatchObject({
			message: 'The SignalWire Signing Key is empty',
		});
	});

	it('maps every event to the cXML word that requests it', () => {
		expect(
			statusCallbackEventAttribute([
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
