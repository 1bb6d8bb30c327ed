'use strict';
/**
 * The packed node on n8n's distributed engine, on this machine: Postgres and Redis shared by a
 * main instance (EXECUTIONS_MODE=queue), two workers and a webhook processor behind a reverse
 * proxy whose address is the public N8N_WEBHOOK_URL (scripts/lib/queue-cluster.js), against the
 * SignalWire sandbox. Assertions are on what the sandbox received and on n8n's executions in
 * Postgres (and which worker's log says it ran them).
 *
 * One cluster for the whole file, and the tests run in order: the polling trigger is activated
 * first, so that its first scheduled poll (n8n polls at most once a minute) happens while the
 * other tests run, and its restart test comes last.
 */
const path = require('node:path');

const { EXAMPLES_DIR, ROOT } = require('../../scripts/lib/paths');
const { executionsByWorker } = require('../../scripts/lib/queue-cluster');
const { servedAudio, stopARecording } = require('../../scripts/lib/recordings');
const {
	JOINED_ANNOUNCE,
	activateWorkflow,
	waitForWebhook,
	webhookUrl,
} = require('../../scripts/lib/triggers');
const { scriptUrl } = require('../e2e/support/expectations');
const { startQueueEnvironment } = require('./support/environment');
const { createExecutions, itemsOf, outputsOf } = require('./support/executions');
const {
	busyMachine,
	sendAtOnce,
	signedLeaveCallbacks,
	withHeaderAuth,
} = require('./support/burst');
const { sandboxClient } = require('./support/sandbox');
const { startSink } = require('./support/sink');

const WORKFLOWS_DIR = path.join(__dirname, 'workflows');
const FILES = {
	announce: path.join(EXAMPLES_DIR, 'announce-into-conference.json'),
	endNamed: path.join(EXAMPLES_DIR, 'end-conferences-named.json'),
	muteAllButHost: path.join(EXAMPLES_DIR, 'mute-everyone-except-host.json'),
	joinedAnnounce: JOINED_ANNOUNCE.file,
	parallel: path.join(WORKFLOWS_DIR, 'parallel-get.json'),
	continueRegular: path.join(WORKFLOWS_DIR, 'continue-regular-output.json'),
	continueErrorOutput: path.join(WORKFLOWS_DIR, 'continue-error-output.json'),
	getMissing: path.join(WORKFLOWS_DIR, 'get-missing.json'),
	polling: path.join(WORKFLOWS_DIR, 'polling-conference-ended.json'),
	burstSignalWire: path.join(WORKFLOWS_DIR, 'burst-signalwire-trigger.json'),
	burstHeaderAuth: path.join(WORKFLOWS_DIR, 'burst-webhook-header-auth.json'),
	burstWebhookV1: path.join(WORKFLOWS_DIR, 'burst-webhook-v1.json'),
	recordingHash: path.join(WORKFLOWS_DIR, 'recording-download-hash.json'),
};
/** The credential of the n8n Webhook node the burst is compared with. */
const HEADER_AUTH = { name: 'X-Burst-Auth', value: require('node:crypto').randomUUID() };
const HEADER_AUTH_CREDENTIAL = {
	id: 'qBurstHeaderAuthKey',
	name: 'Burst header auth',
	type: 'httpHeaderAuth',
	data: HEADER_AUTH,
};
const POLLING_WORKFLOW = 'qPollingEnded';
// A seeded room with several running conferences (the polling tests end three of them).
const POLLED_NAME = 'Incident review';
const MISSING_SID = '3f1e2d4c-5b6a-4789-8abc-def012345678';
const WORKER = /^worker-\d$/;
const BURST = 200;

// The sandbox signs its callbacks with this (compiled from test/server by the global setup).
const { signCallback } = require(path.join(ROOT, '.build', 'test', 'server', 'callbacks.js'));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let environment;
let cluster;
let sandbox;
let executions;
/** Receives the sandbox's callbacks once the webhook tests are done. */
let callbackSink;
/** Request mark taken before the polling trigger was activated. */
let pollingMark;
/** Conferences of POLLED_NAME ended by the polling tests, in order. */
const endedForPolling = [];

function wire(request) {
	return { method: request.method, path: request.path, query: request.query, form: request.form };
}

