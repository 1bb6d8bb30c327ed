'use strict';
/**
 * The example workflows and the e2e workflows in test/e2e/workflows/, imported into a real n8n and
 * run with `n8n execute`: the node's outputs in n8n's run data, and the exact requests the sandbox
 * received. Tests that change the sandbox (Update) come last, in order.
 */
const path = require('node:path');

const { EXAMPLES_DIR } = require('../../scripts/lib/paths');
const {
	executionError,
	nodeItems,
	nodeOutput,
	nodesThatRan,
} = require('../../scripts/lib/run-data');
const { startEnvironment } = require('./support/environment');
const { accountPath, basicAuth, scriptUrl, wire } = require('./support/expectations');

const WORKFLOWS_DIR = path.join(__dirname, 'workflows');
const MISSING_SID = '3f1e2d4c-5b6a-4789-8abc-def012345678';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Only the workflows this file runs: other e2e files keep their own fixtures in the same folder.
const workflowFiles = [
	...[
		'get-many-return-all.json',
		'get-many-filtered.json',
		'get-by-id-and-url.json',
		'get-missing.json',
		'get-missing-continue.json',
		'error-output-three-items.json',
		'update-completed.json',
	].map((name) => path.join(WORKFLOWS_DIR, name)),
	path.join(EXAMPLES_DIR, 'end-conferences-named.json'),
	path.join(EXAMPLES_DIR, 'announce-into-conference.json'),
];

let environment;
let sandbox;
let conferences;

/** Runs a workflow with `n8n execute` and returns its result plus the requests the sandbox received. */
async function execute(workflowId) {
	await sandbox.reset();
	const result = await environment.n8n.execute(workflowId);
	const requests = await sandbox.requests();
	return { ...result, requests };
}

function expectSucceeded(result) {
	if (result.code !== 0 || executionError(result.execution)) {
		// The head shows loading problems (e.g. the package not found), the tail the execution error.
		const output =
			result.output.length > 5000
				? `${result.output.slice(0, 2000)}\n…\n${result.output.slice(-3000)}`
				: result.output;
		throw new Error(`the workflow failed (exit ${result.code}):\n${output}`);
	}
}

beforeAll(async () => {
	environment = await startEnvironment({ workflowFiles });
	sandbox = environment.sandbox;
	// Ground truth straight from the sandbox's API, to compare n8n's outputs with.
	const response = await fetch(
		`${sandbox.spaceUrl}${accountPath(sandbox)}/Conferences?PageSize=1000`,
		{
			headers: { Authorization: basicAuth(sandbox) },
		},
	);
	conferences = (await response.json()).conferences;
});

afterAll(async () => {
	await environment?.stop();
});

describe('Get Many', () => {
	test('Return All returns every conference with one request of PageSize=1000', async () => {
		const result = await execute('e2eGetManyReturnAll');
		expectSucceeded(result);

		const items = nodeItems(result.execution, 'List All');
		expect(items).toHaveLength(sandbox.conferences);
		expect(items.map((item) => item.sid)).toEqual(conferences.map((conference) => conference.sid));
		expect(new Set(items.map((item) => item.sid)).size).toBe(sandbox.conferences);
		expect(result.requests.map(wire)).toEqual([
			{
				method: 'GET',
				path: `${accountPath(sandbox)}/Conferences`,
				query: [['PageSize', '1000']],
				form: [],
			},
		]);
		expect(result.requests[0].authorization).toBe(basicAuth(sandbox));
	});

	test('Limit and filters are sent with SignalWire\'s exact names, "<" and ">" encoded in the name', async () => {
		const result = await execute('e2eGetManyFiltered');
		expectSucceeded(result);

		const items = nodeItems(result.execution, 'List Filtered');
		expect(items).toHaveLength(5);
		for (const item of items) {
			expect(item).toMatchObject({ status: 'completed', friendly_name: 'Weekly review' });
		}
		expect(result.requests).toHaveLength(1);
		const [request] = result.requests;
		expect(request.path).toBe(`${accountPath(sandbox)}/Conferences`);
		expect([...request.query].sort()).toEqual(
			[
				['Status', 'completed'],
				['FriendlyName', 'Weekly review'],
				['DateCreated>', '2000-01-01'],
				['DateCreated<', '2100-12-31'],
				['PageSize', '5'],
			].sort(),
		);
		expect(request.rawQuery).toContain('DateCreated%3C=2100-12-31');
		expect(request.rawQuery).toContain('DateCreated%3E=2000-01-01');
		expect(request.rawQuery).toContain('FriendlyName=Weekly+review');
	});
});

