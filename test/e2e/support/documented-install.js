'use strict';
/**
 * The install path of docs/install.md and the README as a user runs it: the fenced block after the
 * "tested by" marker, run in the folder holding the packed file with a fresh home folder and no
 * npm registry reachable; and what a started n8n then lists as loaded.
 */
const fs = require('node:fs');
const path = require('node:path');

const { ROOT } = require('../../../scripts/lib/paths');
const { run } = require('../../../scripts/lib/processes');

const INSTALL_DOC = path.join(ROOT, 'docs', 'install.md');
const MARKER = '<!-- tested by test/e2e/install.e2e.test.js';

/** The package's node types (with the AI Agent tool n8n makes of the action node) and credentials. */
const PACKAGE_TYPES = {
	nodes: [
		'n8n-nodes-signalwire-conference.signalWireConference',
		'n8n-nodes-signalwire-conference.signalWireConferenceTrigger',
		'n8n-nodes-signalwire-conference.signalWireConferencePollingTrigger',
	],
	tool: 'n8n-nodes-signalwire-conference.signalWireConferenceTool',
	credentials: ['signalWireApi', 'signalWireSigningKeyApi'],
};

/** The fenced bash block right after the marker comment. */
function documentedCommands(file = INSTALL_DOC) {
	const doc = fs.readFileSync(file, 'utf8');
	const start = doc.indexOf(MARKER);
	if (start === -1) throw new Error(`${path.basename(file)} has no "${MARKER}" block`);
	const block = /```bash\n([\s\S]*?)```/.exec(doc.slice(start));
	if (!block) throw new Error(`no \`\`\`bash block follows the marker in ${path.basename(file)}`);
	return block[1];
}

/** A user's shell: the environment minus what npm and jest add when they run this test. */
function userEnvironment(home) {
	const environment = Object.fromEntries(
		Object.entries(process.env).filter(
			([name]) =>
				!/^npm_/i.test(name) && !['NODE_ENV', 'JEST_WORKER_ID', 'INIT_CWD'].includes(name),
		),
	);
	return {
		...environment,
		HOME: home,
		// Nothing may come from a registry: the file holds everything, the peer comes from n8n.
		npm_config_registry: 'http://127.0.0.1:9/',
		npm_config_cache: path.join(home, '.npm-cache'),
		npm_config_update_notifier: 'false',
	};
}

/** Runs the documented commands for `pkg` (from buildAndPack()) with `home` as the home folder. */
async function installAsDocumented(home, pkg) {
	const result = await run('bash', ['-euo', 'pipefail', '-c', documentedCommands()], {
		cwd: path.dirname(pkg.tarball),
		env: userEnvironment(home),
	});
	if (result.code !== 0) {
		throw new Error(
			`the documented commands failed (${result.code}):\n${result.stdout}${result.stderr}`,
		);
	}
}

/** The node and credential type names a running n8n serves to its editor (signed-in `rest`). */
async function loadedTypes(rest) {
	const names = async (file) => {
		const response = await rest.send('GET', `/types/${file}`);
		if (!response.ok) throw new Error(`GET /types/${file}: HTTP ${response.status}`);
		return (await response.json()).map((type) => type.name);
	};
	return { nodes: await names('nodes.json'), credentials: await names('credentials.json') };
}

module.exports = {
	PACKAGE_TYPES,
	documentedCommands,
	installAsDocumented,
	loadedTypes,
};