function isPoll(request) {
	return (
		request.method === 'GET' &&
		request.path === `${sandbox.accountPath}/Conferences` &&
		request.query.some(([name, value]) => name === 'FriendlyName' && value === POLLED_NAME) &&
		request.query.some(([name]) => name === 'DateUpdated>')
	);
}

function isAnnounce(request) {
	return request.method === 'POST' && request.form.some(([name]) => name === 'AnnounceUrl');
}

function expectSucceededOnWorker(execution) {
	if (execution.status !== 'success') {
		throw new Error(
			`execution ${execution.id} ended "${execution.status}": ${JSON.stringify(execution.data?.resultData?.error)}`,
		);
	}
	expect(execution.mode).toBe('manual');
	expect(execution.worker).toMatch(WORKER);
}

beforeAll(async () => {
	environment = await startQueueEnvironment({
		workflowFiles: Object.values(FILES),
		credentials: [HEADER_AUTH_CREDENTIAL],
	});
	cluster = environment.cluster;
	sandbox = sandboxClient(environment.sandbox);
	executions = createExecutions(environment);
}, 300_000);

afterAll(async () => {
	await callbackSink?.stop();
	await environment?.stop();
}, 120_000);

describe('the cluster', () => {
	test('main, two workers and a webhook processor share one Postgres database and one Redis', async () => {
		const tables = await cluster.postgres.psql(
			"SELECT count(*) FROM information_schema.tables WHERE table_name = 'execution_entity'",
		);
		expect(tables).toBe('1');
		expect(cluster.workers.map((worker) => worker.name)).toEqual(['worker-1', 'worker-2']);
		for (const worker of cluster.workers) expect(worker.log()).toContain('n8n worker is now ready');
		expect(cluster.webhook.log()).toContain('Webhook listener waiting for requests');
		// The public address is the proxy's, not the webhook processor's.
		expect(new URL(cluster.publicUrl).host).not.toBe(new URL(cluster.webhook.baseUrl).host);
	});
});

describe('the polling trigger, activated on main', () => {
	test('polls at activation, which fixes its starting point and reports nothing older; then a conference ends', async () => {
		pollingMark = await sandbox.requestMark();
		await activateWorkflow(cluster.rest, POLLING_WORKFLOW);
		await sandbox.waitForRequest(pollingMark, isPoll, 60_000);
		// The sandbox's dates have whole seconds: let the end come clearly after the starting point.
		await sleep(1100);
		// Conferences of that name ended before activation (the seed has some) are not reported.
		expect(await executions.list(POLLING_WORKFLOW)).toEqual([]);

		const running = (
			await sandbox.apiGet(
				`/Conferences?Status=in-progress&FriendlyName=${encodeURIComponent(POLLED_NAME)}`,
			)
		).conferences;
		expect(running.length).toBeGreaterThanOrEqual(3);
		endedForPolling.push((await sandbox.endConference(running[0].sid)).sid);
	});
});

