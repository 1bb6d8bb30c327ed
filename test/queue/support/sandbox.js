'use strict';
/**
 * The sandbox as the queue-mode suite uses it. The polling trigger polls it in the background for
 * the whole run, so nothing here resets it: tests take a mark (how many requests / callbacks so
 * far) and look at what came after.
 */
const { accountPath, basicAuth } = require('../../e2e/support/expectations');

function sandboxClient(sandbox) {
	const control = async (method, name, body) => {
		const response = await fetch(`${sandbox.spaceUrl}/__sandbox/${name}`, {
			method,
			headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(`sandbox ${method} /__sandbox/${name}: HTTP ${response.status} ${text}`);
		return text ? JSON.parse(text) : undefined;
	};

	const client = {
		accountPath: accountPath(sandbox),
		authorization: basicAuth(sandbox),

		/** GET on the sandbox's API with the project's credentials: the ground truth. */
		async apiGet(resource) {
			const response = await fetch(`${sandbox.spaceUrl}${client.accountPath}${resource}`, {
				headers: { Authorization: client.authorization },
			});
			if (!response.ok) throw new Error(`sandbox GET ${resource}: HTTP ${response.status}`);
			return await response.json();
		},

		/** Ends a conference as SignalWire's API does (Status=completed); the sandbox then sends its conference-end callback. */
		async endConference(sid) {
			const response = await fetch(`${sandbox.spaceUrl}${client.accountPath}/Conferences/${sid}`, {
				method: 'POST',
				headers: {
					Authorization: client.authorization,
					'Content-Type': 'application/x-www-form-urlencoded',
				},
				body: 'Status=completed',
			});
			const conference = await response.json();
			if (!response.ok || conference.status !== 'completed') {
				throw new Error(
					`could not end conference ${sid}: HTTP ${response.status} ${JSON.stringify(conference)}`,
				);
			}
			return conference;
		},

		/** Every API request received so far (control requests are not recorded). */
		requests: () => control('GET', 'requests'),
		/** What announcements said or played so far (the sandbox fetches each AnnounceUrl). */
		said: () => control('GET', 'said'),
		/** Every status callback delivered so far, with n8n's answer as `outcome`. */
		callbacks: () => control('GET', 'callbacks'),
		/** From now on, signed status callbacks go to `url`. */
		sendCallbacksTo: (url) =>
			control('POST', 'callback-target', { url, signingKey: sandbox.signingKey }),
		/** Makes an event happen in a running conference and delivers its signed callback; resolves with the delivery. */
		fireEvent: (event, friendlyName) => control('POST', 'events', { event, friendlyName }),

		async requestsSince(mark) {
			return (await client.requests()).slice(mark);
		},
		async requestMark() {
			return (await client.requests()).length;
		},
		async callbacksSince(mark) {
			return (await client.callbacks()).slice(mark);
		},
		async callbackMark() {
			return (await client.callbacks()).length;
		},

		/** Waits until something said or played matches `predicate`; resolves with it. */
		async waitForSaid(predicate, timeoutMs) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const found = (await client.said()).find(predicate);
				if (found) return found;
				if (Date.now() > deadline)
					throw new Error(`the sandbox said nothing such within ${timeoutMs / 1000} s`);
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
		},

		/** Waits until a request after `mark` matches `predicate`; resolves with it. */
		async waitForRequest(mark, predicate, timeoutMs) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const found = (await client.requestsSince(mark)).find(predicate);
				if (found) return found;
				if (Date.now() > deadline)
					throw new Error(`the sandbox received no such request within ${timeoutMs / 1000} s`);
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
		},
	};
	return client;
}

module.exports = { sandboxClient };
