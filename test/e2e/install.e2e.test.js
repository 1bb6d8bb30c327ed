'use strict';
/**
 * The install path of docs/install.md and the README, exactly as written: the README's block must be
 * the same as the guide's, which is run in the folder holding the packed file, with a fresh home
 * folder and no npm registry reachable; then a real n8n started on that home folder must load the
 * package's nodes and credentials.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { N8nRestClient, newOwnerLogin } = require('../../scripts/lib/n8n-rest');
const { createN8n } = require('../../scripts/lib/n8n');
const { ROOT } = require('../../scripts/lib/paths');
const { freePort } = require('../../scripts/lib/ports');
const { run } = require('../../scripts/lib/processes');
const { removeUserFolder } = require('../../scripts/lib/user-folder');

const INSTALL_DOC = path.join(ROOT, 'docs', 'install.md');
const README = path.join(ROOT, 'README.md');
const MARKER = '<!-- tested by test/e2e/install.e2e.test.js';

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

const fromGlobalSetup = (name) => JSON.parse(process.env[name]);

let home;
let editor;

beforeAll(() => {
	home = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-install-home-'));
});

afterAll(async () => {
	await editor?.stop();
	if (home) removeUserFolder(home);
});

test("the README's install commands are the guide's", () => {
	expect(documentedCommands(README)).toBe(documentedCommands(INSTALL_DOC));
});

test('the documented commands install the packed file into ~/.n8n/nodes, offline', async () => {
	const pkg = fromGlobalSetup('E2E_PACKAGE');
	const commands = documentedCommands();
	// The document names the file `npm pack` makes today.
	expect(commands).toContain(path.basename(pkg.tarball));

	const result = await run('bash', ['-euo', 'pipefail', '-c', commands], {
		cwd: path.dirname(pkg.tarball),
		env: userEnvironment(home),
	});
	if (result.code !== 0) {
		throw new Error(
			`the documented commands failed (${result.code}):\n${result.stdout}${result.stderr}`,
		);
	}

	const nodes = path.join(home, '.n8n', 'nodes');
	const installed = JSON.parse(
		fs.readFileSync(path.join(nodes, 'node_modules', pkg.name, 'package.json'), 'utf8'),
	);
	expect(installed.version).toBe(pkg.version);
	expect(JSON.parse(fs.readFileSync(path.join(nodes, 'package.json'), 'utf8'))).toMatchObject({
		dependencies: { [pkg.name]: expect.stringContaining(path.basename(pkg.tarball)) },
	});
	// n8n provides n8n-workflow: no second copy beside the package.
	expect(fs.readdirSync(path.join(nodes, 'node_modules')).sort()).toEqual(
		expect.not.arrayContaining(['n8n-workflow']),
	);
});

test('n8n started on that home folder loads the three nodes and two credentials', async () => {
	const n8n = await createN8n(fromGlobalSetup('E2E_N8N_INSTALL'), home);
	editor = await n8n.startEditor({ port: await freePort() });
	const rest = new N8nRestClient(editor.baseUrl);
	await rest.setupOwner(newOwnerLogin());

	const types = async (file) => {
		const response = await rest.send('GET', `/types/${file}`);
		expect(response.status).toBe(200);
		return (await response.json()).map((type) => type.name);
	};
	expect(await types('nodes.json')).toEqual(
		expect.arrayContaining([
			'n8n-nodes-signalwire-conference.signalWireConference',
			'n8n-nodes-signalwire-conference.signalWireConferenceTrigger',
			'n8n-nodes-signalwire-conference.signalWireConferencePollingTrigger',
		]),
	);
	expect(await types('credentials.json')).toEqual(
		expect.arrayContaining(['signalWireApi', 'signalWireSigningKeyApi']),
	);
	const log = fs.readFileSync(editor.logFile, 'utf8');
	expect(log).not.toMatch(/Failed to load package|n8n-nodes-signalwire-conference.*error/i);
});
