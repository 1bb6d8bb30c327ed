'use strict';
/**
 * A private, throw-away Redis (Debian's `redis-server` package) on 127.0.0.1 and a free port,
 * without persistence, its working folder in the caller's folder. Runs in the foreground under
 * processes.js, so it never outlives us.
 */
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { freePort } = require('./ports');
const { start, stop } = require('./processes');

const START_TIMEOUT_MS = 20_000;
const CANDIDATES = [
	'/usr/bin/redis-server',
	'/usr/sbin/redis-server',
	'/usr/local/bin/redis-server',
];

function findRedisServer() {
	const found = CANDIDATES.find((candidate) => fs.existsSync(candidate));
	if (!found) {
		throw new Error(
			'redis-server not found: install it with `sudo apt-get install -y --no-install-recommends redis-server` ' +
				'(Debian/Ubuntu), or run .ci/run, which does.',
		);
	}
	return found;
}

/** Sends one inline command and resolves with the first line of the answer (e.g. "+PONG"). */
function command(port, text) {
	return new Promise((resolve, reject) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let answer = '';
		socket.setTimeout(2000, () => socket.destroy(new Error('redis did not answer within 2 s')));
		socket.once('connect', () => socket.write(`${text}\r\n`));
		socket.on('data', (chunk) => {
			answer += chunk.toString();
			if (answer.includes('\r\n')) {
				socket.end();
				resolve(answer.split('\r\n')[0]);
			}
		});
		socket.once('error', reject);
	});
}

/** Starts redis-server in `<folder>/redis`; resolves with `{ host, port, command(text), stop() }`. */
async function startRedis(folder) {
	const server = findRedisServer();
	const dir = path.join(folder, 'redis');
	fs.mkdirSync(dir, { recursive: true });
	const port = await freePort();
	const logFile = path.join(dir, 'redis.log');
	const log = fs.openSync(logFile, 'a');
	const child = start(
		server,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--daemonize',
			'no',
			'--protected-mode',
			'yes',
		],
		{ stdio: ['ignore', log, log] },
	);
	fs.closeSync(log);
	const redis = {
		host: '127.0.0.1',
		port,
		logFile,
		command: (text) => command(port, text),
		stop: () => stop(child),
	};
	let exited;
	child.exited.then((result) => (exited = result));
	const deadline = Date.now() + START_TIMEOUT_MS;
	for (;;) {
		if (exited)
			throw new Error(
				`redis-server exited with ${exited.code}:\n${fs.readFileSync(logFile, 'utf8')}`,
			);
		if ((await redis.command('PING').catch(() => '')) === '+PONG') return redis;
		if (Date.now() > deadline) {
			await redis.stop();
			throw new Error(
				`redis-server was not ready on port ${port} within ${START_TIMEOUT_MS / 1000} s`,
			);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

module.exports = { startRedis, findRedisServer };
