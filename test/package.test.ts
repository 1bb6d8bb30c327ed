/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- the rig, not shipped: n8n's rules for node code do not apply */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
	name: string;
	dependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	n8n: { n8nNodesApiVersion: number; nodes: string[]; credentials: string[] };
};

/** What n8n does when it loads a community package: require each listed file and construct its class. */
function load(file: string) {
	const path = join(root, file);
	if (!existsSync(path)) {
		throw new Error(`${file} is missing: run "npm run build" first (npm test does it for you)`);
	}
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const exported = require(path) as Record<string, new () => Record<string, unknown>>;
	const className = basename(file).split('.')[0];
	return new exported[className]();
}

describe('the built package, as n8n loads it', () => {
	it('has no runtime dependencies and only n8n-workflow as peer', () => {
		expect(packageJson.name).toBe('n8n-nodes-signalwire-conference');
		expect(packageJson.dependencies ?? {}).toEqual({});
		expect(packageJson.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(packageJson.n8n.n8nNodesApiVersion).toBe(1);
	});

	it.each(packageJson.n8n.nodes)(
		'%s exports a node class whose icons and codex exist beside it',
		(file) => {
			const instance = load(file) as {
				description: { name: string; icon: { light: string; dark: string } };
			};
			const folder = dirname(join(root, file));
			for (const icon of [instance.description.icon.light, instance.description.icon.dark]) {
				expect(existsSync(join(folder, icon.replace(/^file:/, '')))).toBe(true);
			}
			const codex = JSON.parse(
				readFileSync(join(root, file.replace(/\.js$/, '.json')), 'utf8'),
			) as { node: string };
			expect(codex.node).toBe(`${packageJson.name}.${instance.description.name}`);
		},
	);

	it.each(packageJson.n8n.credentials)(
		'%s exports a credential class whose icons exist',
		(file) => {
			const instance = load(file) as { name: string; icon: { light: string; dark: string } };
			expect(instance.name).toBeTruthy();
			for (const icon of [instance.icon.light, instance.icon.dark]) {
				expect(existsSync(join(dirname(join(root, file)), icon.replace(/^file:/, '')))).toBe(true);
			}
		},
	);

	it('keeps the public names saved workflows depend on', () => {
		const node = load('dist/nodes/SignalWireConference/SignalWireConference.node.js') as {
			description: {
				name: string;
				version: number;
				usableAsTool: boolean;
				properties: Array<{ name: string; options?: Array<{ value: string }> }>;
			};
		};
		expect(node.description.name).toBe('signalWireConference');
		expect(node.description.version).toBe(1);
		expect(node.description.usableAsTool).toBe(true);
		const names = node.description.properties.map((property) => property.name);
		expect(names).toEqual(
			expect.arrayContaining([
				'resource',
				'operation',
				'conferenceId',
				'returnAll',
				'limit',
				'filters',
				'updateFields',
			]),
		);
		const credentials = load('dist/credentials/SignalWireApi.credentials.js') as {
			name: string;
			properties: Array<{ name: string }>;
		};
		expect(credentials.name).toBe('signalWireApi');
		expect(credentials.properties.map((property) => property.name)).toEqual([
			'spaceUrl',
			'projectId',
			'apiToken',
			'allowedDestinations',
			'allowPremiumDestinations',
			'allowSipUriParameters',
		]);
	});
});
