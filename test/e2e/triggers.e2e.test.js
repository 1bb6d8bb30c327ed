'use strict';
/**
 * Both triggers in a real n8n: the webhook trigger activated in `n8n start` and fired by the
 * sandbox's signed status callbacks through n8n's own /webhook route, and the polling trigger
 * activated with a 2-second schedule. Also the "mute everyone except the host" example, which uses
 * n8n's Filter node between two SignalWire nodes.
 */
const path = require('node:path');

const { EXAMPLES_DIR } = require('../../scripts/lib/paths');
const { executionError, nodeItems } = require('../../scripts/lib/run-data');
const {
	JOINED_ANNOUNCE,
	activateWorkflow,
	fireEvent,
	sendCallbacksTo,
	signingKeyCredential,
	waitForRequest,
	waitForWebhook,
	webhookUrl: webhookUrlOf,
} = require('../../scripts/lib/triggers');
const { startEnvironment } = require('./support/environment');
const { accountPath, basicAuth } = require('./support/expectations');

const MUTE_ALL_BUT_HOST = path.join(EXAMPLES_DIR, 'mute-everyone-except-host.json');
const POLLING_ACTIVE = path.join(__dirname, 'workflows', 'polling-trigger-active.json');
const SAID = 'Someone just joined the support bridge.';

let environment;
let sandbox;

async function apiGet(resource) {
	const response = await fetch(`${sandbox.spaceUrl}${accountPath(sandbox)}${resource}`, {
		headers: { Authorization: basicAuth(sandbox) },
	});
	return await response.json();
}

beforeAll(async () => {
	environment = await startEnvironment({
		workflowFiles: [JOINED_ANNOUNCE.file, MUTE_ALL_BUT_HOST, POLLING_ACTIVE],
	});
	sandbox = environment.sandbox;
	await environment.n8n.importCredentials([signingKeyCredential(sandbox)]);
});

afterAll(async () => {
	await environment?.stop();
});

describe('the "mute everyone except the host" example in real n8n', () => {
	it('mutes every active participant of "All hands" except the host, through n8n\'s Filter node', async () => {
		const [allHands] = (await apiGet('/Conferences?Status=in-progress&FriendlyName=All+hands'))
			.conferences;
		const participants = (await apiGet(`/Conferences/${allHands.sid}/Participants`)).participants;
		const guests = participants.filter((participant) => !participant.end_conference_on_exit);
		await sandbox.reset();

		const result = await environment.n8n.execute('swMuteAllButHost');

		expect(executionError(result.execution)).toBeUndefined();
		expect(
			nodeItems(result.execution, 'Mute Participant').map((participant) => participant.call_sid),
		).toEqual(guests.map((guest) => guest.call_sid));
		const mutes = (await sandbox.requests()).filter((request) => request.method === 'POST');
		expect(mutes.map((request) => [request.path, request.body])).toEqual(
			guests.map((guest) => [
				`${accountPath(sandbox)}/Conferences/${allHands.sid}/Participants/${guest.call_sid}`,
				'Muted=true',
			]),
		);
		const after = (await apiGet(`/Conferences/${allHands.sid}/Participants`)).participants;
		expect(after.map((participant) => participant.muted)).toEqual(
			participants.map((participant) => !participant.end_conference_on_exit || participant.muted),
		);
	});
});

