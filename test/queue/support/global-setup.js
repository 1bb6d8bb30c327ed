'use strict';
/**
 * Once per queue-mode run: the servers it needs are there (else a clear message says how to
 * install them), the package built and packed, the pinned n8n installed (about 4 minutes on a cold
 * cache), the sandbox compiled. Test files read the results from the environment (jest runs them
 * in this same process with --runInBand).
 */
const { ensureN8n } = require('../../../scripts/lib/n8n-install');
const { buildAndPack } = require('../../../scripts/lib/package');
const { findPostgresBin } = require('../../../scripts/lib/postgres');
const { findRedisServer } = require('../../../scripts/lib/redis');
const { buildSandbox } = require('../../../scripts/lib/sandbox');

module.exports = async function globalSetup() {
	await findPostgresBin();
	findRedisServer();
	process.stderr.write(
		'\nqueue: building and packing the package, making sure n8n is installed...\n',
	);
	const pkg = await buildAndPack();
	const install = await ensureN8n();
	await buildSandbox();
	process.env.QUEUE_PACKAGE = JSON.stringify(pkg);
	process.env.QUEUE_N8N_INSTALL = JSON.stringify(install);
};