describe('the example workflows run on workers, with the results of single-process mode', () => {
	test('announce-into-conference.json says the text into "All hands"', async () => {
		const mark = await sandbox.requestMark();
		const saidBefore = (await sandbox.said()).length;

		const execution = await executions.runManually(FILES.announce);

		expectSucceededOnWorker(execution);
		const [output] = itemsOf(execution.data, 'Say It Into All Hands');
		expect(output.announced).toEqual({
			type: 'text',
			text: 'Deploy 4.2 starts in five minutes',
			language: 'en-US',
		});
		expect(output.conference).toMatchObject({ friendly_name: 'All hands', status: 'in-progress' });
		expect((await sandbox.said()).slice(saidBefore)).toEqual([
			expect.objectContaining({
				conference: 'All hands',
				conferenceSid: output.conference.sid,
				verb: 'Say',
				text: 'Deploy 4.2 starts in five minutes',
			}),
		]);
		const requests = (await sandbox.requestsSince(mark)).filter((request) => !isPoll(request));
		expect(
			requests
				.filter((request) => request.method === 'POST' && request.path.includes('/Conferences/'))
				.map(wire),
		).toEqual([
			{
				method: 'POST',
				path: `${sandbox.accountPath}/Conferences/${output.conference.sid}`,
				query: [],
				form: [
					[
						'AnnounceUrl',
						scriptUrl(output.script, {
							n8n_language: 'en-US',
							n8n_text: 'Deploy 4.2 starts in five minutes',
						}),
					],
				],
			},
		]);
		expect(requests.every((request) => request.authorization === sandbox.authorization)).toBe(true);
	});

	test('mute-everyone-except-host.json mutes every participant of "All hands" but the host, through n8n\'s Filter node', async () => {
		const [allHands] = (
			await sandbox.apiGet('/Conferences?Status=in-progress&FriendlyName=All+hands')
		).conferences;
		const participants = (await sandbox.apiGet(`/Conferences/${allHands.sid}/Participants`))
			.participants;
		const guests = participants.filter((participant) => !participant.end_conference_on_exit);
		const mark = await sandbox.requestMark();

		const execution = await executions.runManually(FILES.muteAllButHost);

		expectSucceededOnWorker(execution);
		expect(
			itemsOf(execution.data, 'Mute Participant').map((participant) => participant.call_sid),
		).toEqual(guests.map((guest) => guest.call_sid));
		const mutes = (await sandbox.requestsSince(mark)).filter(
			(request) => request.method === 'POST',
		);
		expect(mutes.map((request) => [request.path, request.body])).toEqual(
			guests.map((guest) => [
				`${sandbox.accountPath}/Conferences/${allHands.sid}/Participants/${guest.call_sid}`,
				'Muted=true',
			]),
		);
	});

	test('Requests in Parallel gives the output, order and item links of a one-by-one run', async () => {
		const running = (await sandbox.apiGet('/Conferences?Status=in-progress&PageSize=8'))
			.conferences;
		expect(running).toHaveLength(8);
		const mark = await sandbox.requestMark();

		const execution = await executions.runManually(FILES.parallel);

		expectSucceededOnWorker(execution);
		const [parallel] = outputsOf(execution.data, 'Get In Parallel');
		const [oneByOne] = outputsOf(execution.data, 'Get One By One');
		expect(parallel.map((item) => item.json)).toEqual(running);
		expect(parallel).toEqual(oneByOne);
		expect(parallel.map((item) => item.pairedItem)).toEqual(
			running.map((_, index) => ({ item: index })),
		);
		const gets = (await sandbox.requestsSince(mark)).filter(
			(request) =>
				request.method === 'GET' && request.path !== `${sandbox.accountPath}/Conferences`,
		);
		// Each conference read twice (once per node), nothing more.
		expect(gets.map((request) => request.path).sort()).toEqual(
			running
				.flatMap((conference) => [
					`${sandbox.accountPath}/Conferences/${conference.sid}`,
					`${sandbox.accountPath}/Conferences/${conference.sid}`,
				])
				.sort(),
		);
	});

	test('continue on fail (regular output): the missing one becomes an error item in place, linked to its input', async () => {
		const execution = await executions.runManually(FILES.continueRegular);

		expectSucceededOnWorker(execution);
		const found = itemsOf(execution.data, 'Find Three Running');
		expect(found).toHaveLength(3);
		const [output, errorOutput] = outputsOf(execution.data, 'Get Each');
		expect(errorOutput ?? []).toEqual([]);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json).toEqual(found[0]);
		expect(output[1].json.error).toContain('was not found');
		expect(output[1].json.error).toContain('SignalWire error 20404, HTTP 404');
		expect(output[2].json).toEqual(found[2]);
		// All three went on to the next node.
		expect(itemsOf(execution.data, 'After Get')).toHaveLength(3);
	});

	test('continue on fail (error output): the found ones go to the success output, in order', async () => {
		const execution = await executions.runManually(FILES.continueErrorOutput);

		expectSucceededOnWorker(execution);
		const found = itemsOf(execution.data, 'Find Three Running');
		const [output] = outputsOf(execution.data, 'Get Each');
		expect(
			output
				.filter((item) => item.json.error === undefined)
				.map((item) => [item.json, item.pairedItem]),
		).toEqual([
			[found[0], { item: 0 }],
			[found[2], { item: 2 }],
		]);
	});

	// n8n routes an item to the error output only when `item.error` is set or its `json` has no keys
	// but error, message and details.
	test('continue on fail (error output): the missing one goes to the error output, and only there', async () => {
		const execution = await executions.runManually(FILES.continueErrorOutput);

		expectSucceededOnWorker(execution);
		const [output, errorOutput] = outputsOf(execution.data, 'Get Each');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(errorOutput).toHaveLength(1);
		const [failed] = errorOutput;
		expect(failed.pairedItem).toEqual({ item: 1 });
		const message = JSON.stringify(failed.json.error ?? failed.error);
		expect(message).toContain('was not found');
		expect(itemsOf(execution.data, 'Found')).toHaveLength(2);
		expect(itemsOf(execution.data, 'Failed')).toHaveLength(1);
	});

	test('without continue on fail, a conference that does not exist stops the execution with a message that says so', async () => {
		const execution = await executions.runManually(FILES.getMissing);

		expect(execution.status).toBe('error');
		expect(execution.worker).toMatch(WORKER);
		const error = execution.data.resultData.error;
		expect(error.message).toContain('was not found');
		expect(error.message).toContain('SignalWire error 20404, HTTP 404');
		expect(error.description).toContain(MISSING_SID);
	});
});

