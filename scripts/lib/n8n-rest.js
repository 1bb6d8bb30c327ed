'use strict';
/**
 * n8n's own REST API as the editor uses it (n8n 2.41.1): `POST /rest/owner/setup` claims the
 * instance (only while no owner exists), `POST /rest/login` signs in; both answer with the
 * `n8n-auth` cookie that every other call needs.
 */
const crypto = require('node:crypto');

/** A login for a throw-away local n8n. The password is new on every run and meets n8n's rules. */
function newOwnerLogin() {
	return {
		email: 'demo@example.com',
		firstName: 'Demo',
		lastName: 'Owner',
		password: `Demo-${crypto.randomBytes(6).toString('hex')}-7Q`,
	};
}

function authCookieFrom(response) {
	const cookies = response.headers.getSetCookie?.() ?? [response.headers.get('set-cookie') ?? ''];
	const auth = cookies
		.map((cookie) => cookie.split(';')[0])
		.find((pair) => pair.startsWith('n8n-auth='));
	if (!auth) throw new Error(`n8n answered ${response.status} without an n8n-auth cookie`);
	return auth.slice('n8n-auth='.length);
}

class N8nRestClient {
	constructor(baseUrl) {
		this.baseUrl = baseUrl;
		/** Value of the n8n-auth cookie once signed in. */
		this.authCookie = undefined;
	}

	async send(method, path, body) {
		const headers = { Accept: 'application/json' };
		if (body !== undefined) headers['Content-Type'] = 'application/json';
		if (this.authCookie) headers.Cookie = `n8n-auth=${this.authCookie}`;
		return await fetch(`${this.baseUrl}${path}`, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	}

	/** Calls the API and returns the `data` of its answer; a non-2xx answer throws with n8n's message. */
	async request(method, path, body) {
		const response = await this.send(method, path, body);
		const text = await response.text();
		if (!response.ok)
			throw new Error(`n8n ${method} ${path}: HTTP ${response.status} ${text.slice(0, 500)}`);
		return text ? JSON.parse(text).data : undefined;
	}

	async setupOwner(login) {
		const response = await this.send('POST', '/rest/owner/setup', login);
		if (!response.ok) {
			throw new Error(
				`n8n owner setup: HTTP ${response.status} ${(await response.text()).slice(0, 500)}`,
			);
		}
		this.authCookie = authCookieFrom(response);
	}

	async login({ email, password }) {
		const response = await this.send('POST', '/rest/login', {
			emailOrLdapLoginId: email,
			password,
		});
		if (!response.ok)
			throw new Error(
				`n8n login: HTTP ${response.status} ${(await response.text()).slice(0, 500)}`,
			);
		this.authCookie = authCookieFrom(response);
	}
}

module.exports = { N8nRestClient, newOwnerLogin };
