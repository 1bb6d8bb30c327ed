import { callListSearch, runNode } from '../../harness/engine';
import {
	ACCOUNT_PATH,
	API_TOKEN,
	expectNoSecret,
	expectNoToken,
	PROJECT_ID,
	useSignalWireServer,
} from '../../harness/fixtures';
import { callPoll } from '../../harness/triggers';
import type { Reply } from '../../server/replies';
import { RESOURCES } from '../../../nodes/SignalWireConference/actions/resources';
import { passwordParameterPaths } from '../../harness/passwordFields';

const space = useSignalWireServer();

const SIDS = ['c0ffee00-0000-4000-8000-000000000001', 'c0ffee00-0000-4000-8000-000000000002'];
const BASIC = Buffer.from(`${PROJECT_ID}:${API_TOKEN}`).toString('base64');

/** JSON nested `depth` levels deep inside an otherwise ordinary conference. */
function nested(depth: number, open: string, close: string): string {
	return `{"sid":"${SIDS[0]}","conferences":[],"x":${open.repeat(depth)}${close.repeat(depth)}}`;
}

/** `text` padded so that `secret` starts `before` characters before position `at`: a cut there. */
function straddling(at: number, secret: string, before = 10): string {
	return `${'x'.repeat(at - before)}${secret} and more`;
}

function envelope(conferences: unknown, next: unknown = null) {
	return {
		uri: `${ACCOUNT_PATH}/Conferences`,
		first_page_uri: `${ACCOUNT_PATH}/Conferences`,
		next_page_uri: next,
		previous_page_uri: null,
		page: 0,
		page_size: 1000,
		conferences,
	};
}

/** What a broken proxy, a wrong Space URL or a compromised server might answer. */
const HOSTILE_REPLIES: Array<[string, Reply, RegExp]> = [
	[
		'truncated JSON',
		{ status: 200, body: '{"sid": "c0ffee00-', headers: { 'Content-Type': 'application/json' } },
		/not a JSON object/,
	],
	[
		'an HTML login page',
		{
			status: 200,
			body: '<!doctype html><title>Login</title>',
			headers: { 'Content-Type': 'text/html' },
		},
		/not a JSON object/,
	],
	[
		'an HTML error page',
		{
			status: 500,
			body: '<html><h1>Internal Server Error</h1></html>',
			headers: { 'Content-Type': 'text/html' },
		},
		/HTTP 500/,
	],
	['an empty 200', { status: 200, body: '' }, /empty body/],
	['an empty 502', { status: 502, body: '' }, /HTTP 502/],
	[
		'JSON sent as text/plain',
		{
			status: 400,
			body: '{"code": 21205, "message": "Bad URL"}',
			headers: { 'Content-Type': 'text/plain' },
		},
		/Bad URL \(SignalWire error 21205, HTTP 400\)/,
	],
	[
		'a JSON array',
		{ status: 200, body: [{ sid: 'x' }, { sid: 'y' }] },
		/not a JSON object|without a "conferences" list/,
	],
	[
		'a bare string',
		{ status: 200, body: '"ok"', headers: { 'Content-Type': 'application/json' } },
		/not a JSON object/,
	],
	[
		'an error echoing the token',
		{ status: 401, body: { code: 20003, message: `Authentication Failed for ${API_TOKEN}` } },
		/Authentication Failed for \*\*\* \(SignalWire error 20003, HTTP 401\)/,
	],
	[
		'an error page echoing the Basic auth',
		{
			status: 500,
			body: `upstream rejected Authorization: Basic ${Buffer.from(`b3877c40-da60-4998-90ad-b792e98472af:${API_TOKEN}`).toString('base64')}`,
		},
		/upstream rejected Authorization: Basic \*\*\*/,
	],
	[
		'a reset connection',
		{ status: 0, fault: 'reset' },
		/the connection was (reset|closed)|the connection failed/,
	],
	['no answer at all', { status: 0, fault: 'hang' }, /no answer within 1 s/],
	// Bodies no SignalWire object can be: nested thousands deep, or larger than any page.
	...(
		[
			['arrays', '[', ']'],
			['objects', '{"a":', '}'],
			['mixed', '[{"a":', '}]'],
		] as const
	).map(([kind, open, close]): [string, Reply, RegExp] => [
		`JSON of ${kind} nested 5,000 deep`,
		{
			status: 200,
			body: nested(5000, open, close),
			headers: { 'Content-Type': 'application/json' },
		},
		/nested deeper than 32 levels/,
	]),
	[
		'JSON nested 40 deep',
		{ status: 200, body: nested(40, '[', ']'), headers: { 'Content-Type': 'application/json' } },
		/nested deeper than 32 levels/,
	],
	[
		'a 6 MB answer',
		{
			status: 200,
			body: `{"sid":"${'x'.repeat(6 * 1024 * 1024)}"}`,
			headers: { 'Content-Type': 'application/json' },
		},
		/larger than 5 MB/,
	],
	['a 6 MB error page', { status: 500, body: 'e'.repeat(6 * 1024 * 1024) }, /larger than 5 MB/],
	// The token echoed in every field an error quotes, whole, encoded, or where a cut falls.
	[
		'the token as an error code',
		{ status: 401, body: { code: API_TOKEN, message: 'Authentication Failed' } },
		/^Authentication Failed \(SignalWire error \*\*\*, HTTP 401\)$/,
	],
	[
		'the Basic auth as an error code',
		{ status: 400, body: { code: `Basic ${BASIC}`, message: 'Bad' } },
		/^Bad \(SignalWire error Basic \*\*\*, HTTP 400\)$/,
	],
	[
		'the token in more_info',
		{ status: 404, body: { code: 20404, message: 'Nope', more_info: `https://x/${API_TOKEN}` } },
		/^Nope \(SignalWire error 20404, HTTP 404\)$/,
	],
	[
		'the token in an errors list',
		{ status: 422, body: { errors: [{ detail: `bad ${API_TOKEN}` }, { title: API_TOKEN }] } },
		/^bad \*\*\*; \*\*\* \(HTTP 422\)$/,
	],
	[
		'the token URL-encoded',
		{ status: 400, body: { message: `echo ${encodeURIComponent(`${API_TOKEN}/x`)}` } },
		/^echo \*\*\*x \(HTTP 400\)$|^echo \*\*\*%2Fx \(HTTP 400\)$/,
	],
	[
		'the token where a plain-text error is cut',
		{ status: 500, body: straddling(300, API_TOKEN) },
		/HTTP 500/,
	],
	[
		'the token where a long message is cut',
		{ status: 400, body: { message: straddling(500, API_TOKEN) } },
		/HTTP 400/,
	],
	[
		'the Basic auth where a long code is cut',
		{ status: 400, body: { code: straddling(40, BASIC), message: 'Bad' } },
		/HTTP 400/,
	],
];

