'use strict';
/**
 * Turns one workflow run into words, from what really happened: the items each SignalWire node
 * output (n8n's run data) and the requests the sandbox received.
 */
const { executionError, nodeItems, nodesThatRan } = require('./run-data');

const NODE_TYPE = 'n8n-nodes-signalwire-conference.signalWireConference';

/** What the items of each resource are called. */
const NOUNS = {
	conference: 'conference',
	participant: 'participant',
	conferenceRecording: 'recording',
	conferenceStream: 'stream',
};

/** Operation → what it did, for the operations that change something. */
const DONE = {
	mute: 'muted',
	unmute: 'unmuted',
	hold: 'put on hold',
	unhold: 'took off hold',
	remove: 'removed',
	delete: 'deleted',
	update: 'updated',
	start: 'started',
	stop: 'stopped',
	announce: 'announced into',
	add: 'called in',
	end: 'ended',
};

const plural = (count, word) => `${count} ${word}${count === 1 ? '' : 's'}`;

const nameOf = (item) => `'${item.friendly_name ?? item.name ?? item.call_sid ?? item.sid}'`;

/** `'Support bridge', 'All hands'` */
function distinctNames(items) {
	return [...new Set(items.map(nameOf))].join(', ');
}

/** `'Support bridge' ×2, 'All hands'` */
function names(items) {
	const counts = new Map();
	for (const item of items) counts.set(nameOf(item), (counts.get(nameOf(item)) ?? 0) + 1);
	return [...counts].map(([name, count]) => (count > 1 ? `${name} ×${count}` : name)).join(', ');
}

function describeRequest(request, projectId) {
	const path = request.path.replace(`/api/laml/2010-04-01/Accounts/${projectId}`, '…');
	const query = request.query.map(([name, value]) => `${name}=${value}`).join('&');
	const form = request.form.map(([name, value]) => `${name}=${value}`).join('&');
	return `${request.method.padEnd(4)} ${path}${query ? `?${query}` : ''}${form ? `  [${form}]` : ''}`;
}

/** Ending a conference or announcing into it: the examples' main story, told with names. */
function describeConferenceUpdate(updateFields, ok) {
	const done = [];
	const headlines = [];
	if (updateFields.status === 'completed') {
		const ended = ok.filter((item) => item.status === 'completed');
		done.push(`ended ${names(ended) || 'nothing'} (status now completed)`);
		headlines.push(`ended ${distinctNames(ended)} (${plural(ended.length, 'conference')})`);
	}
	if (updateFields.announceUrl) {
		done.push(
			`played ${updateFields.announceUrl} (${updateFields.announceMethod ?? 'POST'}) into ${names(ok) || 'nothing'}`,
		);
		headlines.push(`announced into ${distinctNames(ok)}`);
	}
	return {
		text: done.join('; ') || `updated ${plural(ok.length, 'conference')}`,
		headline: ok.length ? headlines.join('; ') || undefined : undefined,
	};
}

/** What one SignalWire node did, and the phrase it adds to the workflow's headline (if any). */
function describeNode(node, items) {
	const failed = items.filter((item) => item.error !== undefined);
	const ok = items.filter((item) => item.error === undefined);
	const { resource = 'conference', operation, updateFields = {} } = node.parameters;
	const noun = NOUNS[resource] ?? resource;
	const listed = resource === 'conference' && ok.length ? `: ${names(ok)}` : '';
	let described;
	if (operation === 'getAll') {
		described = {
			text: `found ${plural(ok.length, noun)}${listed}`,
			headline: `listed ${plural(ok.length, noun)}`,
		};
	} else if (operation === 'get') {
		described = { text: `read ${plural(ok.length, noun)}${listed}` };
	} else if (resource === 'conference' && operation === 'update') {
		described = describeConferenceUpdate(updateFields, ok);
	} else {
		const text = `${DONE[operation] ?? operation} ${plural(ok.length, noun)}`;
		described = { text, headline: ok.length ? text : undefined };
	}
	if (failed.length)
		described.text += `; ${plural(failed.length, 'item')} failed: ${failed[0].error}`;
	return described;
}

/**
 * What the sandbox acted out, in words: "said '…' into 'All hands'; called +1… and they joined
 * 'Incident 4711'".
 */
function describeEffects(said = [], joined = []) {
	const phrases = said.map((entry) => {
		const where = `'${entry.conference}'${entry.participant ? ` (to one participant)` : ''}`;
		if (entry.error) return `could not announce into ${where}: ${entry.error}`;
		if (entry.verb === 'Say') return `said '${entry.text}' into ${where}`;
		return entry.verb === 'Play'
			? `played ${entry.url} into ${where}`
			: `ran <${entry.verb}> in ${where}`;
	});
	for (const entry of joined) {
		phrases.push(
			entry.error
				? `called ${entry.to}, who did not join: ${entry.error}`
				: `called ${entry.to} and they joined '${entry.conference}'`,
		);
	}
	return phrases.join('; ');
}

/**
 * @returns {{ lines: string[], headline: string, ok: boolean }} lines to print, a phrase for the
 *   final summary, whether the run succeeded
 */
function summarizeRun({ workflow, result, requests, projectId, said, joined }) {
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
		const message =
			error?.message ?? (result.after || result.output.trim().split('\n').slice(-5).join('\n'));
		lines.push(`  FAILED: ${message}`);
	}
	const effects = describeEffects(said, joined);
	if (effects) lines.push(`  In the sandbox: ${effects}`);
	lines.push(`  The sandbox received ${plural(requests.length, 'request')}:`);
	for (const request of requests) lines.push(`    ${describeRequest(request, projectId)}`);
	// The last node's phrase says what the workflow achieved ("ended …" rather than "listed …").
	const headline = ok ? effects || (headlines.at(-1) ?? 'ran') : `failed (${workflow.name})`;
	return { lines, headline, ok };
}

module.exports = { summarizeRun, describeRequest, describeEffects };