describe('the webhook trigger: activated on main, called through the proxy, served by the webhook processor', () => {
	let publicWebhookUrl;

	beforeAll(async () => {
		await activateWorkflow(cluster.rest, JOINED_ANNOUNCE.workflowId);
		publicWebhookUrl = `${cluster.publicUrl}webhook/${JOINED_ANNOUNCE.webhookId}/signalwire-conference`;
		await waitForWebhook(publicWebhookUrl);
		await sandbox.sendCallbacksTo(publicWebhookUrl);
	});

	// Ending a conference makes the sandbox send a participant-leave callback per participant (the
	// burst leaves hundreds), which the trigger would only acknowledge: later tests send them elsewhere.
	afterAll(async () => {
		callbackSink = await startSink();
		await sandbox.sendCallbacksTo(callbackSink.url);
	});

	test('main does not serve production webhooks (N8N_DISABLE_PRODUCTION_MAIN_PROCESS); the webhook processor does', async () => {
		const internalPath = `/webhook/${JOINED_ANNOUNCE.webhookId}/signalwire-conference`;
		const post = (base) =>
			fetch(`${base}${internalPath}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: '',
			});

		expect((await post(cluster.main.baseUrl)).status).toBe(404);
		// The webhook processor knows the route: it answers the unsigned request itself, with 401.
		expect((await post(cluster.webhook.baseUrl)).status).toBe(401);
	});

	// The signature is checked against the URL n8n publishes (getNodeWebhookUrl, built on
	// N8N_WEBHOOK_URL): the request reaches the webhook processor with the proxy's Host.
	test('a callback signed over the public URL starts exactly one execution, on a worker, which announces', async () => {
		const requestMark = await sandbox.requestMark();
		const before = (await executions.list(JOINED_ANNOUNCE.workflowId)).length;
		const forwardedBefore = cluster.proxy.forwarded().length;

		const delivered = await sandbox.fireEvent('participant-join', 'Support bridge');

		expect(delivered).toMatchObject({
			event: 'participant-join',
			url: publicWebhookUrl,
			outcome: 200,
		});
		// n8n received it with the proxy's rewritten Host, not the public one the signature covers.
		const [forwarded] = cluster.proxy.forwarded().slice(forwardedBefore);
		expect(forwarded).toMatchObject({
			method: 'POST',
			publicHost: new URL(cluster.publicUrl).host,
			host: new URL(cluster.webhook.baseUrl).host,
		});
		const rows = await executions.waitForFinished(JOINED_ANNOUNCE.workflowId, before + 1, 60_000);
		const [execution] = rows.slice(before);
		expect(execution).toMatchObject({ mode: 'webhook', status: 'success' });
		expect(executionsByWorker(cluster).get(execution.id)).toMatch(WORKER);
		const form = Object.fromEntries(delivered.form);
		const runData = (await executions.runData([execution.id])).get(execution.id);
		expect(itemsOf(runData, 'SignalWire Conference Trigger')).toEqual([
			expect.objectContaining({
				event: 'participant-join',
				ConferenceSid: form.ConferenceSid,
				CallSid: form.CallSid,
			}),
		]);
		await sandbox.waitForRequest(requestMark, isAnnounce, 30_000);
		const announces = (await sandbox.requestsSince(requestMark)).filter(isAnnounce);
		// The example says a typed sentence: the Say template's cXML Script with the text as a value.
		expect(announces.map(wire)).toEqual([
			{
				method: 'POST',
				path: `${sandbox.accountPath}/Conferences/${form.ConferenceSid}`,
				query: [],
				form: [
					[
						'AnnounceUrl',
						expect.stringMatching(
							/\/laml-bins\/[0-9a-f-]{36}\?n8n_language=en-US&n8n_text=Someone%20just%20joined%20the%20support%20bridge\.$/,
						),
					],
				],
			},
		]);
		await sandbox.waitForSaid(
			(said) =>
				said.conferenceSid === form.ConferenceSid &&
				said.text === 'Someone just joined the support bridge.',
			30_000,
		);
	});

	test('a tampered callback is answered 401 and starts nothing', async () => {
		const [supportBridge] = (
			await sandbox.apiGet('/Conferences?Status=in-progress&FriendlyName=Support+bridge')
		).conferences;
		const signed = new URLSearchParams({
			AccountSid: environment.sandbox.projectId,
			ConferenceSid: supportBridge.sid,
			FriendlyName: 'Support bridge',
			StatusCallbackEvent: 'participant-join',
			CallSid: '0b0c0d0e-0000-4000-8000-000000000001',
			Timestamp: new Date().toUTCString(),
		});
		const signature = signCallback(environment.sandbox.signingKey, publicWebhookUrl, signed);
		const tampered = new URLSearchParams(signed);
		tampered.set('CallSid', '0b0c0d0e-0000-4000-8000-000000000002');
		const requestMark = await sandbox.requestMark();
		const before = (await executions.list(JOINED_ANNOUNCE.workflowId)).length;

		const response = await fetch(publicWebhookUrl, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				'X-SignalWire-Signature': signature,
			},
			body: tampered.toString(),
		});

		expect(response.status).toBe(401);
		await sleep(2000);
		expect(await executions.list(JOINED_ANNOUNCE.workflowId)).toHaveLength(before);
		expect((await sandbox.requestsSince(requestMark)).filter(isAnnounce)).toEqual([]);
	});
});

/** A workflow file's id and its start node's webhook id. */
function workflowOf(file) {
	const workflow = require(file);
	return {
		id: workflow.id,
		webhookId: workflow.nodes[0].webhookId,
		startNode: workflow.nodes[0].name,
	};
}

/**
 * n8n's own refusals, made before any node runs: its answer while its database ping fails
 * ("Database is not ready!"), and the proxy's when the webhook processor dropped the connection.
 */
const REFUSED_BY_N8N = [/^503 .*Database is not ready!/, /^502 proxy: upstream .* failed/];

describe("bursts at n8n's default settings (database pool and all): nothing lost or doubled by the trigger", () => {
	const ours = workflowOf(FILES.burstSignalWire);
	const headerAuth = workflowOf(FILES.burstHeaderAuth);
	const webhookV1 = workflowOf(FILES.burstWebhookV1);
	/** One row per burst, printed side by side at the end. */
	const figures = [];
	const urls = {};

	beforeAll(async () => {
		for (const workflow of [ours, headerAuth, webhookV1])
			await activateWorkflow(cluster.rest, workflow.id);
		urls.ours = webhookUrl(cluster.publicUrl.replace(/\/$/, ''), ours.webhookId);
		urls.headerAuth = `${cluster.publicUrl}webhook/burst-header-auth`;
		urls.webhookV1 = `${cluster.publicUrl}webhook/burst-webhook-v1`;
		for (const url of Object.values(urls)) await waitForWebhook(url);
	});

	// The figures are printed, not asserted: at n8n's defaults, how many requests n8n itself refuses
	// (and so how long the rest take) depends on when its database ping fails; see docs/queue-mode.md.
	afterAll(() => {
		const lines = figures.map(
			({ machine, start, seconds, statuses, rows, refusals }) =>
				`  ${machine.padEnd(6)} ${start.padEnd(50)} ${seconds.toFixed(1).padStart(5)} s  answers ${JSON.stringify(statuses)}  executions ${rows.length}${Object.keys(refusals).length > 0 ? `  refused: ${JSON.stringify(refusals)}` : ''}`,
		);
		process.stderr.write(
			`\nqueue: ${BURST} callbacks at once through the webhook processor, n8n's default settings:\n${lines.join('\n')}\n`,
		);
	});

	/**
	 * Sends a burst into a workflow and waits for the executions of the requests n8n answered 200;
	 * returns the answers, the executions and the CallSids they carried.
	 */
	async function burstInto(workflow, requests) {
		const before = (await executions.list(workflow.id)).length;
		const answered = await sendAtOnce(requests);
		const accepted = answered.statuses['200'] ?? 0;
		const rows = (await executions.waitForFinished(workflow.id, before + accepted, 300_000)).slice(
			before,
		);
		const runData = await executions.runData(rows.map((row) => row.id));
		const callSids = rows.flatMap((row) =>
			(itemsOf(runData.get(row.id), workflow.startNode) ?? []).map(
				(item) => item.CallSid ?? item.body?.CallSid,
			),
		);
		return { ...answered, rows, callSids };
	}

	test.each([
		['quiet', 'nothing else running'],
		['busy', 'a CPU-bound process per core beside the cluster'],
	])(
		`%s machine (%s): ${BURST} signed callbacks, each one that reaches the trigger executed exactly once`,
		async (machine) => {
			const callbacks = signedLeaveCallbacks({
				url: urls.ours,
				count: BURST,
				accountSid: environment.sandbox.projectId,
				signingKey: environment.sandbox.signingKey,
				signCallback,
			});
			const load = machine === 'busy' ? busyMachine() : undefined;
			const results = {};
			try {
				results.trigger = await burstInto(ours, callbacks);
				results.headerAuth = await burstInto(
					headerAuth,
					withHeaderAuth(callbacks, urls.headerAuth, HEADER_AUTH),
				);
				// n8n's own Webhook node in its first version, which n8n runs like any other trigger.
				results.webhookV1 = await burstInto(
					webhookV1,
					withHeaderAuth(callbacks, urls.webhookV1, { name: 'X-Unused', value: '-' }),
				);
			} finally {
				await load?.stop();
			}
			figures.push(
				{ machine, start: 'SignalWire Conference Trigger, Verify Signature', ...results.trigger },
				{ machine, start: "n8n's Webhook node, Header Auth", ...results.headerAuth },
				{ machine, start: "n8n's Webhook node v1, no auth", ...results.webhookV1 },
			);

			const { trigger } = results;
			const sent = callbacks.map((callback) => callback.callSid);
			// What the trigger answered itself: 200, every time. Anything else was n8n's, before it ran.
			expect(
				Object.keys(trigger.refusals).filter(
					(refusal) => !REFUSED_BY_N8N.some((pattern) => pattern.test(refusal)),
				),
			).toEqual([]);
			expect(trigger.rows.filter((row) => row.status !== 'success')).toEqual([]);
			expect(trigger.callSids).toHaveLength(trigger.statuses['200'] ?? 0);
			expect(new Set(trigger.callSids).size).toBe(trigger.callSids.length);
			expect(trigger.callSids.filter((callSid) => !sent.includes(callSid))).toEqual([]);
			const workers = executionsByWorker(cluster);
			expect(new Set(trigger.rows.map((row) => workers.get(row.id)))).toEqual(
				new Set(['worker-1', 'worker-2']),
			);
		},
		900_000,
	);

	test('one callback sent 5 times, one after another and then 5 at once, starts one execution', async () => {
		const [first, second] = signedLeaveCallbacks({
			url: urls.ours,
			count: 2,
			accountSid: environment.sandbox.projectId,
			signingKey: environment.sandbox.signingKey,
			signCallback,
		});
		const before = (await executions.list(ours.id)).length;

		const oneByOne = [];
		for (let copy = 0; copy < 5; copy++) oneByOne.push(await sendAtOnce([first]));
		const atOnce = await sendAtOnce(Array(5).fill(second));

		expect(oneByOne.map((result) => result.statuses)).toEqual(Array(5).fill({ 200: 1 }));
		expect(atOnce.statuses).toEqual({ 200: 5 });
		const rows = (await executions.waitForFinished(ours.id, before + 2, 60_000)).slice(before);
		// Late copies would show up as more executions.
		await sleep(3000);
		expect(await executions.list(ours.id)).toHaveLength(before + 2);
		const runData = await executions.runData(rows.map((row) => row.id));
		expect(
			rows.map((row) => itemsOf(runData.get(row.id), ours.startNode)[0].CallSid).sort(),
		).toEqual([first.callSid, second.callSid].sort());
	});
});

