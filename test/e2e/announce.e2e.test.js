'use strict';
/**
 * Announce and Add Participant in a real n8n against the sandbox: a typed text becomes a cXML
 * Script that the sandbox fetches and "speaks", and a dial-out's cXML brings the person into the
 * conference. Asserted from what the sandbox says happened, not only from the requests.
 */
const path = require('node:path');

const { EXAMPLES_DIR } = require('../../scripts/lib/paths');
const { executionError, nodeItems } = require('../../scripts/lib/run-data');
const { startEnvironment } = require('./support/environment');
const { accountPath, scriptUrl } = require('./support/expectations');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let environment;
let sandbox;

async function execute(workflowId) {
	await sandbox.reset();
	const result = await environment.n8n.execute(workflowId);
	if (executionError(result.execution) || !result.execution) {
		throw new Error(`the workflow failed (exit ${result.code}):\n${result.output.slice(-3000)}`);
	}
	return {
		...result,
		requests: await sandbox.requests(),
		said: await sandbox.said(),
		joined: await sandbox.joined(),
	};
}

beforeAll(async () => {
	environment = await startEnvironment({
		workflowFiles: [
			path.join(__dirname, 'workflows', 'announce-deploy.json'),
			path.join(EXAMPLES_DIR, 'incident-pull-in-on-call.json'),
			path.join(__dirname, 'workflows', 'dial-out-guard-retry.json'),
		],
	});
	sandbox = environment.sandbox;
});

afterAll(async () => {
	await environment?.stop();
});

test('a typed text is spoken into All hands through a cXML Script', async () => {
	const result = await execute('e2eAnnounceDeploy');

	expect(result.said).toEqual([
		expect.objectContaining({
			conference: 'All hands',
			participant: null,
			verb: 'Say',
			text: 'Deploy 4.2 starts in five minutes',
		}),
	]);
	const [output] = nodeItems(result.execution, 'Announce Deploy');
	expect(output.announced).toEqual({ type: 'text', text: 'Deploy 4.2 starts in five minutes' });
	expect(output.conference).toMatchObject({ friendly_name: 'All hands', status: 'in-progress' });
	expect(output.script.sid).toMatch(UUID);
	const announceUrl = scriptUrl(output.script, { n8n_text: 'Deploy 4.2 starts in five minutes' });
	expect(output.script.requestUrl).toBe(`${sandbox.spaceUrl}/laml-bins/${output.script.sid}`);
	expect(result.said[0].announceUrl).toBe(announceUrl);
	const announce = result.requests.find(
		(request) =>
			request.method === 'POST' && request.path.startsWith(`${accountPath(sandbox)}/Conferences/`),
	);
	expect(announce.form).toEqual([['AnnounceUrl', announceUrl]]);
});

test('the incident example calls the on-call engineer into "Incident 4711" and announces it', async () => {
	const result = await execute('swIncidentPullInOnCall');

	expect(result.joined).toEqual([
		expect.objectContaining({
			to: '+15551230001',
			from: '+15550100001',
			conference: 'Incident 4711',
			beep: 'onEnter',
		}),
	]);
	expect(result.joined[0].conferenceSid).toMatch(UUID);
	const [call] = nodeItems(result.execution, 'Call the On-Call Engineer Into the Bridge');
	expect(call.call).toMatchObject({ to: '+15551230001', from: '+15550100001', status: 'queued' });
	expect(call.call.sid).toBe(result.joined[0].callSid);
	const createCall = result.requests.find(
		(request) => request.method === 'POST' && request.path === `${accountPath(sandbox)}/Calls`,
	);
	expect(createCall.form).toEqual([
		['To', '+15551230001'],
		['From', '+15550100001'],
		['Url', scriptUrl(call.script, { n8n_beep: 'onEnter', n8n_conference: 'Incident 4711' })],
		['Timeout', '45'],
	]);
	expect(result.said).toEqual([
		expect.objectContaining({
			conference: 'All hands',
			verb: 'Say',
			language: 'en-US',
			text: 'Incident 4711 is open. The on-call engineer is joining the bridge.',
		}),
	]);
});

test('a premium number among good ones, with Retry On Fail, stops the run before anyone is called', async () => {
	await sandbox.reset();
	const result = await environment.n8n.execute('e2eDialOutGuardRetry');

	expect(result.code).toBe(1);
	const error = executionError(result.execution);
	expect(error.message).toBe(
		'To "+19005550100" is in +1 900, premium services (North American Numbering Plan, area code 900), which is refused by default: nobody was called',
	);
	expect(error.description).toContain(
		'Allow Premium-Rate, Satellite and International-Network Numbers',
	);
	expect(await sandbox.requests()).toEqual([]);
	expect(await sandbox.joined()).toEqual([]);
});
