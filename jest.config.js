/**
 * One configuration, three projects: `npm run test:unit` (the engine tests, TypeScript through
 * ts-jest), `npm run test:e2e` (the packed node in a real n8n) and `npm run test:queue` (n8n in
 * queue mode). The last two run in band: each file starts its own n8n, and two cores are all CI has.
 * @type {import('jest').Config}
 */
module.exports = {
	// Jest reads a timeout only for the whole run: the unit tests' here, the others' in their scripts.
	testTimeout: 20_000,
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			roots: ['<rootDir>/test'],
			testMatch: ['**/*.test.ts'],
			transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
		},
		{
			displayName: 'e2e',
			testEnvironment: 'node',
			roots: ['<rootDir>/test/e2e'],
			testMatch: ['**/*.e2e.test.js'],
			transform: {},
			globalSetup: '<rootDir>/test/e2e/support/global-setup.js',
			// Its Timeout (n8n CLI commands take seconds each) is set by `npm run test:e2e`.
			slowTestThreshold: 30,
		},
		{
			displayName: 'queue',
			testEnvironment: 'node',
			roots: ['<rootDir>/test/queue'],
			testMatch: ['**/*.queue.test.js'],
			transform: {},
			globalSetup: '<rootDir>/test/queue/support/global-setup.js',
			// Its Timeout (the cluster's start, polls once a minute) is set by `npm run test:queue`.
			slowTestThreshold: 60,
		},
	],
};