const LIST_REPLIES: Array<[string, Reply, RegExp]> = [
	[
		'a page far larger than asked for',
		{
			status: 200,
			body: envelope(Array.from({ length: 1500 }, (_, index) => ({ sid: `s${index}` }))),
		},
		/1500 items for a page of at most 1000/,
	],
	[
		'a next_page_uri to another scheme',
		{
			status: 200,
			body: envelope([{ sid: 'a' }], `ftp://127.0.0.1${ACCOUNT_PATH}/Conferences?Page=1`),
		},
		/next page link outside this space/,
	],
	[
		'a next_page_uri with credentials',
		{
			status: 200,
			body: envelope(
				[{ sid: 'a' }],
				`http://user:${API_TOKEN}@evil.example.com${ACCOUNT_PATH}/Conferences`,
			),
		},
		/next page link outside this space/,
	],
	[
		'a next_page_uri that is a number',
		{ status: 200, body: envelope([{ sid: 'a' }], 42) },
		/without a "conferences" list/,
	],
	[
		'a list that is an object',
		{ status: 200, body: envelope({ sid: 'a' }) },
		/without a "conferences" list/,
	],
	[
		'a next_page_uri outside the space, with the token where its quote is cut',
		{
			status: 200,
			body: envelope([{ sid: 'a' }], `https://evil.example.com/${straddling(175, API_TOKEN)}`),
		},
		/next page link outside this space/,
	],
	[
		'a next_page_uri with a backslash to another host',
		{
			status: 200,
			body: envelope([{ sid: 'a' }], `/\\evil.example.com${ACCOUNT_PATH}/Conferences`),
		},
		/next page link outside this space/,
	],
];

const OPERATIONS = {
	get: {
		resource: 'conference',
		operation: 'get',
		conferenceId: { __rl: true, mode: 'id', value: '={{ $json.sid }}' },
	},
	update: {
		resource: 'conference',
		operation: 'update',
		conferenceId: { __rl: true, mode: 'id', value: '={{ $json.sid }}' },
		updateFields: { status: 'completed' },
	},
	getAll: { resource: 'conference', operation: 'getAll', returnAll: true },
};