describe("a recording in queue mode: downloaded by the webhook processor's trigger, the same bytes on the worker", () => {
	const recording = workflowOf(FILES.recordingHash);

	beforeAll(async () => {
		await activateWorkflow(cluster.rest, recording.id);
		const url = webhookUrl(cluster.publicUrl.replace(/\/$/, ''), recording.webhookId);
		await waitForWebhook(url);
		await sandbox.sendCallbacksTo(url);
	});

	afterAll(async () => {
		await sandbox.sendCallbacksTo(callbackSink.url);
	});

	// n8n 2.41.1 keeps binary data in Postgres in queue mode unless told otherwise
	// (N8N_DEFAULT_BINARY_DATA_MODE defaults to "database" when EXECUTIONS_MODE=queue).
	test('Download Recording with binary data mode "database" (the default in queue mode): the worker hashes the bytes SignalWire serves', async () => {
		const before = (await executions.list(recording.id)).length;

		const { recording: stopped } = await stopARecording(environment.sandbox, 'Support bridge');

		const [row] = (await executions.waitForFinished(recording.id, before + 1, 120_000)).slice(
			before,
		);
		expect(row).toMatchObject({ mode: 'webhook', status: 'success' });
		expect(executionsByWorker(cluster).get(row.id)).toMatch(WORKER);
		const runData = (await executions.runData([row.id])).get(row.id);
		const [triggerOutput] = outputsOf(runData, 'Recording Completed')[0];
		expect(triggerOutput.json).toMatchObject({
			event: 'recording-completed',
			RecordingSid: stopped.sid,
		});
		expect(triggerOutput.json.downloadError).toBeUndefined();
		expect(triggerOutput.binary.data.id).toMatch(/^database:/);
		const served = await servedAudio(environment.sandbox, stopped.sid);
		const [hashed] = itemsOf(runData, 'Hash The Audio');
		expect(hashed.sha256).toBe(
			require('node:crypto').createHash('sha256').update(served).digest('hex'),
		);
	});
});

