'use strict';
/**
 * Child processes that never outlive us: each one runs under guard.js as the leader of its own
 * process group, so stopping it stops everything it started, and if we die first the guard
 * stops it anyway.
 */
const { spawn } = require('node:child_process');
const path = require('node:path');

const GUARD = path.join(__dirname, 'guard.js');
const STOP_GRACE_MS = 15_000;

/** Guards of every process still running, so that `stopAll` and the exit hook can reach them. */
const running = new Set();

function groupExists(pid) {
	try {
		process.kill(-pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

function signalGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		// Already gone.
	}
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts `command args` in a new process group. Returns the ChildProcess with `exited`, a promise
 * of `{ code, signal }`.
 */
function start(command, args, { cwd, env, stdio = ['ignore', 'pipe', 'pipe'] } = {}) {
	const child = spawn(process.execPath, [GUARD, String(process.pid), command, ...args], {
		cwd,
		env,
		stdio,
		detached: true,
	});
	running.add(child);
	child.exited = new Promise((resolve) => {
		child.once('exit', (code, signal) => {
			running.delete(child);
			resolve({ code, signal });
		});
	});
	return child;
}

/** Stops a process started with `start` and everything in its group: TERM, then KILL after a grace period. */
async function stop(child, graceMs = STOP_GRACE_MS) {
	const pid = child.pid;
	if (pid === undefined) return;
	signalGroup(pid, 'SIGTERM');
	const deadline = Date.now() + graceMs;
	while (groupExists(pid) && Date.now() < deadline) await sleep(100);
	if (groupExists(pid)) signalGroup(pid, 'SIGKILL');
	await child.exited;
}

async function stopAll() {
	await Promise.all([...running].map((child) => stop(child)));
}

/**
 * Runs a command to completion and returns `{ code, stdout, stderr }`. `echoStderr` passes its
 * stderr through (for progress lines), while still capturing it.
 */
async function run(command, args, { cwd, env, echoStderr = false } = {}) {
	const child = start(command, args, { cwd, env });
	const stdout = [];
	const stderr = [];
	child.stdout.on('data', (chunk) => stdout.push(chunk));
	child.stderr.on('data', (chunk) => {
		stderr.push(chunk);
		if (echoStderr) process.stderr.write(chunk);
	});
	const { code, signal } = await child.exited;
	// Anything the command left behind in its group goes too.
	signalGroup(child.pid, 'SIGKILL');
	return {
		code: code ?? (signal ? 128 : 1),
		stdout: Buffer.concat(stdout).toString(),
		stderr: Buffer.concat(stderr).toString(),
	};
}

/** Like `run`, but a non-zero exit is an error that shows the command's output. */
async function runOrThrow(command, args, options) {
	const result = await run(command, args, options);
	if (result.code !== 0) {
		const output = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-40).join('\n');
		throw new Error(
			`${path.basename(command)} ${args.join(' ')} exited with ${result.code}:\n${output}`,
		);
	}
	return result;
}

// A last resort if the caller forgets to stop something: `exit` handlers must be synchronous.
process.on('exit', () => {
	for (const child of running) signalGroup(child.pid, 'SIGKILL');
});

module.exports = { start, stop, stopAll, run, runOrThrow };
