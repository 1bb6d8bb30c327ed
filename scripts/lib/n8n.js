'use strict';
/**
 * One real n8n on one user folder: its CLI (import, execute) and its editor server.
 * n8n itself runs on the Node 24 from ensure-n8n.sh; this file runs on any Node >= 20.
 */
const fs = require('node:fs');
const path = require('node:path');

const { freePort } = require('./ports');
const { run, runOrThrow, start, stop } = require('./processes');
const { parseExecuteOutput } = require('./run-data');

const EDITOR_START_TIMEOUT_MS = 120_000;

/** Keeps n8n offline and quiet: no telemetry, version checks, templates or registry look-ups. */
const QUIET_ENV = {
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_VERIFIED_PACKAGES_ENABLED: 'false',
	N8N_DISABLED_MODULES: 'mcp-registry',
	N8N_AI_ENABLED: 'false',
	N8N_LOG_LEVEL: 'info',
	N8N_HIRING_BANNER_ENABLED: 'false',
};

/**
 * The caller's environment minus what a test runner adds: with NODE_ENV=test (set by jest) n8n
 * behaves as in its own unit tests, e.g. `n8n execute` prints nothing.
 */
function environmentWithoutTestMarkers() {
	const { NODE_ENV: _nodeEnv, JEST_WORKER_ID: _jestWorker, ...rest } = process.env;
	return rest;
}

/**
 * @param {{ nodeBin: string, n8nBin: string }} install from ensureN8n()
 * @param {string} userFolder a folder from createUserFolder(), with the package installed
 */
async function createN8n(install, userFolder) {
	// Each n8n process starts a task broker; a port of its own lets several n8n run side by side.
	const brokerPort = await freePort();
	const env = (extra = {}) => ({
		...environmentWithoutTestMarkers(),
		// n8n starts its task runners as `node` from PATH: that must be its own Node 24.
		PATH: `${path.dirname(install.nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`,
		...QUIET_ENV,
		N8N_USER_FOLDER: userFolder,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		...extra,
	});
	const importDir = path.join(userFolder, 'import');
	const cli = (args) =>
		run(install.nodeBin, [install.n8nBin, ...args], { cwd: userFolder, env: env() });
	const cliOrThrow = (args) =>
		runOrThrow(install.nodeBin, [install.n8nBin, ...args], { cwd: userFolder, env: env() });

	return {
		userFolder,

		/** Imports credentials given as `{ id, name, type, data }` with `data` in clear: n8n encrypts it. */
		async importCredentials(credentials) {
			fs.mkdirSync(importDir, { recursive: true });
			const file = path.join(importDir, 'credentials.json');
			fs.writeFileSync(file, JSON.stringify(credentials, null, 2));
			try {
				await cliOrThrow(['import:credentials', `--input=${file}`]);
			} finally {
				fs.rmSync(file, { force: true });
			}
		},

		/** Imports workflow files (each with an `id` of at most 21 characters) in one n8n run. */
		async importWorkflows(files) {
			const dir = path.join(importDir, 'workflows');
			fs.rmSync(dir, { recursive: true, force: true });
			fs.mkdirSync(dir, { recursive: true });
			for (const file of files) fs.copyFileSync(file, path.join(dir, path.basename(file)));
			await cliOrThrow(['import:workflow', '--separate', `--input=${dir}`]);
		},

		/**
		 * Runs a workflow with `n8n execute`. Returns `{ code, execution, after, output }`: the exit
		 * code, the parsed execution (run data), the text after it (n8n's error report), everything.
		 */
		async execute(workflowId) {
			const { code, stdout, stderr } = await cli(['execute', `--id=${workflowId}`, '--rawOutput']);
			const output = `${stdout}${stderr}`;
			return { code, ...parseExecuteOutput(stdout), output };
		},

		/**
		 * Starts the editor (`n8n start`) on 127.0.0.1:port, waits until it is ready, and returns
		 * `{ baseUrl, logFile, stop }`. Its output goes to `<user folder>/n8n.log`.
		 */
		async startEditor({ port }) {
			const baseUrl = `http://127.0.0.1:${port}`;
			const logFile = path.join(userFolder, 'n8n.log');
			const log = fs.openSync(logFile, 'a');
			const child = start(install.nodeBin, [install.n8nBin, 'start'], {
				cwd: userFolder,
				stdio: ['ignore', log, log],
				env: env({
					N8N_PORT: String(port),
					N8N_LISTEN_ADDRESS: '127.0.0.1',
					N8N_HOST: '127.0.0.1',
					N8N_PROTOCOL: 'http',
					N8N_EDITOR_BASE_URL: `${baseUrl}/`,
					// Plain http on loopback: a Secure cookie would not be sent back by every browser.
					N8N_SECURE_COOKIE: 'false',
				}),
			});
			fs.closeSync(log);
			const editor = { baseUrl, logFile, stop: () => stop(child) };
			try {
				await waitUntilReady(baseUrl, child, logFile);
			} catch (error) {
				await editor.stop();
				throw error;
			}
			return editor;
		},
	};
}

function logTail(logFile) {
	return fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-30).join('\n');
}

async function waitUntilReady(baseUrl, child, logFile) {
	let exited;
	child.exited.then((result) => (exited = result));
	const deadline = Date.now() + EDITOR_START_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (exited) throw new Error(`n8n start exited with ${exited.code}:\n${logTail(logFile)}`);
		try {
			// n8n 1.x reports readiness once its database is migrated, before the REST API is
			// mounted; /rest/settings comes after the API's routes in 1.x and 2.x alike.
			const ready = await fetch(`${baseUrl}/healthz/readiness`);
			await ready.arrayBuffer();
			if (ready.ok) {
				const settings = await fetch(`${baseUrl}/rest/settings`);
				await settings.arrayBuffer();
				if (settings.ok) return;
			}
		} catch {
			// Not listening yet.
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(
		`n8n was not ready at ${baseUrl} within ${EDITOR_START_TIMEOUT_MS / 1000} s:\n${logTail(logFile)}`,
	);
}

module.exports = { createN8n, QUIET_ENV };