describe('Get', () => {
	test('by ID, by URL and by the uri field read the same conference', async () => {
		const result = await execute('e2eGetByIdAndUrl');
		expectSucceeded(result);

		const allHands = conferences.find((conference) => conference.friendly_name === 'All hands');
		for (const node of ['Find All Hands', 'Get By ID', 'Get By URL', 'Get By Uri Field']) {
			expect(nodeItems(result.execution, node)).toEqual([allHands]);
		}
		const conferencePath = `${accountPath(sandbox)}/Conferences/${allHands.sid}`;
		expect(result.requests.map(wire)).toEqual([
			{
				method: 'GET',
				path: `${accountPath(sandbox)}/Conferences`,
				query: [
					['FriendlyName', 'All hands'],
					['PageSize', '1'],
				],
				form: [],
			},
			{ method: 'GET', path: conferencePath, query: [], form: [] },
			{ method: 'GET', path: conferencePath, query: [], form: [] },
			{ method: 'GET', path: conferencePath, query: [], form: [] },
		]);
	});

	test('a conference that does not exist stops the workflow with a message that says so', async () => {
		const result = await execute('e2eGetMissing');

		expect(result.code).toBe(1);
		const error = executionError(result.execution);
		expect(error.message).toContain('was not found');
		expect(error.message).toContain('SignalWire error 20404, HTTP 404');
		expect(error.description).toContain(MISSING_SID);
		expect(result.requests.map(wire)).toEqual([
			{
				method: 'GET',
				path: `${accountPath(sandbox)}/Conferences/${MISSING_SID}`,
				query: [],
				form: [],
			},
		]);
	});

	test('with continue-on-fail the missing one becomes an error item linked to its input', async () => {
		const result = await execute('e2eGetMissingContinue');
		expectSucceeded(result);

		const found = nodeItems(result.execution, 'Find Two Running');
		expect(found).toHaveLength(2);
		const output = nodeOutput(result.execution, 'Get Each');
		expect(output).toHaveLength(2);
		expect(output[0].json).toEqual(found[0]);
		expect(output[1].json.error).toContain('was not found');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			`GET ${accountPath(sandbox)}/Conferences`,
			`GET ${accountPath(sandbox)}/Conferences/${found[0].sid}`,
			`GET ${accountPath(sandbox)}/Conferences/${MISSING_SID}`,
		]);
	});
});

describe('On Error: continue modes route error items as n8n does', () => {
	test('a found conference, a missing one and a bad ID: error output and regular output', async () => {
		const result = await execute('e2eErrorOutputThreeItems');
		expectSucceeded(result);

		const runData = result.execution.data.resultData.runData;
		const [found] = nodeItems(result.execution, 'Find One Running');
		const ids = [found.sid, MISSING_SID, 'not-an-id'];
		expect(nodeItems(result.execution, 'One Item Each')).toEqual(ids.map((id) => ({ ids: id })));
		const notFound = {
			error: expect.stringContaining(
				`${MISSING_SID} was not found (SignalWire error 20404, HTTP 404)`,
			),
			details: { description: expect.stringContaining(MISSING_SID), httpCode: '404' },
		};
		const badId = {
			error: 'Conference ID "not-an-id" is not a valid ID: SignalWire IDs are UUIDs',
			details: {
				description:
					'Use an ID like b3877c40-da60-4998-90ad-b792e98472cf, or choose the conference from the list.',
			},
		};

		// Continue (using error output): the conference on output 0, both errors on output 1, each
		// linked to its input item (n8n adds the input item's fields to an error item).
		const [success, failure] = runData['Get With Error Output'][0].data.main;
		expect(success).toEqual([{ json: found, pairedItem: { item: 0 } }]);
		expect(failure).toEqual([
			{ json: { ids: MISSING_SID, ...notFound }, pairedItem: { item: 1 } },
			{ json: { ids: 'not-an-id', ...badId }, pairedItem: { item: 2 } },
		]);
		expect(nodeItems(result.execution, 'Found')).toEqual([found]);
		expect(nodeItems(result.execution, 'Failed')).toEqual([
			{ ids: MISSING_SID, ...notFound },
			{ ids: 'not-an-id', ...badId },
		]);

		// Continue (regular output): all three on the one output, in input order.
		expect(runData['Get With Regular Output'][0].data.main).toEqual([
			[
				{ json: found, pairedItem: { item: 0 } },
				{ json: notFound, pairedItem: { item: 1 } },
				{ json: badId, pairedItem: { item: 2 } },
			],
		]);

		// The bad ID is refused before any request; the other two are asked for once per node.
		const gets = result.requests.filter((request) => request.path.includes('/Conferences/'));
		expect(gets.map((request) => request.path.split('/').pop()).sort()).toEqual(
			[found.sid, found.sid, MISSING_SID, MISSING_SID].sort(),
		);
	});
});

