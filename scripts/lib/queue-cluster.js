'use strict';
/**
 * n8n in queue mode on this machine, as a real deployment runs it: one Postgres database and one
 * Redis shared by a main instance (`n8n start`, EXECUTIONS_MODE=queue), workers (`n8n worker`) and
 * a webhook processor (`n8n webhook`) behind a reverse proxy whose address is the public
 * N8N_WEBHOOK_URL. Every instance has its own user folder with the packed node package installed,
 * and the same N8N_ENCRYPTION_KEY. Everything binds 127.0.0.1; everything is stopped and the
 * temporary folder removed by `stop()`, or by the guards if we die first.
 *
 * Environment variable names are n8n 2.41.1's (@n8n/config): N8N_WEBHOOK_URL replaces the
 * deprecated WEBHOOK_URL (still read as a fallback).
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { N8nRestClient, newOwnerLogin } = require('./n8n-rest');
const { n8nCli, n8nEnvironment, startN8nProcess } = require('./n8n-process');
const { freePort } = require('./ports');
const { startPostgres } = require('./postgres');
const { startProxy } = require('./proxy');
const { startRedis } = require('./redis');
const { createGuardedTempFolder } = require('./temp-folder');
const { installPackage } = require('./user-folder');

/** Copies every log of the cluster (n8n instances, Postgres, Redis) into `dir`, replacing what was there. */
function keepLogs(root, dir) {
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	const logs = [
		...fs
			.readdirSync(root)
			.filter((name) => name.endsWith('.log'))
			.map((name) => path.join(root, name)),
		path.join(root, 'postgres', 'postgres.log'),
		path.join(root, 'redis', 'redis.log'),
	];
	for (const log of logs)
		if (fs.existsSync(log)) fs.copyFileSync(log, path.join(dir, path.basename(log)));
}

/**
 * @param {{ install: object, pkg: object, workflowFiles?: string[], credentials?: object[], workers?: number, keepLogsIn?: string }} options
 *   install from ensureN8n(), pkg from buildAndPack(), credentials as `{ id, name, type, data }` (data in clear),
 *   keepLogsIn: a folder that receives every log when the cluster stops
 */
async function startQueueCluster({
	install,
	pkg,
	workflowFiles = [],
	credentials = [],
	workers = 2,
	keepLogsIn,
}) {
	const temp = createGuardedTempFolder('sw-n8n-queue-');
	const root = temp.path;
	const running = [];
	const cluster = {
		root,
		postgres: undefined,
		redis: undefined,
		proxy: undefined,
		/** The public base URL (N8N_WEBHOOK_URL): the proxy's address. */
		publicUrl: undefined,
		main: undefined,
		webhook: undefined,
		workers: [],
		/** Signed in as the owner on main. */
		rest: undefined,
		login: undefined,
		async stop() {
			const instances = [cluster.main, cluster.webhook, ...cluster.workers].filter(Boolean);
			await Promise.all(instances.map((instance) => instance.stop()));
			while (running.length > 0) await running.pop()();
			if (keepLogsIn) keepLogs(root, keepLogsIn);
			await temp.remove();
		},
	};

	try {
		const [postgres, redis] = await Promise.all([startPostgres(root), startRedis(root)]);
		cluster.postgres = postgres;
		running.push(() => postgres.stop());
		cluster.redis = redis;
		running.push(() => redis.stop());

		const webhookPort = await freePort();
		const proxy = await startProxy({ target: `http://127.0.0.1:${webhookPort}` });
		cluster.proxy = proxy;
		cluster.publicUrl = proxy.publicUrl;
		running.push(() => proxy.stop());

		const shared = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: '',
			// The database pool and every other setting are n8n's defaults: the package must hold
			// under bursts as users run n8n, not as a test tunes it.
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			N8N_ENCRYPTION_KEY: crypto.randomBytes(24).toString('base64'),
			N8N_WEBHOOK_URL: proxy.publicUrl,
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		};

		const instanceSettings = async (name, settings) => {
			const userFolder = path.join(root, name);
			fs.mkdirSync(userFolder, { recursive: true });
			await installPackage(userFolder, pkg);
			return {
				name,
				logFile: path.join(root, `${name}.log`),
				env: n8nEnvironment(install, {
					...shared,
					N8N_USER_FOLDER: userFolder,
					// Each process starts a task broker for its task runners: a port of its own.
					N8N_RUNNERS_BROKER_PORT: String(await freePort()),
					...settings,
				}),
			};
		};

		const mainPort = await freePort();
		const mainBaseUrl = `http://127.0.0.1:${mainPort}`;
		const mainSettings = await instanceSettings('main', {
			N8N_PORT: String(mainPort),
			N8N_EDITOR_BASE_URL: `${mainBaseUrl}/`,
			N8N_SECURE_COOKIE: 'false',
			// Production webhooks go to the webhook processor only.
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			// Executions started in the editor or through /rest/workflows/:id/run run on workers too.
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		});
		const workerSettings = [];
		for (let index = 1; index <= workers; index++) {
			const healthPort = await freePort();
			const settings = await instanceSettings(`worker-${index}`, {
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			});
			workerSettings.push({
				...settings,
				readyUrl: `http://127.0.0.1:${healthPort}/healthz/readiness`,
			});
		}
		const webhookSettings = await instanceSettings('webhook', { N8N_PORT: String(webhookPort) });

		// The CLI creates the schema (migrations) before any server starts, so that no two
		// instances migrate at once, and imports with the ids the workflows refer to.
		await importInto(install, mainSettings.env, root, { credentials, workflowFiles });

		const started = await Promise.allSettled([
			startInstance(install, {
				...mainSettings,
				command: 'start',
				readyUrl: `${mainBaseUrl}/healthz/readiness`,
			}),
			startInstance(install, {
				...webhookSettings,
				command: 'webhook',
				readyUrl: `http://127.0.0.1:${webhookPort}/healthz/readiness`,
			}),
			...workerSettings.map((settings) =>
				startInstance(install, { ...settings, command: 'worker' }),
			),
		]);
		const failed = started.find((result) => result.status === 'rejected');
		if (failed) {
			await Promise.all(
				started
					.filter((result) => result.status === 'fulfilled')
					.map((result) => result.value.stop()),
			);
			throw failed.reason;
		}
		const [main, webhook, ...workerInstances] = started.map((result) => result.value);
		cluster.main = { ...main, baseUrl: mainBaseUrl };
		cluster.webhook = { ...webhook, baseUrl: `http://127.0.0.1:${webhookPort}` };
		cluster.workers = workerInstances;

		cluster.login = newOwnerLogin();
		cluster.rest = new N8nRestClient(mainBaseUrl);
		await cluster.rest.setupOwner(cluster.login);
	} catch (error) {
		await cluster.stop();
		throw error;
	}
	return cluster;
}

