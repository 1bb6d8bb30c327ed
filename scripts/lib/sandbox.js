'use strict';
/**
 * The local SignalWire-compatible API (test/server/sandbox.ts) as a child process, and a client
 * for its control endpoints.
 */
const path = require('node:path');
const readline = require('node:readline');

const { ROOT } = require('./paths');
const { runOrThrow, start, stop } = require('./processes');

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const SANDBOX_SCRIPT = path.join(ROOT, '.build', 'test', 'server', 'sandbox.js');
const START_TIMEOUT_MS = 20_000;

/** Compiles test/server into .build/ (`npm run build:sandbox`). */
async function buildSandbox() {
	await runOrThrow(NPM, ['run', 'build:sandbox', '--silent'], { cwd: ROOT });
}

/** Resolves with the first line of the sandbox's stdout: its connection details as JSON. */
function readDetails(child) {
	return new Promise((resolve, reject) => {
		const stderr = [];
		child.stderr.on('data', (chunk) => stderr.push(chunk));
		const lines = readline.createInterface({ input: child.stdout });
		const timer = setTimeout(
			() => reject(new Error('the sandbox printed nothing within 20 s')),
			START_TIMEOUT_MS,
		);
		lines.once('line', (line) => {
			clearTimeout(timer);
			try {
				resolve(JSON.parse(line));
			} catch {
				reject(new Error(`the sandbox printed "${line}" instead of its JSON details`));
			}
		});
		child.exited.then(({ code }) => {
			clearTimeout(timer);
			reject(
				new Error(`the sandbox exited with ${code}: ${Buffer.concat(stderr).toString().trim()}`),
			);
		});
	});
}

/**
 * Starts the sandbox on a free port. Returns its details (`spaceUrl`, `projectId`, `apiToken`,
 * `conferences`, `byStatus`, …) plus `requests()`, `reset()`, `addConferences()` and `stop()`.
 */
async function startSandbox() {
	const child = start(process.execPath, [SANDBOX_SCRIPT, '--port', '0', '--json'], { cwd: ROOT });
	let details;
	try {
		details = await readDetails(child);
	} catch (error) {
		await stop(child);
		throw error;
	}
	const control = async (method, name, body) => {
		const response = await fetch(`${details.spaceUrl}/__sandbox/${name}`, {
			method,
			...(body === undefined
				? {}
				: { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
		});
		if (!response.ok)
			throw new Error(`sandbox ${method} /__sandbox/${name}: HTTP ${response.status}`);
		const text = await response.text();
		return text ? JSON.parse(text) : undefined;
	};
	return {
		...details,
		/** Every request received since the last reset, in order. */
		requests: () => control('GET', 'requests'),
		/** Forgets what was received (requests, callbacks, said, joined); removes added conferences. */
		reset: () => control('POST', 'reset'),
		/**
		 * Adds conferences `{ friendlyName, status?, dateCreated?, dateUpdated? }` (ISO dates) where
		 * their dates put them in the list; resolves with their JSON as the API shows it.
		 */
		addConferences: async (conferences) =>
			(await control('POST', 'conferences', { conferences })).conferences,
		/** What announcements said or played, and who dial-outs brought in, since the last reset. */
		said: () => control('GET', 'said'),
		joined: () => control('GET', 'joined'),
		stop: () => stop(child),
	};
}

module.exports = { buildSandbox, startSandbox };
