'use strict';
/**
 * Bursts of callbacks, as SignalWire sends them when a host ends a large call: every request sent
 * at once, timed until the last answer. And a busy machine, as production has when bursts come:
 * one CPU-bound process per core beside the cluster.
 */
const crypto = require('node:crypto');
const os = require('node:os');

const { start, stop } = require('../../../scripts/lib/processes');

/**
 * Sends every request at once. Resolves with `{ statuses: { code: count }, refusals: { "code
 * body": count }, seconds }`: who refused what is in the answer's body.
 */
async function sendAtOnce(requests) {
	const startedAt = performance.now();
	const answers = await Promise.all(
		requests.map(async ({ url, headers, body }) => {
			try {
				const response = await fetch(url, { method: 'POST', headers, body });
				const text = await response.text();
				return { status: String(response.status), body: text.slice(0, 120) };
			} catch (error) {
				return { status: 'no answer', body: String(error.cause?.code ?? error.message) };
			}
		}),
	);
	const seconds = (performance.now() - startedAt) / 1000;
	const statuses = {};
	const refusals = {};
	for (const { status, body } of answers) {
		statuses[status] = (statuses[status] ?? 0) + 1;
		if (status !== '200') refusals[`${status} ${body}`] = (refusals[`${status} ${body}`] ?? 0) + 1;
	}
	return { statuses, refusals, seconds };
}

/**
 * `count` participant-leave callbacks of one conference, each its own event (its own CallSid and
 * SequenceNumber), signed over `url` as SignalWire signs them.
 */
function signedLeaveCallbacks({ url, count, accountSid, signingKey, signCallback }) {
	const conferenceSid = crypto.randomUUID();
	return Array.from({ length: count }, (_, index) => {
		const form = new URLSearchParams({
			AccountSid: accountSid,
			ConferenceSid: conferenceSid,
			FriendlyName: 'All hands',
			StatusCallbackEvent: 'participant-leave',
			SequenceNumber: String(index + 1),
			CallSid: crypto.randomUUID(),
			Muted: 'false',
			Hold: 'false',
			Coaching: 'false',
			EndConferenceOnExit: 'false',
			StartConferenceOnEnter: 'true',
			Timestamp: new Date().toUTCString(),
		});
		return {
			url,
			callSid: form.get('CallSid'),
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				'X-SignalWire-Signature': signCallback(signingKey, url, form),
			},
			body: form.toString(),
		};
	});
}

/** The same requests with a Header Auth header instead of a signature, for n8n's Webhook node. */
function withHeaderAuth(requests, url, { name, value }) {
	return requests.map((request) => ({
		...request,
		url,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', [name]: value },
	}));
}

/** Keeps every core busy until `stop()`: one endless loop per core, in processes of their own. */
function busyMachine() {
	const loops = Array.from({ length: os.availableParallelism() }, () =>
		start(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
	);
	return { cores: loops.length, stop: () => Promise.all(loops.map((loop) => stop(loop, 1000))) };
}

module.exports = { busyMachine, sendAtOnce, signedLeaveCallbacks, withHeaderAuth };
