'use strict';
/**
 * The running editor's REST API, as the n8n UI calls it with a signed-in owner: the credential test
 * (good and wrong token) and the "From list" conference picker paged to the end.
 */
const { SANDBOX_CREDENTIAL } = require('../../scripts/lib/prepare');
const { startEnvironment } = require('./support/environment');
const { accountPath, basicAuth, wire } = require('./support/expectations');

const NODE_TYPE = 'n8n-nodes-signalwire-conference.signalWireConference';
const VOICE_SCOPE_MESSAGE =
	'SignalWire refused these credentials: check the Project ID and API token, and that the token has the Voice scope';

let environment;
let sandbox;
let rest;

beforeAll(async () => {
	environment = await startEnvironment();
	sandbox = environment.sandbox;
	({ rest } = await environment.startEditor());
});

afterAll(async () => {
	await environment?.stop();
});

/** `POST /rest/credentials/test` for the imported credential, with the given API token. */
async function testCredential(apiToken) {
	await sandbox.reset();
	const answer = await rest.request('POST', '/rest/credentials/test', {
		credentials: {
			id: SANDBOX_CREDENTIAL.id,
			name: SANDBOX_CREDENTIAL.name,
			type: SANDBOX_CREDENTIAL.type,
			data: { spaceUrl: sandbox.spaceUrl, projectId: sandbox.projectId, apiToken },
		},
	});
	return { answer, requests: await sandbox.requests() };
}

describe('credential test (POST /rest/credentials/test)', () => {
	test('the right token: "Connection successful", after one GET …/Conferences?PageSize=1', async () => {
		const { answer, requests } = await testCredential(sandbox.apiToken);

		expect(answer).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(requests.map(wire)).toEqual([
			{
				method: 'GET',
				path: `${accountPath(sandbox)}/Conferences`,
				query: [['PageSize', '1']],
				form: [],
			},
		]);
		expect(requests[0].authorization).toBe(basicAuth(sandbox));
	});

	test('a wrong token: refused, and the message names the Voice scope', async () => {
		const wrongToken = 'PTwrong0000000000000000000000000000000000';
		const { answer, requests } = await testCredential(wrongToken);

		expect(answer).toEqual({ status: 'Error', message: VOICE_SCOPE_MESSAGE });
		// n8n-core retries any 401 once after its token-refresh hook (requestWithAuthentication), which
		// does nothing for a Basic-auth credential: the same request arrives twice.
		const sent = {
			method: 'GET',
			path: `${accountPath(sandbox)}/Conferences`,
			query: [['PageSize', '1']],
			form: [],
		};
		expect(requests.map(wire)).toEqual([sent, sent]);
		for (const request of requests)
			expect(request.authorization).toBe(basicAuth(sandbox, wrongToken));
	});
});

describe('"From list" conference picker (POST /rest/dynamic-node-parameters/resource-locator-results)', () => {
	function searchConferences(paginationToken) {
		return rest.request('POST', '/rest/dynamic-node-parameters/resource-locator-results', {
			path: 'parameters.conferenceId',
			methodName: 'searchConferences',
			nodeTypeAndVersion: { name: NODE_TYPE, version: 1 },
			currentNodeParameters: {
				resource: 'conference',
				operation: 'get',
				conferenceId: { __rl: true, mode: 'list', value: '' },
			},
			credentials: { signalWireApi: { id: SANDBOX_CREDENTIAL.id, name: SANDBOX_CREDENTIAL.name } },
			...(paginationToken === undefined ? {} : { paginationToken }),
		});
	}

	test('pages through every conference by following next_page_uri, 50 at a time', async () => {
		await sandbox.reset();
		const pages = [];
		let token;
		do {
			const page = await searchConferences(token);
			pages.push(page);
			token = page.paginationToken;
		} while (token !== undefined && pages.length < 20);

		const results = pages.flatMap((page) => page.results);
		expect(pages).toHaveLength(Math.ceil(sandbox.conferences / 50));
		expect(results).toHaveLength(sandbox.conferences);
		expect(new Set(results.map((result) => result.value)).size).toBe(sandbox.conferences);
		expect(results).toContainEqual(
			expect.objectContaining({
				name: expect.stringMatching(/^All hands · running \d+ min · since \d\d:\d\d$/),
				value: expect.any(String),
			}),
		);

		// The first page is asked for with PageSize=50; each next one is exactly the next_page_uri
		// that n8n handed back as the pagination token.
		const requests = await sandbox.requests();
		expect(requests).toHaveLength(pages.length);
		expect(requests[0].path).toBe(`${accountPath(sandbox)}/Conferences`);
		expect(requests[0].query).toEqual([['PageSize', '50']]);
		for (let index = 1; index < requests.length; index++) {
			const request = requests[index];
			// The token carries the next page link of each list the picker reads: here one list.
			expect(`${request.path}?${request.rawQuery}`).toBe(
				JSON.parse(pages[index - 1].paginationToken).conferences.split('#')[0],
			);
			expect(request.query).toEqual(
				expect.arrayContaining([
					['PageSize', '50'],
					['Page', String(index)],
				]),
			);
		}
	});
});
