/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- the rig, not shipped: n8n's rules for node code do not apply */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * The README's "Supported versions" claims what `npm test` runs: the e2e tests on the newest n8n,
 * the smoke test on the oldest (N8N_VERSIONS in scripts/lib/n8n-install.js).
 *
 * The package runs on the n8n-workflow of the n8n that loads it. An export the oldest supported
 * n8n lacks makes n8n drop the whole package there ("Class could not be found"), so every name
 * the compiled nodes take from 'n8n-workflow' must exist in that n8n-workflow, installed as the
 * devDependency `n8n-workflow-oldest` (the version the oldest n8n of README's "Supported versions"
 * ships; test/e2e/oldest-n8n.e2e.test.js checks that it is).
 */

const root = resolve(__dirname, '..');
const dist = join(root, 'dist');
const REQUIRE = 'require("n8n-workflow")';
/** tsc's form of a named import: `const n8n_workflow_1 = require("n8n-workflow");`. */
const BINDING = /\bconst (\w+) = require\("n8n-workflow"\);/g;

function compiledFiles(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) return compiledFiles(path);
		return entry.name.endsWith('.js') ? [path] : [];
	});
}

/** `{ file, name, member }` for every `binding.name` and `binding.name.member` read in a compiled file. */
function runtimeImports(file: string, source: string) {
	const bindings = [...source.matchAll(BINDING)].map((match) => match[1]);
	const requires = source.split(REQUIRE).length - 1;
	if (bindings.length !== requires || /n8n-workflow/.test(source.replace(BINDING, ''))) {
		throw new Error(
			`${relative(root, file)} takes something from n8n-workflow in a form this check cannot read: use named imports (import { X } from 'n8n-workflow')`,
		);
	}
	return bindings.flatMap((binding) =>
		[...source.matchAll(new RegExp(`\\b${binding}\\.(\\w+)(?:\\.(\\w+))?`, 'g'))].map(
			([, name, member]) => ({ file: relative(root, file), name, member }),
		),
	);
}

function importsOf(files: string[]) {
	return files.flatMap((file) => runtimeImports(file, readFileSync(file, 'utf8')));
}

/** What the package takes from n8n-workflow that `workflow` does not have, as `file: name[.member]`. */
function missingFrom(workflow: Record<string, unknown>, imports: ReturnType<typeof importsOf>) {
	const missing = imports.flatMap(({ file, name, member }) => {
		if (!(name in workflow)) return [`${file}: ${name}`];
		const value = workflow[name];
		// Members of plain objects (NodeConnectionTypes.Main) are values too; a class's are its statics.
		if (member && typeof value === 'object' && value !== null && !(member in value)) {
			return [`${file}: ${name}.${member}`];
		}
		return [];
	});
	return [...new Set(missing)].sort();
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const oldest = require('n8n-workflow-oldest') as Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const oldestVersion = (require('n8n-workflow-oldest/package.json') as { version: string }).version;

describe(`the package's runtime imports from n8n-workflow, against ${oldestVersion}`, () => {
	const imports = importsOf(compiledFiles(dist));

	it('sees what the nodes import', () => {
		expect(imports.map(({ name }) => name)).toEqual(
			expect.arrayContaining([
				'NodeApiError',
				'NodeConnectionTypes',
				'NodeOperationError',
				'sleep',
			]),
		);
		expect(imports).toContainEqual(
			expect.objectContaining({ name: 'NodeConnectionTypes', member: 'Main' }),
		);
	});

	it(`imports only what n8n-workflow ${oldestVersion} exports`, () => {
		expect(missingFrom(oldest, imports)).toEqual([]);
	});

	it('names a missing export and where it is used', () => {
		const source = [
			'const n8n_workflow_1 = require("n8n-workflow");',
			'(0, n8n_workflow_1.sleepWithAbort)(10);',
			'const outputs = [n8n_workflow_1.NodeConnectionTypes.Main, n8n_workflow_1.NodeConnectionTypes.Nope];',
		].join('\n');
		expect(missingFrom(oldest, runtimeImports(join(dist, 'Example.node.js'), source))).toEqual([
			'dist/Example.node.js: NodeConnectionTypes.Nope',
			'dist/Example.node.js: sleepWithAbort',
		]);
	});

	it('refuses a form of import it cannot read', () => {
		const source = 'const workflow = __importStar(require("n8n-workflow"));';
		expect(() => runtimeImports(join(dist, 'Example.node.js'), source)).toThrow(
			'dist/Example.node.js takes something from n8n-workflow in a form this check cannot read',
		);
	});
});

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { N8N_VERSIONS } = require('../scripts/lib/n8n-install') as {
	N8N_VERSIONS: { newest: string; oldest: string };
};

describe('the README\'s "Supported versions"', () => {
	const readme = readFileSync(join(root, 'README.md'), 'utf8');
	const section = readme.slice(
		readme.indexOf('## Supported versions'),
		readme.indexOf('\n## ', readme.indexOf('## Supported versions') + 1),
	);

	it('claims from the oldest n8n npm test runs on', () => {
		const [major, minor] = N8N_VERSIONS.oldest.split('.');
		expect(section).toContain(`**n8n ${major}.${minor} or newer**`);
	});

	it('names as run by every npm test exactly the versions the e2e tests install', () => {
		const everyRun = section
			.split('\n')
			.filter((line) => line.includes('Every `npm test`'))
			.map((line) => /^\| \*\*(\d+\.\d+\.\d+)\*\* \|/.exec(line)?.[1]);
		expect(everyRun.sort()).toEqual([N8N_VERSIONS.newest, N8N_VERSIONS.oldest].sort());
	});

	it('is what scripts/ensure-n8n.sh installs when no version is given', () => {
		const script = readFileSync(join(root, 'scripts', 'ensure-n8n.sh'), 'utf8');
		expect(script).toContain(`N8N_VERSION="\${N8N_VERSION:-${N8N_VERSIONS.newest}}"`);
	});
});
