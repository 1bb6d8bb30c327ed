'use strict';
/**
 * The oldest n8n of the README's "Supported versions" (N8N_VERSIONS.oldest), installed once into
 * .cache/ by scripts/ensure-n8n.sh, with the packed file installed by docs/install.md's commands:
 * the nodes, the AI Agent tool and the credentials it lists, a conference operation, a signed
 * callback to the webhook trigger, and the conference picker through n8n's REST API. The other
 * e2e files run the newest (2.41.1); this one is the smoke test of the other end of the range.
 */
const fs = require('node:fs');
const path = require('node:path');

const { N8nRestClient, newOwnerLogin } = require('../../scripts/lib/n8n-rest');
const { createN8n } = require('../../scripts/lib/n8n');
const { N8N_VERSIONS, ensureN8n } = require('../../scripts/lib/n8n-install');
const { freePort } = require('../../scripts/lib/ports');
const { SANDBOX_CREDENTIAL, sandboxCredential } = require('../../scripts/lib/prepare');
const { executionError } = require('../../scripts/lib/run-data');
const { startSandbox } = require('../../scripts/lib/sandbox');
const {
	JOINED_ANNOUNCE,
	fireEvent,
	sendCallbacksTo,
	signingKeyCredential,
	waitForRequest,
	waitForWebhook,
	webhookUrl: webhookUrlOf,
} = require('../../scripts/lib/triggers');
const { createUserFolder, removeUserFolder } = require('../../scripts/lib/user-folder');
const { PACKAGE_TYPES, installAsDocumented, loadedTypes } = require('./support/documented-install');
const { accountPath, basicAuth, wire } = require('./support/expectations');

const OLDEST = N8N_VERSIONS.oldest;
const ANNOUNCE_DEPLOY = path.join(__dirname, 'workflows', 'announce-deploy.json');
/** A cold install of n8n 1.85.4 took about 6 minutes on 2 busy cores; warm, under a second. */
const INSTALL_TIMEOUT_MS = 30 * 60_000;

let install;
let sandbox;
let home;
let n8n;
let editor;

beforeAll(async () => {
	install = await ensureN8n({ version: OLDEST });
	sandbox = await startSandbox();
	home = createUserFolder('sw-n8n-oldest-');
	await installAsDocumented(home, JSON.parse(process.env.E2E_PACKAGE));
	n8n = await createN8n(install, home);
	await n8n.importCredentials([sandboxCredential(sandbox), signingKeyCredential(sandbox)]);
	await n8n.importWorkflows([ANNOUNCE_DEPLOY, JOINED_ANNOUNCE.file]);
}, INSTALL_TIMEOUT_MS);

afterAll(async () => {
	await editor?.stop();
	await sandbox?.stop();
	if (home) removeUserFolder(home);
});

test(`n8n ${OLDEST} ships the n8n-workflow the unit tests check the imports against`, () => {
	const n8nFolder = path.resolve(path.dirname(install.n8nBin), '..');
	const shipped = require(require.resolve('n8n-workflow/package.json', { paths: [n8nFolder] }));
	expect(shipped.version).toBe(require('n8n-workflow-oldest/package.json').version);
});

test(`n8n ${OLDEST} runs a conference operation (n8n execute)`, async () => {
	await sandbox.reset();

	const result = await n8n.execute('e2eAnnounceDeploy');

	if (executionError(result.execution) || !result.execution) {
		throw new Error(`the workflow failed (exit ${result.code}):\n${result.output.slice(-3000)}`);
	}
	expect(await sandbox.said()).toEqual([
		expect.objectContaining({
			conference: 'All hands',
			verb: 'Say',
			text: 'Deploy 4.2 starts in five minutes',
		}),
	]);
});

describe(`n8n ${OLDEST} started on that home folder`, () => {
	let rest;

	beforeAll(async () => {
		editor = await n8n.startEditor({ port: await freePort() });
		rest = new N8nRestClient(editor.baseUrl);
		await rest.setupOwner(newOwnerLogin());
	}, 180_000);

	test('lists the three nodes, the AI Agent tool and the two credentials', async () => {
		const { nodes, credentials } = await loadedTypes(rest);

		expect(nodes).toEqual(expect.arrayContaining([...PACKAGE_TYPES.nodes, PACKAGE_TYPES.tool]));
		expect(credentials).toEqual(expect.arrayContaining(PACKAGE_TYPES.credentials));
		expect(fs.readFileSync(editor.logFile, 'utf8')).not.toMatch(
			/Failed to load package|Class could not be found|n8n-nodes-signalwire-conference.*error/i,
		);
	});

	test('answers the "From list" conference picker (REST API) with the first page', async () => {
		await sandbox.reset();

		const page = await rest.request(
			'POST',
			'/rest/dynamic-node-parameters/resource-locator-results',
			{
				path: 'parameters.conferenceId',
				methodName: 'searchConferences',
				nodeTypeAndVersion: { name: PACKAGE_TYPES.nodes[0], version: 1 },
				currentNodeParameters: {
					resource: 'conference',
					operation: 'get',
					conferenceId: { __rl: true, mode: 'list', value: '' },
				},
				credentials: {
					signalWireApi: { id: SANDBOX_CREDENTIAL.id, name: SANDBOX_CREDENTIAL.name },
				},
			},
		);

		expect(page.results).toHaveLength(Math.min(50, sandbox.conferences));
		expect(page.results).toContainEqual({
			url: expect.stringContaining('/Conferences/'),
			name: expect.stringMatching(/^All hands · running \d+ min · since \d\d:\d\d$/),
			value: expect.any(String),
		});
		const requests = await sandbox.requests();
		expect(requests.map(wire)).toEqual([
			{
				method: 'GET',
				path: `${accountPath(sandbox)}/Conferences`,
				query: [['PageSize', '50']],
				form: [],
			},
		]);
		expect(requests[0].authorization).toBe(basicAuth(sandbox));
	});

	test('runs the activated webhook trigger for a signed callback, which announces', async () => {
		// n8n 1.x activates by saving the workflow as active (2.x: POST …/activate, "Publish").
		const { workflowId, webhookId } = JOINED_ANNOUNCE;
		const { versionId } = await rest.request('GET', `/rest/workflows/${workflowId}`);
		await rest.request('PATCH', `/rest/workflows/${workflowId}`, { active: true, versionId });
		const webhookUrl = webhookUrlOf(editor.baseUrl, webhookId);
		await sendCallbacksTo(sandbox, webhookUrl, { requestedOnly: true });
		await waitForWebhook(webhookUrl, 60_000);
		await sandbox.reset();

		const delivered = await fireEvent(sandbox, 'participant-join', 'Support bridge');

		expect(delivered).toMatchObject({ event: 'participant-join', url: webhookUrl, outcome: 200 });
		// The example says a typed sentence: the Say template's cXML Script with the text as a value.
		const conferencePath = `${accountPath(sandbox)}/Conferences/${Object.fromEntries(delivered.form).ConferenceSid}`;
		const announce = await waitForRequest(
			sandbox,
			(request) => request.method === 'POST' && request.path === conferencePath,
		);
		expect(announce).toMatchObject({
			form: [
				[
					'AnnounceUrl',
					expect.stringMatching(
						/\/laml-bins\/[0-9a-f-]{36}\?n8n_language=en-US&n8n_text=Someone%20just%20joined%20the%20support%20bridge\.$/,
					),
				],
			],
			authorization: basicAuth(sandbox),
		});
	});
});