describe('hostile server', () => {
	const cases = [
		...HOSTILE_REPLIES.flatMap(([name, reply, message]) =>
			Object.entries(OPERATIONS).map(([operation, parameters]) => ({
				name,
				reply,
				message,
				operation,
				parameters,
			})),
		),
		...LIST_REPLIES.map(([name, reply, message]) => ({
			name,
			reply,
			message,
			operation: 'getAll',
			parameters: OPERATIONS.getAll,
		})),
	];

	it.each(cases.map((entry) => [entry.operation, entry.name, entry] as const))(
		'%s facing %s: one clear error item per input item, paired, no token, no hang',
		async (_operation, _name, { reply, message, parameters }) => {
			space.server.intercept((request) =>
				request.path.startsWith(ACCOUNT_PATH) ? reply : undefined,
			);
			const started = Date.now();

			const run = await runNode({
				parameters: { ...parameters, requestOptions: { maxRetries: 0, timeout: 1000 } },
				items: SIDS.map((sid) => ({ sid })),
				credentials: space.credentials,
				continueOnFail: true,
			});

			expect(run.error).toBeUndefined();
			expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			for (const item of run.items) {
				expect(String(item.json.error)).toMatch(message);
				expect(Object.keys(item.json).sort()).toEqual(expect.arrayContaining(['error']));
			}
			expectNoToken([run.items, run.logs]);
			expect(Date.now() - started).toBeLessThan(8000);
		},
	);

	it('without continue-on-fail stops with the same clear error instead of crashing', async () => {
		space.server.intercept(() => ({
			status: 200,
			body: '<html>proxy</html>',
			headers: { 'Content-Type': 'text/html' },
		}));

		const run = await runNode({
			parameters: { ...OPERATIONS.get, requestOptions: { maxRetries: 0 } },
			items: [{ sid: SIDS[0] }],
			credentials: space.credentials,
		});

		expect(run.error?.name).toBe('NodeApiError');
		expect(run.error?.message).toBe('SignalWire answered with a body that is not a JSON object');
		expect(run.error?.context?.itemIndex).toBe(0);
	});
});

describe('hostile server: paging that never ends', () => {
	/** Pages whose next link is always new, each with `perPage` items. */
	function endlessPages(perPage: number) {
		let served = 0;
		space.server.intercept((request) => {
			if (!request.path.startsWith(ACCOUNT_PATH)) return undefined;
			served++;
			const items = Array.from({ length: perPage }, (_, index) => ({
				sid: `s${served}-${index}`,
				status: 'completed',
				date_updated: new Date().toUTCString(),
			}));
			return {
				status: 200,
				body: envelope(
					items,
					`${ACCOUNT_PATH}/Conferences?PageSize=1000&Page=${served}&PageToken=PA${served}`,
				),
			};
		});
	}

	it('stops at an empty page that still links onwards, keeping what was read', async () => {
		let served = 0;
		space.server.intercept(() => {
			served++;
			return {
				status: 200,
				body: envelope(
					served === 1 ? [{ sid: 'a' }, { sid: 'b' }] : [],
					`${ACCOUNT_PATH}/Conferences?Page=${served}&PageToken=PA${served}`,
				),
			};
		});

		const run = await runNode({ parameters: OPERATIONS.getAll, credentials: space.credentials });

		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.json.sid)).toEqual(['a', 'b']);
		expect(space.server.requests).toHaveLength(2);
	});

	it('stops one item per page with fresh links at the page bound, with a clear error', async () => {
		endlessPages(1);

		const run = await runNode({ parameters: OPERATIONS.getAll, credentials: space.credentials });

		expect(run.error?.message).toBe(
			'SignalWire kept sending next page links after 101 pages; paging stopped',
		);
		expect(run.error?.description).toBe(
			'One list is read to at most 100,000 items. 101 items had been read. Narrow the list with filters (e.g. dates), or check the Space URL in the credentials.',
		);
		expect(space.server.requests).toHaveLength(101);
	});

	it('stops the polling trigger the same way', async () => {
		endlessPages(1);

		await expect(
			callPoll({ event: 'conferenceEnded', friendlyName: '' }, space.credentials, {}),
		).rejects.toMatchObject({
			message: 'SignalWire kept sending next page links after 101 pages; paging stopped',
		});
		expect(space.server.requests).toHaveLength(101);
	});

	it('ends the polling trigger at an empty page with a next link', async () => {
		space.server.intercept(() => ({
			status: 200,
			body: envelope([], `${ACCOUNT_PATH}/Conferences?Page=1&PageToken=PAx`),
		}));

		const result = await callPoll(
			{ event: 'conferenceEnded', friendlyName: '' },
			space.credentials,
			{},
		);

		expect(result).toBeNull();
		expect(space.server.requests).toHaveLength(1);
	});

	it('gives the picker no next page after an empty page, and stops it at the page bound', async () => {
		space.server.intercept(() => ({
			status: 200,
			body: envelope([], `${ACCOUNT_PATH}/Conferences?Page=1&PageToken=PAx`),
		}));
		const empty = await callListSearch('searchConferences', {}, space.credentials);
		expect(empty).toEqual({ results: [] });

		space.server.reset();
		endlessPages(1);
		let token: string | undefined;
		for (let page = 1; page <= 5; page++) {
			token = (await callListSearch('searchConferences', {}, space.credentials, undefined, token))
				.paginationToken as string;
		}
		// The token carries the number of the page it leads to (transport/request.ts); one far
		// along, as a server that never stops linking would produce after 2,001 pages, is refused
		// unsent.
		const farAlong = token!.replace(/#page-number=6"/, '#page-number=2002"');
		expect(farAlong).not.toBe(token);

		await expect(
			callListSearch('searchConferences', {}, space.credentials, undefined, farAlong),
		).rejects.toMatchObject({
			message: 'SignalWire kept sending next page links after 2001 pages; paging stopped',
		});
		expect(space.server.requests).toHaveLength(5);
		expect(space.server.requests.map((request) => request.rawQuery.split('&').pop())).toEqual([
			'PageSize=50',
			'PageToken=PA1',
			'PageToken=PA2',
			'PageToken=PA3',
			'PageToken=PA4',
		]);
	});
});

