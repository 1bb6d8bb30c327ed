'use strict';
/** Shared facts about what the sandbox must have received from n8n. */

const API_PREFIX = '/api/laml/2010-04-01';

function accountPath(sandbox) {
	return `${API_PREFIX}/Accounts/${sandbox.projectId}`;
}

/** HTTP Basic with the Project ID as user and the API token as password, as n8n's credential sends it. */
function basicAuth(sandbox, token = sandbox.apiToken) {
	return `Basic ${Buffer.from(`${sandbox.projectId}:${token}`).toString('base64')}`;
}

/** The parts of a recorded request that the tests compare exactly. */
function wire(request) {
	return {
		method: request.method,
		path: request.path,
		query: request.query,
		form: request.form,
	};
}

/** The URL SignalWire fetches for a template script: its URL with the values, `%20` for spaces. */
function scriptUrl(script, values) {
	const query = Object.entries(values).map(
		([name, value]) => `${name}=${encodeURIComponent(value)}`,
	);
	return `${script.requestUrl}?${query.join('&')}`;
}

module.exports = { API_PREFIX, accountPath, basicAuth, scriptUrl, wire };
