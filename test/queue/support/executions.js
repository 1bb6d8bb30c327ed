'use strict';
/**
 * n8n's executions in queue mode, read where n8n keeps them. n8n 2.41.1 stores an execution in
 * Postgres as a row of `execution_entity` (id, "workflowId", mode, status, finished, "createdAt",
 * "startedAt", "stoppedAt", "deduplicationKey", …) and one of `execution_data` ("executionId",
 * "workflowData", data: the run data serialized with `flatted`); `execution_metadata` holds only
 * what a workflow saves as custom data. None of them says which worker ran it: the workers' logs do
 * ("Worker started execution <id> (job <n>)"), see executionsByWorker in queue-cluster.js.
 */
const fs = require('node:fs');
const path = require('node:path');

const { executionsByWorker } = require('../../../scripts/lib/queue-cluster');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const FINAL_STATUSES = new Set(['success', 'error', 'crashed', 'canceled']);

/** n8n's own `flatted` (from the installed n8n), to read run data as n8n serialized it. */
function flattedOf(install) {
	const n8nPackage = path.resolve(path.dirname(install.n8nBin), '..');
	return require(require.resolve('flatted', { paths: [n8nPackage] }));
}

/** The name of a workflow file's Manual Trigger, which a manual run starts from. */
function manualTriggerOf(workflowFile) {
	const workflow = JSON.parse(fs.readFileSync(workflowFile, 'utf8'));
	const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
	if (!trigger) throw new Error(`${workflowFile} has no Manual Trigger`);
	return { workflowId: workflow.id, triggerName: trigger.name };
}

function createExecutions({ install, cluster }) {
	const flatted = flattedOf(install);
	const sql = (text) => text.replace(/\s+/g, ' ').trim();
	const quote = (value) => `'${String(value).replace(/'/g, "''")}'`;

	const executions = {
		/**
		 * Runs a workflow as the editor's "Execute workflow" button does (POST /rest/workflows/:id/run
		 * from its Manual Trigger). With OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true main enqueues it
		 * and a worker runs it. Resolves with the finished execution (see `finished`).
		 */
		async runManually(workflowFile) {
			const { workflowId, triggerName } = manualTriggerOf(workflowFile);
			const { executionId } = await cluster.rest.request(
				'POST',
				`/rest/workflows/${workflowId}/run`,
				{
					triggerToStartFrom: { name: triggerName },
				},
			);
			return await executions.finished(executionId);
		},

		/**
		 * Waits until an execution has finished and returns its record from main's REST API with the
		 * run data parsed (`data.resultData.runData`) and `worker`: the name of the worker that ran it.
		 */
		async finished(executionId, timeoutMs = 60_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const record = await cluster.rest.request('GET', `/rest/executions/${executionId}`);
				if (record && FINAL_STATUSES.has(record.status)) {
					return {
						...record,
						data: typeof record.data === 'string' ? flatted.parse(record.data) : record.data,
						worker: executionsByWorker(cluster).get(String(executionId)),
					};
				}
				if (Date.now() > deadline) {
					throw new Error(
						`execution ${executionId} did not finish within ${timeoutMs / 1000} s: ${JSON.stringify(record?.status)}`,
					);
				}
				await sleep(250);
			}
		},

		/** Every execution of a workflow, from Postgres, oldest first: `{ id, mode, status, finished }`. */
		async list(workflowId) {
			return await cluster.postgres.queryJson(
				// Ordered by the numeric id (ORDER BY id would sort the text alias).
				sql(`SELECT e.id::text AS id, e.mode, e.status, e.finished FROM execution_entity e
					WHERE e."workflowId" = ${quote(workflowId)} ORDER BY e.id`),
			);
		},

		/** The run data of the given executions, from Postgres: Map(id → run data). */
		async runData(ids) {
			if (ids.length === 0) return new Map();
			const rows = await cluster.postgres.queryJson(
				sql(`SELECT "executionId"::text AS id, data FROM execution_data
					WHERE "executionId" IN (${ids.map(Number).join(', ')})`),
			);
			return new Map(rows.map((row) => [row.id, flatted.parse(row.data)]));
		},

		/**
		 * Waits until `count` executions of a workflow have finished (and none is still running or
		 * queued); returns them. Fails early if more than `count` appear.
		 */
		async waitForFinished(workflowId, count, timeoutMs) {
			const deadline = Date.now() + timeoutMs;
			let rows = [];
			while (Date.now() < deadline) {
				rows = await executions.list(workflowId);
				const done = rows.filter((row) => FINAL_STATUSES.has(row.status));
				if (rows.length > count) break;
				if (done.length === count && rows.length === count) return rows;
				await sleep(500);
			}
			const byStatus = {};
			for (const row of rows) byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
			throw new Error(
				`expected ${count} finished executions of ${workflowId}, found ${rows.length}: ${JSON.stringify(byStatus)}`,
			);
		},
	};
	return executions;
}

/** The items a node sent to each of its outputs on its first run: `[[…main 0], [… main 1]]`. */
function outputsOf(runData, nodeName) {
	return runData?.resultData?.runData?.[nodeName]?.[0]?.data?.main;
}

/** The `json` of every item on a node's first output. */
function itemsOf(runData, nodeName) {
	return outputsOf(runData, nodeName)?.[0]?.map((item) => item.json);
}

module.exports = { createExecutions, outputsOf, itemsOf };