describe('hostile server: secrets the user typed', () => {
	/** Every password-type field of every operation; a new one must be added to the cases below. */
	function passwordFields(): string[] {
		return RESOURCES.flatMap((resource) =>
			Object.entries(resource.operations).flatMap(([operation, definition]) =>
				passwordParameterPaths(definition.properties).map(
					(path) => `${resource.value}.${operation}: ${path.join('.')}`,
				),
			),
		);
	}

	it('knows every password field of the package', () => {
		expect(passwordFields()).toEqual(['conferenceStream.start: options.authorizationBearerToken']);
	});

	const BEARERS = [
		'ws-bearer-SECRET-0123456789',
		'ws/bearer+SECRET 01&x=%41',
		'tok€n-SECRET-ünïcode',
	];
	const ECHOES: Array<[string, (body: string, bearer: string) => Reply]> = [
		[
			'the request body as the message',
			(body) => ({ status: 400, body: { code: 21205, message: body } }),
		],
		[
			'the token as the code',
			(_body, bearer) => ({ status: 400, body: { code: bearer, message: 'x' } }),
		],
		[
			'the token in more_info',
			(_body, bearer) => ({ status: 400, body: { message: 'x', more_info: bearer } }),
		],
		['the request body as plain text', (body) => ({ status: 500, body: `upstream said: ${body}` })],
		[
			'the token where a plain-text error is cut',
			(_body, bearer) => ({ status: 500, body: straddling(300, bearer) }),
		],
	];

	it.each(BEARERS.flatMap((bearer) => ECHOES.map(([name, echo]) => [bearer, name, echo] as const)))(
		'Stream Start never quotes the Authorization Bearer Token %j when the server echoes %s',
		async (bearer, _name, echo) => {
			const conference = space.server.store.addConference({ friendlyName: 'Room' });
			space.server.intercept((request) =>
				request.method === 'POST' ? echo(request.body, bearer) : undefined,
			);

			const run = await runNode({
				parameters: {
					resource: 'conferenceStream',
					operation: 'start',
					conferenceId: { __rl: true, mode: 'id', value: conference.sid },
					url: 'wss://example.com/audio',
					options: { authorizationBearerToken: bearer, name: 'transcriber' },
				},
				credentials: space.credentials,
				continueOnFail: true,
			});

			expect(space.server.requests[0].form).toContainEqual(['AuthorizationBearerToken', bearer]);
			expect(String(run.items[0].json.error)).toMatch(/HTTP (400|500)/);
			expectNoSecret([run.items, run.logs], [bearer, encodeURIComponent(bearer)]);
		},
	);
});

describe('hostile server: answer fields named like item members', () => {
	/** `json`, `binary`, `pairedItem` would make n8n's returnJsonArray take the answer for an item. */
	const answer = {
		sid: SIDS[0],
		friendly_name: 'Room',
		json: { injected: true },
		binary: { data: 'x' },
		pairedItem: { item: 7 },
		error: 'not an error',
	};

	it.each(Object.keys(OPERATIONS))(
		'%s outputs the answer whole, as one item',
		async (operation) => {
			space.server.intercept((request) =>
				request.path.startsWith(ACCOUNT_PATH)
					? { status: 200, body: operation === 'getAll' ? envelope([answer]) : answer }
					: undefined,
			);

			const run = await runNode({
				parameters: OPERATIONS[operation as keyof typeof OPERATIONS],
				items: [{ sid: SIDS[0] }],
				credentials: space.credentials,
			});

			expect(run.error).toBeUndefined();
			expect(run.items).toEqual([{ json: answer, pairedItem: { item: 0 } }]);
		},
	);
});
