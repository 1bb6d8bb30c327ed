'use strict';
/**
 * One long-running n8n process of any kind (`n8n start`, `n8n worker`, `n8n webhook`) and n8n's
 * CLI, each with an environment given in full by the caller (database, queue, ports). Used by
 * queue-cluster.js; n8n.js covers the single-process case. n8n runs on the Node 24 from
 * ensure-n8n.sh; this file runs on any Node >= 20.
 */
const fs = require('node:fs');
const path = require('node:path');

const { QUIET_ENV } = require('./n8n');
const { runOrThrow, start, stop } = require('./processes');

const START_TIMEOUT_MS = 180_000;

/**
 * The environment of an n8n process: ours minus what a test runner adds (with NODE_ENV=test n8n
 * behaves as in its own unit tests), n8n's Node first on PATH (task runners start as `node`),
 * n8n kept offline and quiet, then the caller's settings.
 */
function n8nEnvironment(install, settings) {
	const { NODE_ENV: _nodeEnv, JEST_WORKER_ID: _jestWorker, ...rest } = process.env;
	return {
		...rest,
		PATH: `${path.dirname(install.nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`,
		...QUIET_ENV,
		...settings,
	};
}

/** Runs an n8n CLI command (import:workflow, …) to completion; a failure throws with its output. */
async function n8nCli(install, env, args) {
	return await runOrThrow(install.nodeBin, [install.n8nBin, ...args], {
		cwd: env.N8N_USER_FOLDER,
		env,
	});
}

function logTail(logFile, lines = 30) {
	if (!fs.existsSync(logFile)) return '';
	return fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-lines).join('\n');
}

/**
 * Starts `n8n <command>` with `env` (which must set N8N_USER_FOLDER), its output appended to
 * `logFile`, and waits until `readyUrl` answers 2xx. Resolves with `{ stop(), exited, logFile }`.
 */
async function startN8nProcess(install, { command, env, logFile, readyUrl, args = [] }) {
	const log = fs.openSync(logFile, 'a');
	const child = start(install.nodeBin, [install.n8nBin, command, ...args], {
		cwd: env.N8N_USER_FOLDER,
		stdio: ['ignore', log, log],
		env,
	});
	fs.closeSync(log);
	const handle = { logFile, exited: child.exited, stop: () => stop(child) };
	try {
		await waitUntilReady(readyUrl, child, logFile, command);
	} catch (error) {
		await handle.stop();
		throw error;
	}
	return handle;
}

async function waitUntilReady(url, child, logFile, command) {
	let exited;
	child.exited.then((result) => (exited = result));
	const deadline = Date.now() + START_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (exited)
			throw new Error(
				`n8n ${command} exited with ${exited.code ?? exited.signal}:\n${logTail(logFile)}`,
			);
		try {
			const response = await fetch(url);
			await response.arrayBuffer();
			if (response.ok) return;
		} catch {
			// Not listening yet.
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(
		`n8n ${command} was not ready at ${url} within ${START_TIMEOUT_MS / 1000} s:\n${logTail(logFile)}`,
	);
}

module.exports = { n8nCli, n8nEnvironment, startN8nProcess, logTail };
