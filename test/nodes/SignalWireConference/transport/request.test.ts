import { runNode } from '../../../harness/engine';
import {
	ACCOUNT_PATH,
	API_TOKEN,
	PROJECT_ID,
	expectNoToken,
	useSignalWireServer,
} from '../../../harness/fixtures';
import { SignalWireServer } from '../../../server/SignalWireServer';

const space = useSignalWireServer();

const listAll = { resource: 'conference', operation: 'getAll', returnAll: true };
const SID = 'c0ffee00-0000-4000-8000-000000000001';
const getOne = {
	resource: 'conference',
	operation: 'get',
	conferenceId: { __rl: true, mode: 'id', value: SID },
	requestOptions: { maxRetries: 0 },
};

function listPage(nextPageUri: string | null, conferences: unknown[] = []) {
	return {
		status: 200,
		body: {
			uri: `${ACCOUNT_PATH}/Conferences`,
			first_page_uri: `${ACCOUNT_PATH}/Conferences`,
			next_page_uri: nextPageUri,
			previous_page_uri: null,
			page: 0,
			page_size: 1000,
			conferences,
		},
	};
}

describe('transport: paging links', () => {
	const elsewhere = new SignalWireServer({ projectId: PROJECT_ID, apiToken: API_TOKEN });
	beforeAll(async () => {
		await elsewhere.start();
	});
	beforeEach(() => elsewhere.reset());
	afterAll(async () => {
		await elsewhere.stop();
	});

	it.each([
		['another host', () => `${elsewhere.origin}${ACCOUNT_PATH}/Conferences?Page=1&PageToken=PAx`],
		[
			'a protocol-relative link to another host',
			() =>
				`//${elsewhere.origin.slice('http://'.length)}${ACCOUNT_PATH}/Conferences?Page=1&PageToken=PAx`,
		],
		['another scheme', () => `https://127.0.0.1${ACCOUNT_PATH}/Conferences?Page=1&PageToken=PAx`],
		[
			'another account',
			() =>
				`/api/laml/2010-04-01/Accounts/00000000-0000-4000-8000-000000000000/Conferences?Page=1&PageToken=PAx`,
		],
		['another API', () => `/api/relay/rest/conferences?Page=1&PageToken=PAx`],
	])(
		'refuses a next_page_uri pointing at %s, without sending the credentials there',
		async (_name, link) => {
			const next = link();
			space.server.intercept((request) =>
				request.rawQuery === 'PageSize=1000' ? listPage(next, [{ sid: 'a' }]) : undefined,
			);

			const { error, items } = await runNode({
				parameters: listAll,
				credentials: space.credentials,
			});

			expect(items).toEqual([]);
			expect(error?.name).toBe('NodeApiError');
			expect(error?.message).toBe(
				'SignalWire returned a next page link outside this space; paging stopped',
			);
			expect(error?.description).toBe(
				`The link "${next}" does not point into ${space.server.origin}${ACCOUNT_PATH}, so it was not followed (the credentials never leave the space). Check the Space URL in the credentials.`,
			);
			expect(space.server.requests).toHaveLength(1);
			expect(elsewhere.requests).toEqual([]);
		},
	);

	it('follows an absolute next_page_uri on the space host itself', async () => {
		space.server.intercept((request) => {
			if (request.rawQuery === 'PageSize=1000') {
				return listPage(
					`${space.server.origin}${ACCOUNT_PATH}/Conferences?PageSize=1000&Page=1&PageToken=PAabc`,
					[{ sid: 'a' }],
				);
			}
			return listPage(null, [{ sid: 'b' }]);
		});

		const { items, error } = await runNode({ parameters: listAll, credentials: space.credentials });

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.sid)).toEqual(['a', 'b']);
		expect(space.server.requests[1].rawQuery).toBe('PageSize=1000&Page=1&PageToken=PAabc');
	});

	it('stops with an error when the same next_page_uri comes back again, instead of looping', async () => {
		const loop = `${ACCOUNT_PATH}/Conferences?PageSize=1000&Page=1&PageToken=PAloop`;
		space.server.intercept(() => listPage(loop, [{ sid: 'same' }]));

		const { error } = await runNode({ parameters: listAll, credentials: space.credentials });

		expect(error?.message).toBe(
			'SignalWire returned the same next page link twice; paging stopped',
		);
		expect(error?.description).toBe(
			`The link "${loop}" was already followed, so following it again would loop forever. 2 items had been read. Try again later, or narrow the filters.`,
		);
		expect(space.server.requests).toHaveLength(2);
	});

	it('treats an empty next_page_uri as the last page', async () => {
		space.server.intercept(() => listPage('', [{ sid: 'only' }]));

		const { items } = await runNode({ parameters: listAll, credentials: space.credentials });

		expect(items.map((item) => item.json.sid)).toEqual(['only']);
	});
});

