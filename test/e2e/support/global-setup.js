'use strict';
/**
 * Once per e2e run: the package built and packed, the pinned newest n8n installed (progress shown;
 * about 9 minutes on a cold cache, see docs/getting-started.md), the sandbox compiled.
 * oldest-n8n.e2e.test.js installs the oldest supported n8n itself, so that a run of any other file
 * does not wait for it. Test files read the results from the environment (jest runs them in this
 * same process with --runInBand).
 */
const { ensureN8n } = require('../../../scripts/lib/n8n-install');
const { buildAndPack } = require('../../../scripts/lib/package');
const { buildSandbox } = require('../../../scripts/lib/sandbox');

module.exports = async function globalSetup() {
	process.stderr.write(
		'\ne2e: building and packing the package, making sure n8n is installed...\n',
	);
	const pkg = await buildAndPack();
	const install = await ensureN8n();
	await buildSandbox();
	process.env.E2E_PACKAGE = JSON.stringify(pkg);
	process.env.E2E_N8N_INSTALL = JSON.stringify(install);
};
