'use strict';
/**
 * What the queue-mode suite starts with: the sandbox, and n8n's distributed engine (Postgres,
 * Redis, main, two workers, a webhook processor behind a proxy) with the sandbox's API credential,
 * its Signing Key credential and the given workflows imported. `stop()` ends every process and
 * removes every temporary folder: call it in afterAll. Ctrl-C and a killed jest are covered by
 * the guards (scripts/lib/guard.js) and the temp folder's janitor.
 */
const path = require('node:path');

const { ROOT } = require('../../../scripts/lib/paths');
const { startQueueCluster } = require('../../../scripts/lib/queue-cluster');
const { sandboxCredential } = require('../../../scripts/lib/prepare');
const { startSandbox } = require('../../../scripts/lib/sandbox');
const { signingKeyCredential } = require('../../../scripts/lib/triggers');

function fromGlobalSetup(name) {
	const value = process.env[name];
	if (!value)
		throw new Error(`${name} is not set: run the queue-mode tests with npm run test:queue`);
	return JSON.parse(value);
}

async function startQueueEnvironment({ workflowFiles, credentials = [] }) {
	const install = fromGlobalSetup('QUEUE_N8N_INSTALL');
	const sandbox = await startSandbox();
	const startedAt = Date.now();
	let cluster;
	try {
		cluster = await startQueueCluster({
			install,
			pkg: fromGlobalSetup('QUEUE_PACKAGE'),
			credentials: [sandboxCredential(sandbox), signingKeyCredential(sandbox), ...credentials],
			workflowFiles,
			workers: 2,
			// For a look after the run (git-ignored, replaced by the next run).
			keepLogsIn: path.join(ROOT, '.cache', 'queue-logs'),
		});
	} catch (error) {
		await sandbox.stop();
		throw error;
	}
	process.stderr.write(
		`queue: Postgres, Redis, main, 2 workers and the webhook processor ready in ${Math.round((Date.now() - startedAt) / 1000)} s\n`,
	);
	return {
		install,
		sandbox,
		cluster,
		async stop() {
			try {
				await cluster.stop();
			} finally {
				await sandbox.stop();
			}
		},
	};
}

module.exports = { startQueueEnvironment };
