'use strict';
/**
 * Runs one command and makes sure it cannot outlive the process that asked for it.
 *
 *   node guard.js <watchedPid> <command> [args...]
 *
 * processes.js starts this guard as the leader of a new process group; the command (and whatever
 * it starts, e.g. n8n's task runners) stays in that group. Normally the caller stops the group
 * itself. If the caller dies without doing so (kill -9, a crashed test runner), the guard notices
 * and stops the whole group, so no n8n or sandbox is left behind.
 */
const { spawn } = require('node:child_process');
const { constants } = require('node:os');

const [watchedPidText, command, ...args] = process.argv.slice(2);
const watchedPid = Number(watchedPidText);
const POLL_MS = 500;
const GRACE_MS = 10_000;

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

function signalGroup(signal) {
	try {
		process.kill(-process.pid, signal);
	} catch {
		// The group is already gone.
	}
}

// The caller signals the whole group; the command gets the same signal, so the guard only has to
// stay alive until the command has exited, then report its exit status.
process.on('SIGTERM', () => {});
process.on('SIGINT', () => {});

let orphaned = false;
const child = spawn(command, args, { stdio: 'inherit' });
child.on('error', (error) => {
	process.stderr.write(`guard: cannot start ${command}: ${error.message}\n`);
	process.exit(127);
});
child.on('exit', (code, signal) => {
	if (orphaned) {
		// Sweep up anything the command left in the group (the guard goes with it).
		setTimeout(() => signalGroup('SIGKILL'), 1000);
		return;
	}
	process.exit(code ?? 128 + (constants.signals[signal] ?? 1));
});

const watcher = setInterval(() => {
	if (orphaned || isAlive(watchedPid)) return;
	orphaned = true;
	clearInterval(watcher);
	signalGroup('SIGTERM');
	setTimeout(() => signalGroup('SIGKILL'), GRACE_MS);
}, POLL_MS);
