'use strict';
/**
 * Everything a real n8n needs before anything runs: a fresh user folder, the packed node installed,
 * the credential pointing at the sandbox, the workflows imported.
 */
const { createN8n } = require('./n8n');
const { createUserFolder, installPackage, removeUserFolder } = require('./user-folder');

/** The credential the example workflows refer to. */
const SANDBOX_CREDENTIAL = {
	id: 'swSandboxCredential',
	name: 'SignalWire account',
	type: 'signalWireApi',
};

function sandboxCredential(sandbox) {
	return {
		...SANDBOX_CREDENTIAL,
		data: { spaceUrl: sandbox.spaceUrl, projectId: sandbox.projectId, apiToken: sandbox.apiToken },
	};
}

/**
 * @param {{ install: object, pkg: object, sandbox: object, workflowFiles: string[], prefix?: string }} options
 *   install from ensureN8n(), pkg from buildAndPack(), sandbox from startSandbox()
 * @returns the n8n from createN8n(); remove its `userFolder` when done
 */
async function prepareN8n({ install, pkg, sandbox, workflowFiles, prefix }) {
	const userFolder = createUserFolder(prefix);
	try {
		await installPackage(userFolder, pkg);
		const n8n = await createN8n(install, userFolder);
		// The first command creates n8n's database (migrations take a few seconds).
		await n8n.importCredentials([sandboxCredential(sandbox)]);
		if (workflowFiles.length > 0) await n8n.importWorkflows(workflowFiles);
		return n8n;
	} catch (error) {
		removeUserFolder(userFolder);
		throw error;
	}
}

module.exports = { prepareN8n, sandboxCredential, SANDBOX_CREDENTIAL };