describe('transport: error answers', () => {
	it.each([
		[
			'the usual { code, message } body',
			{
				status: 400,
				body: { code: 54454, message: 'Invalid PageSize', more_info: 'https://x', status: 400 },
			},
			'Invalid PageSize (SignalWire error 54454, HTTP 400)',
			'SignalWire refused a value: Invalid PageSize. Correct that field and run again.',
		],
		[
			'an { errors: [...] } body',
			{ status: 422, body: { errors: ['Status is invalid', 'AnnounceUrl is required'] } },
			'Status is invalid; AnnounceUrl is required (HTTP 422)',
			'SignalWire refused a value: Status is invalid; AnnounceUrl is required. Correct that field and run again.',
		],
		[
			'an empty 404',
			{ status: 404, body: '' },
			'Not found (HTTP 404)',
			`No conference with ID "${SID}" exists in this project: check the conference ID, or pick the conference from the list.`,
		],
		[
			'an HTML error page',
			{
				status: 502,
				body: '<html><body><h1>502 Bad Gateway</h1></body></html>',
				headers: { 'Content-Type': 'text/html' },
			},
			'HTTP 502 (HTTP 502)',
			'SignalWire could not handle the request right now: try again later.',
		],
		[
			'truncated JSON',
			{ status: 500, body: '{"code": 200' },
			'{"code": 200 (HTTP 500)',
			'SignalWire could not handle the request right now: try again later.',
		],
		[
			'a 429',
			{
				status: 429,
				body: { code: 20429, message: 'Too Many Requests', more_info: '', status: 429 },
			},
			'Too Many Requests (SignalWire error 20429, HTTP 429)',
			'SignalWire is rate limiting this project: run fewer requests at once or try again in a moment.',
		],
	])('turns %s into a readable NodeApiError', async (_name, reply, message, description) => {
		space.server.intercept(() => reply);

		const { error, logs } = await runNode({ parameters: getOne, credentials: space.credentials });

		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(message);
		expect(error?.description).toBe(description);
		expectNoToken([error, logs]);
	});

	it('says to check the credentials and the Voice scope on a 401', async () => {
		const { error } = await runNode({
			parameters: getOne,
			credentials: { ...space.credentials, apiToken: 'PTwrong' },
		});

		expect(error?.message).toBe('Authentication Failed (SignalWire error 20003, HTTP 401)');
		expect(error?.description).toBe(
			'Check the Project ID and API token in the SignalWire API credentials, and that the token has the Voice scope enabled (SignalWire dashboard → API).',
		);
		expect(space.server.requests[0].authorization).toBe(
			`Basic ${Buffer.from(`${PROJECT_ID}:PTwrong`).toString('base64')}`,
		);
	});

	it('refuses a successful answer that is not JSON', async () => {
		space.server.intercept(() => ({
			status: 200,
			body: '<html>login page</html>',
			headers: { 'Content-Type': 'text/html' },
		}));

		const { error } = await runNode({ parameters: getOne, credentials: space.credentials });

		expect(error?.message).toBe('SignalWire answered with a body that is not a JSON object');
	});

	it('refuses a list answer without its list', async () => {
		space.server.intercept(() => ({ status: 200, body: { calls: [] } }));

		const { error } = await runNode({ parameters: listAll, credentials: space.credentials });

		expect(error?.message).toBe('SignalWire answered without a "conferences" list');
	});

	it('does not follow a redirect, which could carry the credentials elsewhere', async () => {
		space.server.intercept((request) =>
			request.path.startsWith(ACCOUNT_PATH)
				? { status: 302, headers: { Location: 'http://127.0.0.1:9/steal' } }
				: undefined,
		);

		const { error } = await runNode({ parameters: getOne, credentials: space.credentials });

		expect(error?.message).toBe(
			'SignalWire answered with a redirect (HTTP 302), which is not followed',
		);
		expect(space.server.requests).toHaveLength(1);
	});

	it('says the space could not be reached when nothing listens there', async () => {
		const closed = new SignalWireServer({ projectId: PROJECT_ID, apiToken: API_TOKEN });
		const origin = await closed.start();
		await closed.stop();

		const { error, logs } = await runNode({
			parameters: getOne,
			credentials: { ...space.credentials, spaceUrl: origin },
		});

		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(
			`Could not reach SignalWire at ${origin}: the connection was refused`,
		);
		expect(error?.description).toBe(
			'Check the Space URL in the SignalWire API credentials and that this n8n instance can reach it. For slow answers, raise Request Options → Timeout.',
		);
		expectNoToken([error, logs]);
	});
});

