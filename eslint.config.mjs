import { config as n8nNodeCliConfig } from '@n8n/node-cli/eslint';
import tseslint from 'typescript-eslint';

/**
 * n8n's own config for community nodes (@n8n/node-cli: eslint-plugin-n8n-nodes-base's node,
 * credential and package rules, @n8n/eslint-plugin-community-nodes, import-x), extended to the
 * test tree, which is not shipped and may use what n8n's sandbox forbids in nodes.
 */
const communityOnlyRules = Object.fromEntries(
	Object.keys(
		n8nNodeCliConfig.find((entry) => entry.plugins?.['@n8n/community-nodes'])?.rules ?? {},
	)
		.filter((rule) => rule.startsWith('@n8n/community-nodes/'))
		.map((rule) => [rule, 'off']),
);

export default tseslint.config(
	{
		ignores: [
			'dist/**',
			'node_modules/**',
			'.cache/**',
			'.build/**',
			'.artifacts/**',
			'coverage/**',
			'**/*.js',
			'**/*.mjs',
		],
	},
	...n8nNodeCliConfig,
	{
		files: ['**/*.ts'],
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
			],
		},
	},
	{
		files: ['test/**/*.ts', 'bench/**/*.ts'],
		rules: {
			...communityOnlyRules,
			'@typescript-eslint/no-non-null-assertion': 'off',
		},
	},
);