describe('Update (these change the sandbox, so they run last and in order)', () => {
	test('examples/announce-into-conference.json says the text into "All hands"', async () => {
		const result = await execute('swAnnounceIntoConference');
		expectSucceeded(result);

		const [output] = nodeItems(result.execution, 'Say It Into All Hands');
		expect(output.announced).toEqual({
			type: 'text',
			text: 'Deploy 4.2 starts in five minutes',
			language: 'en-US',
		});
		expect(output.conference).toMatchObject({ friendly_name: 'All hands', status: 'in-progress' });
		expect(await sandbox.said()).toEqual([
			expect.objectContaining({
				conference: 'All hands',
				conferenceSid: output.conference.sid,
				participant: null,
				verb: 'Say',
				language: 'en-US',
				text: 'Deploy 4.2 starts in five minutes',
			}),
		]);
		const announce = result.requests.filter(
			(request) =>
				request.method === 'POST' &&
				request.path === `${accountPath(sandbox)}/Conferences/${output.conference.sid}`,
		);
		expect(announce.map(wire)).toEqual([
			{
				method: 'POST',
				path: `${accountPath(sandbox)}/Conferences/${output.conference.sid}`,
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
	});

	test('examples/end-conferences-named.json ends both running "Support bridge" conferences', async () => {
		const result = await execute('swEndConferencesNamed');
		expectSucceeded(result);

		const running = conferences.filter(
			(conference) =>
				conference.friendly_name === 'Support bridge' && conference.status === 'in-progress',
		);
		expect(running).toHaveLength(2);
		const found = nodeItems(result.execution, 'Find In-Progress Conferences');
		expect(found.map((item) => item.sid)).toEqual(running.map((conference) => conference.sid));
		const ended = nodeItems(result.execution, 'End Conference');
		expect(ended.map((item) => [item.sid, item.status])).toEqual(
			running.map((conference) => [conference.sid, 'completed']),
		);
		expect(result.requests.map(wire)).toEqual([
			{
				method: 'GET',
				path: `${accountPath(sandbox)}/Conferences`,
				query: [
					['Status', 'in-progress'],
					['FriendlyName', 'Support bridge'],
					['PageSize', '1000'],
				],
				form: [],
			},
			...running.map((conference) => ({
				method: 'POST',
				path: `${accountPath(sandbox)}/Conferences/${conference.sid}`,
				query: [],
				form: [['Status', 'completed']],
			})),
		]);
	});

	test('running it again finds nothing left to end, and sends no update', async () => {
		const result = await execute('swEndConferencesNamed');
		expectSucceeded(result);

		expect(nodeItems(result.execution, 'Find In-Progress Conferences')).toEqual([]);
		expect(nodesThatRan(result.execution)).not.toContain('End Conference');
		expect(result.requests.map((request) => request.method)).toEqual(['GET']);
	});

	test('ending a completed conference is refused (422, code 10000) and, continuing on fail, reported on the item', async () => {
		const result = await execute('e2eUpdateCompleted');
		expectSucceeded(result);

		const [completed] = nodeItems(result.execution, 'Find Completed');
		const [item] = nodeItems(result.execution, 'End Again');
		expect(item.error).toContain('SignalWire error 10000, HTTP 422');
		expect(result.requests.map(wire)[1]).toEqual({
			method: 'POST',
			path: `${accountPath(sandbox)}/Conferences/${completed.sid}`,
			query: [],
			form: [['Status', 'completed']],
		});
	});
});
