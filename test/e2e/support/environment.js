'use strict';
/**
 * What every e2e file starts with: a fresh sandbox and a fresh n8n user folder with the packed node
 * installed, the sandbox credential and the given workflows imported; optionally the editor with an
 * owner signed in. `stop()` ends every process and removes the folder: call it in afterAll, so that
 * nothing outlives a failing test.
 */
const { N8nRestClient, newOwnerLogin } = require('../../../scripts/lib/n8n-rest');
const { freePort } = require('../../../scripts/lib/ports');
const { prepareN8n } = require('../../../scripts/lib/prepare');
const { startSandbox } = require('../../../scripts/lib/sandbox');
const { removeUserFolder } = require('../../../scripts/lib/user-folder');

function fromGlobalSetup(name) {
	const value = process.env[name];
	if (!value) throw new Error(`${name} is not set: run the e2e tests with npm run test:e2e`);
	return JSON.parse(value);
}

async function startEnvironment({ workflowFiles = [] } = {}) {
	const cleanups = [];
	const environment = {
		sandbox: undefined,
		n8n: undefined,

		/** `n8n start` on a free port, the owner set up: `{ editor, rest, login }`. */
		async startEditor() {
			const editor = await environment.n8n.startEditor({ port: await freePort() });
			cleanups.push(() => editor.stop());
			const login = newOwnerLogin();
			const rest = new N8nRestClient(editor.baseUrl);
			await rest.setupOwner(login);
			return { editor, rest, login };
		},

		async stop() {
			while (cleanups.length > 0) await cleanups.pop()();
		},
	};
	try {
		environment.sandbox = await startSandbox();
		cleanups.push(() => environment.sandbox.stop());
		environment.n8n = await prepareN8n({
			install: fromGlobalSetup('E2E_N8N_INSTALL'),
			pkg: fromGlobalSetup('E2E_PACKAGE'),
			sandbox: environment.sandbox,
			workflowFiles,
			prefix: 'sw-n8n-e2e-',
		});
		cleanups.push(() => removeUserFolder(environment.n8n.userFolder));
	} catch (error) {
		await environment.stop();
		throw error;
	}
	return environment;
}

module.exports = { startEnvironment };
