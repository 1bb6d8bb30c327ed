/**
 * End-to-end tests: the packed node in a real n8n (n8n execute, n8n's REST API, the editor in
 * Chromium) against the local SignalWire sandbox. Run with `npm run test:e2e` (in band: each file
 * starts its own n8n, and two cores are all CI has).
 * @type {import('jest').Config}
 */
module.exports = {
	rootDir: '../..',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.js'],
	testEnvironment: 'node',
	transform: {},
	globalSetup: '<rootDir>/test/e2e/support/global-setup.js',
	// n8n CLI commands take seconds each, its first start runs database migrations.
	testTimeout: 120_000,
	slowTestThreshold: 30,
};
