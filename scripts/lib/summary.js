'use strict';
/**
 * Turns one workflow run into words, from what really happened: the items each SignalWire node
 * output (n8n's run data) and the requests the sandbox received.
 */
const { executionError, nodeItems, nodesThatRan } = require('./run-data');

const NODE_TYPE = 'n8n-nodes-signalwire-conference.signalWireConference';

const plural = (count, word) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** `'Support bridge', 'All hands'` */
function distinctNames(items) {
	return [...new Set(items.map((item) => `'${item.friendly_name ?? item.sid}'`))].join(', ');
}

/** `'Support bridge' ×2, 'All hands'` */
function names(items) {
	const counts = new Map();
	for (const item of items) {
		const name = `'${item.friendly_name ?? item.sid}'`;
		counts.set(name, (counts.get(name) ?? 0) + 1);
	}
	return [...counts].map(([name, count]) => (count > 1 ? `${name} ×${count}` : name)).join(', ');
}

function describeRequest(request, projectId) {
	const path = request.path.replace(`/api/laml/2010-04-01/Accounts/${projectId}`, '…');
	const query = request.query.map(([name, value]) => `${name}=${value}`).join('&');
	const form = request.form.map(([name, value]) => `${name}=${value}`).join('&');
	return `${request.method.padEnd(4)} ${path}${query ? `?${query}` : ''}${form ? `  [${form}]` : ''}`;
}

/** What one SignalWire node did, and the phrase it adds to the workflow's headline (if any). */
function describeNode(node, items) {
	const failed = items.filter((item) => item.error !== undefined);
	const ok = items.filter((item) => item.error === undefined);
	const { operation, updateFields = {} } = node.parameters;
	let text;
	let headline;
	if (operation === 'getAll') {
		text = `found ${plural(ok.length, 'conference')}${ok.length ? `: ${names(ok)}` : ''}`;
		headline = `listed ${plural(ok.length, 'conference')}`;
	} else if (operation === 'get') {
		text = `read ${plural(ok.length, 'conference')}${ok.length ? `: ${names(ok)}` : ''}`;
	} else {
		const done = [];
		const headlines = [];
		if (updateFields.status === 'completed') {
			const ended = ok.filter((item) => item.status === 'completed');
			done.push(`ended ${names(ended) || 'nothing'} (status now completed)`);
			headlines.push(`ended ${distinctNames(ended)} (${plural(ended.length, 'conference')})`);
		}
		if (updateFields.announceUrl) {
			done.push(`played ${updateFields.announceUrl} (${updateFields.announceMethod ?? 'POST'}) into ${names(ok) || 'nothing'}`);
			headlines.push(`announced into ${distinctNames(ok)}`);
		}
		text = done.join('; ') || `updated ${plural(ok.length, 'conference')}`;
		headline = ok.length ? headlines.join('; ') : undefined;
	}
	if (failed.length) text += `; ${plural(failed.length, 'item')} failed: ${failed[0].error}`;
	return { text, headline };
}

/**
 * @returns {{ lines: string[], headline: string, ok: boolean }} lines to print, a phrase for the
 *   final summary, whether the run succeeded
 */
function summarizeRun({ workflow, result, requests, projectId }) {
	const lines = [];
	const headlines = [];
	const byName = new Map(workflow.nodes.map((node) => [node.name, node]));
	for (const name of nodesThatRan(result.execution)) {
		const node = byName.get(name);
		if (node?.type !== NODE_TYPE) continue;
		const { text, headline } = describeNode(node, nodeItems(result.execution, name) ?? []);
		lines.push(`  ${name}: ${text}`);
		if (headline) headlines.push(headline);
	}
	const error = executionError(result.execution);
	const ok = result.code === 0 && !error;
	if (!ok) {
		const message = error?.message ?? (result.after || result.output.trim().split('\n').slice(-5).join('\n'));
		lines.push(`  FAILED: ${message}`);
	}
	lines.push(`  The sandbox received ${plural(requests.length, 'request')}:`);
	for (const request of requests) lines.push(`    ${describeRequest(request, projectId)}`);
	// The last node's phrase says what the workflow achieved ("ended …" rather than "listed …").
	const headline = ok ? (headlines.at(-1) ?? 'ran') : `failed (${workflow.name})`;
	return { lines, headline, ok };
}

module.exports = { summarizeRun, describeRequest };
