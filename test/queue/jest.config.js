/**
 * Queue-mode tests: the packed node in n8n's distributed engine on this machine (Postgres, Redis,
 * a main instance, two workers, a webhook processor behind a reverse proxy) against the local
 * SignalWire sandbox. Run with `npm run test:queue` (in band: one cluster, two cores).
 * @type {import('jest').Config}
 */
module.exports = {
	rootDir: '../..',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.queue.test.js'],
	testEnvironment: 'node',
	transform: {},
	globalSetup: '<rootDir>/test/queue/support/global-setup.js',
	// Starting the cluster and waiting for scheduled polls (n8n polls at most once a minute) take minutes.
	testTimeout: 180_000,
	slowTestThreshold: 60,
};