describe('the examples that end conferences, on workers', () => {
	test('end-conferences-named.json ends both running "Support bridge" conferences', async () => {
		const running = (
			await sandbox.apiGet('/Conferences?Status=in-progress&FriendlyName=Support+bridge')
		).conferences;
		expect(running).toHaveLength(2);
		const mark = await sandbox.requestMark();

		const execution = await executions.runManually(FILES.endNamed);

		expectSucceededOnWorker(execution);
		expect(itemsOf(execution.data, 'Find In-Progress Conferences').map((item) => item.sid)).toEqual(
			running.map((conference) => conference.sid),
		);
		expect(
			itemsOf(execution.data, 'End Conference').map((item) => [item.sid, item.status]),
		).toEqual(running.map((conference) => [conference.sid, 'completed']));
		// Only this workflow's requests: not the polling trigger's, nor (should the burst above have
		// failed) late announcements of the webhook workflow.
		const requests = (await sandbox.requestsSince(mark)).filter(
			(request) => !isPoll(request) && !isAnnounce(request),
		);
		expect(requests.map(wire)).toEqual([
			{
				method: 'GET',
				path: `${sandbox.accountPath}/Conferences`,
				query: [
					['Status', 'in-progress'],
					['FriendlyName', 'Support bridge'],
					['PageSize', '1000'],
				],
				form: [],
			},
			...running.map((conference) => ({
				method: 'POST',
				path: `${sandbox.accountPath}/Conferences/${conference.sid}`,
				query: [],
				form: [['Status', 'completed']],
			})),
		]);
	});

	test('running it again finds nothing left to end, and sends no update', async () => {
		const mark = await sandbox.requestMark();

		const execution = await executions.runManually(FILES.endNamed);

		expectSucceededOnWorker(execution);
		expect(itemsOf(execution.data, 'Find In-Progress Conferences')).toEqual([]);
		expect(execution.data.resultData.runData['End Conference']).toBeUndefined();
		expect(
			(await sandbox.requestsSince(mark))
				.filter((request) => !isPoll(request) && !isAnnounce(request))
				.map((request) => request.method),
		).toEqual(['GET']);
	});
});

