'use strict';
/**
 * A private, throw-away PostgreSQL cluster (Debian's `postgresql` package): `initdb` into a folder
 * of its own, the server on 127.0.0.1 and a free port, its socket in the same folder, `trust`
 * authentication for one superuser. Nothing of the system's own clusters is touched.
 *
 * PostgreSQL refuses to run as root, so when we are root the cluster belongs to the `postgres`
 * user (or `nobody`) and is run through `runuser`. The server runs in the foreground under
 * processes.js (not daemonized by `pg_ctl start`), so that it stays in a guarded process group:
 * stopped with everything else, also when the test runner dies.
 */
const fs = require('node:fs');
const path = require('node:path');

const { freePort } = require('./ports');
const { run, runOrThrow, start, stop } = require('./processes');

const START_TIMEOUT_MS = 30_000;
const SUPERUSER = 'n8n';

/** The folder with `initdb` and `postgres`: `pg_config --bindir`, else the newest /usr/lib/postgresql/<v>/bin. */
async function findPostgresBin() {
	const candidates = [];
	const fromPgConfig = await run('pg_config', ['--bindir']).catch(() => undefined);
	if (fromPgConfig?.code === 0) candidates.push(fromPgConfig.stdout.trim());
	const debianRoot = '/usr/lib/postgresql';
	if (fs.existsSync(debianRoot)) {
		const versions = fs
			.readdirSync(debianRoot)
			.filter((name) => /^\d+$/.test(name))
			.sort((a, b) => Number(b) - Number(a));
		candidates.push(...versions.map((version) => path.join(debianRoot, version, 'bin')));
	}
	const bin = candidates.find(
		(dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'postgres')),
	);
	if (!bin) {
		throw new Error(
			'PostgreSQL server binaries (initdb, postgres) not found: install them with ' +
				'`sudo apt-get install -y --no-install-recommends postgresql` (Debian/Ubuntu), or run .ci/run, which does.',
		);
	}
	return bin;
}

/** Who runs the cluster: ourselves, or (as root, which initdb refuses) an unprivileged system user. */
function clusterOwner() {
	if (process.getuid?.() !== 0) return undefined;
	for (const name of ['postgres', 'nobody']) {
		const passwd = fs
			.readFileSync('/etc/passwd', 'utf8')
			.split('\n')
			.find((line) => line.startsWith(`${name}:`));
		if (passwd) {
			const [, , uid, gid] = passwd.split(':');
			return { name, uid: Number(uid), gid: Number(gid) };
		}
	}
	throw new Error(
		'running as root, and neither a postgres nor a nobody user exists to own the cluster',
	);
}

function asOwner(owner, command, args) {
	return owner ? ['runuser', ['-u', owner.name, '--', command, ...args]] : [command, args];
}

function logTail(logFile) {
	return fs.existsSync(logFile)
		? fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-20).join('\n')
		: '';
}

/**
 * Creates and starts a cluster in `<folder>/postgres` (the folder is the caller's, e.g. a temp
 * folder; it is made accessible to the cluster's owner). Resolves with
 * `{ host, port, user, database, psql(sql), queryJson(sql), stop() }`.
 */
async function startPostgres(folder, { database = 'n8n' } = {}) {
	const bin = await findPostgresBin();
	const owner = clusterOwner();
	const root = path.join(folder, 'postgres');
	const dataDir = path.join(root, 'data');
	const socketDir = path.join(root, 'socket');
	const logFile = path.join(root, 'postgres.log');
	fs.mkdirSync(socketDir, { recursive: true });
	if (owner) {
		// The owner must reach its folder inside ours (private): let others pass through, not list.
		fs.chmodSync(folder, 0o711);
		fs.chownSync(root, owner.uid, owner.gid);
		fs.chownSync(socketDir, owner.uid, owner.gid);
	}
	await runOrThrow(
		...asOwner(owner, path.join(bin, 'initdb'), [
			'--pgdata',
			dataDir,
			'--username',
			SUPERUSER,
			'--auth',
			'trust',
			'--encoding',
			'UTF8',
			'--locale',
			'C',
			'--no-sync',
		]),
	);

	const port = await freePort();
	const log = fs.openSync(logFile, 'a');
	if (owner) fs.fchownSync(log, owner.uid, owner.gid);
	const child = start(
		...asOwner(owner, path.join(bin, 'postgres'), [
			'-D',
			dataDir,
			'-p',
			String(port),
			'-h',
			'127.0.0.1',
			'-k',
			socketDir,
			// A test database: speed over durability.
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=200',
		]),
		{ stdio: ['ignore', log, log] },
	);
	fs.closeSync(log);

	const connection = [
		'-h',
		'127.0.0.1',
		'-p',
		String(port),
		'-U',
		SUPERUSER,
		'-X',
		'-q',
		'-v',
		'ON_ERROR_STOP=1',
	];
	const psql = async (sql, db = database) => {
		const { stdout } = await runOrThrow(
			path.join(bin, 'psql'),
			[...connection, '-d', db, '-At', '-c', sql],
			{
				env: { ...process.env, PGCONNECT_TIMEOUT: '5' },
			},
		);
		return stdout.trim();
	};

	const postgres = {
		host: '127.0.0.1',
		port,
		user: SUPERUSER,
		database,
		logFile,
		/** Runs one SQL command with psql and returns its unaligned output. */
		psql,
		/** The rows of a SELECT as objects (psql renders them as one JSON array). */
		async queryJson(sql) {
			const text = await psql(
				`SELECT coalesce(json_agg(row_to_json(q)), '[]'::json) FROM (${sql}) q`,
			);
			return JSON.parse(text);
		},
		stop: () => stop(child),
	};

	try {
		await waitUntilReady(bin, port, child, logFile);
		await psql(`CREATE DATABASE ${database}`, 'postgres');
	} catch (error) {
		await postgres.stop();
		throw error;
	}
	return postgres;
}

async function waitUntilReady(bin, port, child, logFile) {
	let exited;
	child.exited.then((result) => (exited = result));
	const deadline = Date.now() + START_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (exited) throw new Error(`postgres exited with ${exited.code}:\n${logTail(logFile)}`);
		const { code } = await run(path.join(bin, 'pg_isready'), [
			'-h',
			'127.0.0.1',
			'-p',
			String(port),
			'-t',
			'1',
		]);
		if (code === 0) return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(
		`postgres was not ready on port ${port} within ${START_TIMEOUT_MS / 1000} s:\n${logTail(logFile)}`,
	);
}

module.exports = { startPostgres, findPostgresBin };
