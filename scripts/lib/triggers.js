'use strict';
/**
 * The webhook trigger in a running n8n: activate a workflow, point the sandbox's signed status
 * callbacks at its route, and fire conference events from the sandbox.
 */
const path = require('node:path');

const { EXAMPLES_DIR } = require('./paths');

/** The example whose SignalWire Conference Trigger announces when someone joins "Support bridge". */
const JOINED_ANNOUNCE = {
	file: path.join(EXAMPLES_DIR, 'triggers', 'participant-joined-announce.json'),
	workflowId: 'swJoinedAnnounce',
	webhookId: '5d0c7a52-31f4-4b7e-9d2a-8c1e6f3b4a90',
};

/** The credential the trigger examples refer to, holding the sandbox's Signing Key. */
function signingKeyCredential(sandbox) {
	return {
		id: 'swSandboxSigningKey',
		name: 'SignalWire signing key',
		type: 'signalWireSigningKeyApi',
		data: { signingKeySecret: sandbox.signingKey },
	};
}

function webhookUrl(baseUrl, webhookId) {
	return `${baseUrl}/webhook/${webhookId}/signalwire-conference`;
}

/** The URL the editor shows as Test URL: it listens after "Execute step" on the trigger, once per click. */
function testWebhookUrl(baseUrl, webhookId) {
	return `${baseUrl}/webhook-test/${webhookId}/signalwire-conference`;
}

/** Publishes (activates) a workflow through n8n's REST API, as the editor's toggle does. */
async function activateWorkflow(rest, workflowId) {
	const { versionId } = await rest.request('GET', `/rest/workflows/${workflowId}`);
	await rest.request('POST', `/rest/workflows/${workflowId}/activate`, { versionId });
}

/** n8n registers an activated workflow's webhooks in the background: wait until the route answers. */
async function waitForWebhook(url, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: '',
		});
		await response.arrayBuffer();
		if (response.status !== 404) return;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`n8n did not register ${url} within ${timeoutMs / 1000} s`);
}

async function sandboxControl(sandbox, method, name, body) {
	const response = await fetch(`${sandbox.spaceUrl}/__sandbox/${name}`, {
		method,
		headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok)
		throw new Error(`sandbox ${method} /__sandbox/${name}: HTTP ${response.status} ${text}`);
	return text ? JSON.parse(text) : undefined;
}

/**
 * From now on the sandbox posts signed status callbacks of its conferences to `url`. With
 * `requestedOnly`, only those of events fired with fireEvent(): what workflows do through the API
 * (mute, end, …) then sends nothing to a workflow that may not be published.
 */
async function sendCallbacksTo(sandbox, url, { requestedOnly = false } = {}) {
	await sandboxControl(sandbox, 'POST', 'callback-target', {
		url,
		signingKey: sandbox.signingKey,
		requestedOnly,
	});
}

/**
 * Makes an event happen in a running conference (a join adds a participant) and sends its signed
 * callback; resolves with what was delivered: `{ event, url, form, outcome }`.
 */
async function fireEvent(sandbox, event, friendlyName) {
	return await sandboxControl(sandbox, 'POST', 'events', { event, friendlyName });
}

/** Waits until the sandbox has received a request matching `predicate` (webhook runs are asynchronous). */
async function waitForRequest(sandbox, predicate, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const found = (await sandbox.requests()).find(predicate);
		if (found) return found;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	const seen = (await sandbox.requests()).map(
		(request) => `${request.method} ${request.path}?${request.rawQuery}`,
	);
	throw new Error(
		`the sandbox received no such request within ${timeoutMs / 1000} s; it received:\n${seen.slice(-10).join('\n')}`,
	);
}

module.exports = {
	JOINED_ANNOUNCE,
	activateWorkflow,
	fireEvent,
	sendCallbacksTo,
	signingKeyCredential,
	waitForRequest,
	waitForWebhook,
	testWebhookUrl,
	webhookUrl,
};