describe('the polling trigger reports each conference end exactly once, across restarts of main and a worker', () => {
	/** The conference sids each execution of the polling workflow reported, oldest first. */
	async function reported() {
		const rows = await executions.list(POLLING_WORKFLOW);
		const runData = await executions.runData(rows.map((row) => row.id));
		return rows.map((row) => ({
			...row,
			worker: executionsByWorker(cluster).get(row.id),
			sids: (itemsOf(runData.get(row.id), 'When a Conference Ends') ?? []).map((item) => item.sid),
		}));
	}

	test('a scheduled poll reports the conference that ended after activation', async () => {
		await executions.waitForFinished(POLLING_WORKFLOW, 1, 90_000);

		const [first] = await reported();
		expect(first).toMatchObject({ mode: 'trigger', status: 'success', sids: [endedForPolling[0]] });
		expect(first.worker).toMatch(WORKER);
	}, 120_000);

	test('after main and that worker restart, the conference that ended meanwhile is reported, the first one not again', async () => {
		const [first] = await reported();
		const worker = cluster.workers.find((candidate) => candidate.name === first.worker);
		await Promise.all([cluster.main.stop(), worker.stop()]);
		const [next] = (
			await sandbox.apiGet(
				`/Conferences?Status=in-progress&FriendlyName=${encodeURIComponent(POLLED_NAME)}`,
			)
		).conferences;
		endedForPolling.push((await sandbox.endConference(next.sid)).sid);

		await Promise.all([cluster.main.start(), worker.start()]);

		// Main activates its workflows a while after it is ready, and polls each one at activation.
		await executions.waitForFinished(POLLING_WORKFLOW, 2, 150_000);
		const [, second] = await reported();
		expect(second).toMatchObject({
			mode: 'trigger',
			status: 'success',
			sids: [endedForPolling[1]],
		});
	}, 240_000);

	test('the next scheduled poll reports a third one; over all polls every end was reported exactly once', async () => {
		const [next] = (
			await sandbox.apiGet(
				`/Conferences?Status=in-progress&FriendlyName=${encodeURIComponent(POLLED_NAME)}`,
			)
		).conferences;
		endedForPolling.push((await sandbox.endConference(next.sid)).sid);

		await executions.waitForFinished(POLLING_WORKFLOW, 3, 90_000);

		const all = await reported();
		expect(all.map((execution) => execution.sids)).toEqual(endedForPolling.map((sid) => [sid]));
		expect(
			all.filter(
				(execution) => execution.status !== 'success' || !WORKER.test(execution.worker ?? ''),
			),
		).toEqual([]);
		const requests = await sandbox.requestsSince(pollingMark);
		// Activation, scheduled polls before the restart, activation after it, scheduled after it.
		expect(requests.filter(isPoll).length).toBeGreaterThanOrEqual(4);
		// The workflow's second node read each reported conference once.
		for (const sid of endedForPolling) {
			expect(
				requests.filter(
					(request) =>
						request.method === 'GET' &&
						request.path === `${sandbox.accountPath}/Conferences/${sid}`,
				),
			).toHaveLength(1);
		}
	}, 120_000);
});

describe('the whole run', () => {
	test('every execution ran on a worker, none on main', async () => {
		const rows = await cluster.postgres.queryJson(
			'SELECT id::text AS id, "workflowId" AS workflow FROM execution_entity',
		);
		const workers = executionsByWorker(cluster);

		// At least every workflow run above (the webhook workflow's runs depend on the trigger URL fix).
		const manual = [
			FILES.announce,
			FILES.muteAllButHost,
			FILES.parallel,
			FILES.continueRegular,
			FILES.continueErrorOutput,
			FILES.getMissing,
			FILES.endNamed,
		];
		const ran = new Set(rows.map((row) => row.workflow));
		expect(
			[...manual.map((file) => require(file).id), POLLING_WORKFLOW].filter((id) => !ran.has(id)),
		).toEqual([]);
		expect(rows.filter((row) => !WORKER.test(workers.get(row.id) ?? ''))).toEqual([]);
		expect(cluster.main.log()).not.toContain('Worker started execution');
	});
});
