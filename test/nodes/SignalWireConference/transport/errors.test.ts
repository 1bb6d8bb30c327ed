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
