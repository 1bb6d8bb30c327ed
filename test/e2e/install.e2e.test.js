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
const { removeUserFolder } = require('../../scripts/lib/user-folder');
const {
	PACKAGE_TYPES,
	documentedCommands,
	installAsDocumented,
	loadedTypes,
} = require('./support/documented-install');

const README = path.join(ROOT, 'README.md');

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
	expect(documentedCommands(README)).toBe(documentedCommands());
});

test('the documented commands install the packed file into ~/.n8n/nodes, offline', async () => {
	const pkg = fromGlobalSetup('E2E_PACKAGE');
	// The document names the file `npm pack` makes today.
	expect(documentedCommands()).toContain(path.basename(pkg.tarball));

	await installAsDocumented(home, pkg);

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

test('n8n started on that home folder loads the three nodes, the AI Agent tool and two credentials', async () => {
	const n8n = await createN8n(fromGlobalSetup('E2E_N8N_INSTALL'), home);
	editor = await n8n.startEditor({ port: await freePort() });
	const rest = new N8nRestClient(editor.baseUrl);
	await rest.setupOwner(newOwnerLogin());

	const { nodes, credentials } = await loadedTypes(rest);
	expect(nodes).toEqual(expect.arrayContaining([...PACKAGE_TYPES.nodes, PACKAGE_TYPES.tool]));
	expect(credentials).toEqual(expect.arrayContaining(PACKAGE_TYPES.credentials));
	const log = fs.readFileSync(editor.logFile, 'utf8');
	expect(log).not.toMatch(/Failed to load package|n8n-nodes-signalwire-conference.*error/i);
});