describe('transport: credentials', () => {
	it.each([
		[
			'http:// to a host that is not loopback',
			'http://example.signalwire.com',
			'Credentials: Space URL must use https:// (http:// is only allowed for localhost and 127.x.x.x)',
		],
		[
			'an ftp:// URL',
			'ftp://example.signalwire.com',
			'Credentials: Space URL "ftp://example.signalwire.com" is not valid: use your space name, e.g. example.signalwire.com',
		],
		[
			'a URL with a path',
			'https://example.signalwire.com/api',
			'Credentials: Space URL "https://example.signalwire.com/api" is not valid: use your space name, e.g. example.signalwire.com',
		],
		[
			'a URL with user info',
			'https://evil.com@example.signalwire.com',
			'Credentials: Space URL "https://evil.com@example.signalwire.com" is not valid: use your space name, e.g. example.signalwire.com',
		],
		[
			'empty',
			'  ',
			'Credentials: Space URL is empty: enter your space, e.g. example.signalwire.com',
		],
	])('refuses a Space URL that is %s before sending anything', async (_name, spaceUrl, message) => {
		const { error } = await runNode({
			parameters: getOne,
			credentials: { ...space.credentials, spaceUrl },
		});

		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(message);
		expect(space.server.requests).toEqual([]);
	});

	it.each(['localhost', '127.0.0.1'])(
		'accepts http:// on loopback (%s) with a port',
		async (host) => {
			space.server.store.addConference({ sid: SID, friendlyName: 'Local' });
			const port = new URL(space.server.origin).port;

			const { items, error } = await runNode({
				parameters: getOne,
				credentials: { ...space.credentials, spaceUrl: ` http://${host}:${port}/ ` },
			});

			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.friendly_name)).toEqual(['Local']);
			expect(space.server.requests[0].headers.host).toBe(`${host}:${port}`);
		},
	);

	it('refuses a Project ID that is not a UUID, so that it cannot change the request path', async () => {
		const { error } = await runNode({
			parameters: getOne,
			credentials: { ...space.credentials, projectId: '../../Other' },
		});

		expect(error?.message).toBe(
			'Credentials: the Project ID is not a UUID (like b3877c40-da60-4998-90ad-b792e98472af)',
		);
		expect(space.server.requests).toEqual([]);
	});
});
