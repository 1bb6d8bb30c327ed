'use strict';
/**
 * The running editor's REST API, as the n8n UI calls it with a signed-in owner: the credential test
 * (good and wrong token), the "From list" conference picker paged to the end, and a search whose
 * only match lies beyond what one call reads.
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
	/** As the editor asks: the typed text (if any) as `filter`, the last answer's token to load more. */
	function searchConferences(paginationToken, filter) {
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
			...(filter === undefined ? {} : { filter }),
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

	test('a search whose only match is older than the first 1,000: a notice and a token, then the match', async () => {
		// What one search call reads (methods/pickerPages.ts): pages of 200, at most 5 per list.
		const PAGE_SIZE = 200;
		const PAGES_PER_CALL = 5;
		const budget = PAGE_SIZE * PAGES_PER_CALL;
		await sandbox.reset();
		// A thousand conferences newer than the one to find (as are the seeded ones), none of them
		// matching "archive": the list is newest first, so the match comes after all of them.
		const newer = Array.from({ length: budget }, (_, index) => ({
			friendlyName: `Daily check-in ${index + 1}`,
			status: 'completed',
			dateCreated: new Date(Date.UTC(2025, 0, 1) + index * 60_000).toISOString(),
		}));
		const added = await sandbox.addConferences([
			...newer,
			{
				friendlyName: 'Legal archive review',
				status: 'completed',
				dateCreated: '2024-03-05T14:15:00Z',
				dateUpdated: '2024-03-05T15:00:00Z',
			},
		]);
		const wanted = added[added.length - 1];
		try {
			const first = await searchConferences(undefined, 'archive');
			const firstRequests = await sandbox.requests();
			// The editor loads more with the token of the last answer and the same filter.
			const second = await searchConferences(first.paginationToken, 'archive');
			const secondRequests = (await sandbox.requests()).slice(firstRequests.length);

			// No match in the first 1,000, but the list goes on: the notice, and a token to go on with.
			expect(first).toEqual({
				results: [
					{
						name: `Searched the ${budget} most recent entries: type more of what you look for to narrow it down, or clear the search and scroll to load more`,
						value: '',
					},
				],
				paginationToken: expect.any(String),
			});
			// The exact-name list has ended; the scan goes on at its next page link.
			const token = JSON.parse(first.paginationToken);
			expect(token).toEqual({ exact: null, scan: expect.any(String) });
			expect(second).toEqual({
				results: [
					{
						name: `Legal archive review · ended · ${shownInN8n('2024-03-05T14:15:00Z')} · 45 min`,
						value: wanted.sid,
						url: `${sandbox.spaceUrl}${accountPath(sandbox)}/Conferences/${wanted.sid}`,
					},
				],
			});

			// The requests: the FriendlyName query, then the list's pages in order, each the
			// next_page_uri the sandbox gave (read here for comparison), five in the first call and the
			// rest in the second, which starts where the token says.
			const conferences = `${accountPath(sandbox)}/Conferences`;
			const links = await pageLinks(`${conferences}?PageSize=${PAGE_SIZE}`);
			expect(links).toHaveLength(Math.ceil((sandbox.conferences + budget + 1) / PAGE_SIZE));
			const sent = (requests) => requests.map((request) => `${request.path}?${request.rawQuery}`);
			expect(sent(firstRequests)).toEqual([
				`${conferences}?FriendlyName=archive&PageSize=${PAGE_SIZE}`,
				...links.slice(0, PAGES_PER_CALL),
			]);
			expect(token.scan.split('#')[0]).toBe(links[PAGES_PER_CALL]);
			expect(sent(secondRequests)).toEqual(links.slice(PAGES_PER_CALL));
			expect(firstRequests.length).toBeLessThanOrEqual(2 * PAGES_PER_CALL);
			expect(secondRequests.length).toBeLessThanOrEqual(PAGES_PER_CALL);
			for (const [index, request] of [...firstRequests.slice(1), ...secondRequests].entries()) {
				expect(request.method).toBe('GET');
				expect(request.path).toBe(conferences);
				expect(request.authorization).toBe(basicAuth(sandbox));
				expect(request.query).toEqual(
					index === 0
						? [['PageSize', String(PAGE_SIZE)]]
						: [
								['PageSize', String(PAGE_SIZE)],
								['Page', String(index)],
								['PageToken', expect.any(String)],
							],
				);
			}
		} finally {
			await sandbox.reset();
		}
	});

	/** The sandbox's own page links for a list, the first one and every next_page_uri after it. */
	async function pageLinks(firstPage) {
		const links = [];
		for (let link = firstPage; link; ) {
			links.push(link);
			const response = await fetch(`${sandbox.spaceUrl}${link}`, {
				headers: { Authorization: basicAuth(sandbox) },
			});
			link = (await response.json()).next_page_uri;
		}
		return links;
	}
});

/**
 * A moment of another year as the pickers show it, "2024-03-05 09:15", in n8n's time zone: the
 * default, America/New_York, unless GENERIC_TIMEZONE names another.
 */
function shownInN8n(isoDate) {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', {
			timeZone: process.env.GENERIC_TIMEZONE || 'America/New_York',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23',
		})
			.formatToParts(new Date(isoDate))
			.map((part) => [part.type, part.value]),
	);
	return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