async function importInto(install, env, root, { credentials, workflowFiles }) {
	const importDir = path.join(root, 'import');
	const workflowsDir = path.join(importDir, 'workflows');
	fs.mkdirSync(workflowsDir, { recursive: true });
	try {
		if (credentials.length > 0) {
			const file = path.join(importDir, 'credentials.json');
			fs.writeFileSync(file, JSON.stringify(credentials, null, 2));
			await n8nCli(install, env, ['import:credentials', `--input=${file}`]);
		}
		if (workflowFiles.length > 0) {
			for (const file of workflowFiles)
				fs.copyFileSync(file, path.join(workflowsDir, path.basename(file)));
			await n8nCli(install, env, ['import:workflow', '--separate', `--input=${workflowsDir}`]);
		}
	} finally {
		// The credentials file holds secrets in clear.
		fs.rmSync(importDir, { recursive: true, force: true });
	}
}

/**
 * One n8n instance that can be stopped and started again with the same settings (ports, user
 * folder, log file): `{ name, logFile, stop(), restart() }`.
 */
async function startInstance(install, { name, command, env, logFile, readyUrl }) {
	let handle = await startN8nProcess(install, { command, env, logFile, readyUrl });
	const instance = {
		name,
		command,
		logFile,
		async stop() {
			await handle?.stop();
			handle = undefined;
		},
		async start() {
			if (!handle) handle = await startN8nProcess(install, { command, env, logFile, readyUrl });
		},
		async restart() {
			await instance.stop();
			await instance.start();
		},
		/** This instance's log so far. */
		log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''),
	};
	return instance;
}

/**
 * Which worker ran which execution. n8n 2.41.1 stores no worker id with an execution (neither
 * execution_entity nor execution_metadata has one); each worker logs
 * "Worker started execution <id> (job <job>)". Returns Map(executionId → worker name).
 */
function executionsByWorker(cluster) {
	const byExecution = new Map();
	for (const worker of cluster.workers) {
		for (const match of worker.log().matchAll(/Worker started execution (\d+) \(job (\d+)\)/g)) {
			byExecution.set(match[1], worker.name);
		}
	}
	return byExecution;
}

module.exports = { startQueueCluster, executionsByWorker };