describe('the triggers, active in a running n8n', () => {
	let webhookUrl;

	beforeAll(async () => {
		const { editor, rest } = await environment.startEditor();
		await activateWorkflow(rest, JOINED_ANNOUNCE.workflowId);
		await activateWorkflow(rest, 'swE2EPollingActive');
		webhookUrl = webhookUrlOf(editor.baseUrl, JOINED_ANNOUNCE.webhookId);
		await sendCallbacksTo(sandbox, webhookUrl);
		await waitForWebhook(webhookUrl);
	});

	it('starts the workflow for a signed participant-join callback, which announces into that conference', async () => {
		await sandbox.reset();

		const delivered = await fireEvent(sandbox, 'participant-join', 'Support bridge');

		expect(delivered).toMatchObject({ event: 'participant-join', url: webhookUrl, outcome: 200 });
		const conferenceSid = Object.fromEntries(delivered.form).ConferenceSid;
		// Announce → Text: the conference is checked, the sentence stored as a cXML Script (found by
		// its exact name, or written), then announced: the last request of the run.
		const isAnnounce = (request) =>
			request.method === 'POST' && request.path.endsWith(`/Conferences/${conferenceSid}`);
		await waitForRequest(sandbox, isAnnounce);
		// The polling trigger of this file polls on its own schedule: its reads are not this run's.
		const isPoll = (request) => request.method === 'GET' && request.path.endsWith('/Conferences');
		const requests = (await sandbox.requests())
			.filter((request) => !isPoll(request))
			.map((request) => ({
				request: `${request.method} ${request.path.slice(accountPath(sandbox).length)}${request.rawQuery ? `?${request.rawQuery}` : ''}`,
				form: request.form.map(([name]) => name),
				authorization: request.authorization,
			}));
		const auth = basicAuth(sandbox);
		expect(requests).toEqual([
			{ request: `GET /Conferences/${conferenceSid}`, form: [], authorization: auth },
			{
				request: expect.stringMatching(
					/^GET \/LamlBins\?Name=n8n-conference-template-[0-9a-f]{32}&PageSize=50$/,
				),
				form: [],
				authorization: auth,
			},
			{ request: 'POST /LamlBins', form: ['Name', 'Contents'], authorization: auth },
			{ request: `POST /Conferences/${conferenceSid}`, form: ['AnnounceUrl'], authorization: auth },
		]);
		expect(await sandbox.said()).toEqual([
			expect.objectContaining({ conferenceSid, verb: 'Say', language: 'en-US', text: SAID }),
		]);
	});

	it('answers 401 to a callback with a wrong signature and starts nothing', async () => {
		await sandbox.reset();
		const [supportBridge] = (
			await apiGet('/Conferences?Status=in-progress&FriendlyName=Support+bridge')
		).conferences;
		const form = new URLSearchParams({
			AccountSid: sandbox.projectId,
			ConferenceSid: supportBridge.sid,
			FriendlyName: 'Support bridge',
			StatusCallbackEvent: 'participant-join',
			CallSid: '0b0c0d0e-0000-4000-8000-000000000001',
			Timestamp: new Date().toUTCString(),
		});

		const response = await fetch(webhookUrl, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				'X-SignalWire-Signature': 'bm90IGEgc2lnbmF0dXJl',
			},
			body: form.toString(),
		});

		expect(response.status).toBe(401);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(
			(await sandbox.requests()).filter(
				(request) =>
					request.method === 'POST' && request.form.some(([name]) => name === 'AnnounceUrl'),
			),
		).toEqual([]);
	});

	it('acknowledges a signed event it was not set up for, without running the workflow', async () => {
		await sandbox.reset();

		const delivered = await fireEvent(sandbox, 'participant-mute', 'Support bridge');

		expect(delivered).toMatchObject({ event: 'participant-mute', outcome: 200 });
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(
			(await sandbox.requests()).filter(
				(request) =>
					request.method === 'POST' && request.form.some(([name]) => name === 'AnnounceUrl'),
			),
		).toEqual([]);
	});

	// n8n polls at most once a minute and keeps a poll's memory only from the scheduled polls (not
	// the one it runs at activation), so this waits for one scheduled poll, then for the next.
	it('the polling trigger reports a conference that ends while it is active', async () => {
		const conferencesPath = `${accountPath(sandbox)}/Conferences`;
		await waitForRequest(
			sandbox,
			(request) => request.method === 'GET' && request.path === conferencesPath,
			70_000,
		);
		const [running] = (await apiGet('/Conferences?Status=in-progress&FriendlyName=Support+bridge'))
			.conferences;
		await sandbox.reset();

		await fetch(`${sandbox.spaceUrl}${conferencesPath}/${running.sid}`, {
			method: 'POST',
			headers: {
				Authorization: basicAuth(sandbox),
				'Content-Type': 'application/x-www-form-urlencoded',
			},
			body: 'Status=completed',
		});

		await waitForRequest(
			sandbox,
			(request) => request.method === 'GET' && request.path === `${conferencesPath}/${running.sid}`,
			70_000,
		);
		const poll = (await sandbox.requests()).find(
			(request) => request.path === conferencesPath && request.query.length > 0,
		);
		expect(poll.query.slice(0, 2)).toEqual([
			['Status', 'completed'],
			['FriendlyName', 'Support bridge'],
		]);
		expect(poll.query[2][0]).toBe('DateUpdated>');
	}, 160_000);
});
