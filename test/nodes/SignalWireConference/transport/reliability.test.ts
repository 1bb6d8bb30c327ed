/* eslint-disable @n8n/community-nodes/no-restricted-globals -- the rig, not shipped: n8n's rules for node code do not apply */
import { nodeTypeInstances, PACKAGE, runNode } from '../../../harness/engine';
import {
	ACCOUNT_PATH,
	PROJECT_ID,
	API_TOKEN,
	useSignalWireServer,
} from '../../../harness/fixtures';
import { RawServer } from '../../../harness/rawServer';
import type { Reply } from '../../../server/replies';

const space = useSignalWireServer();
const SID = 'c0ffee00-0000-4000-8000-000000000001';

function getOne(requestOptions: Record<string, unknown> = {}) {
	return {
		resource: 'conference',
		operation: 'get',
		conferenceId: { __rl: true, mode: 'id', value: SID },
		requestOptions,
	};
}

function endOne(requestOptions: Record<string, unknown> = {}) {
	return {
		resource: 'conference',
		operation: 'update',
		conferenceId: { __rl: true, mode: 'id', value: SID },
		updateFields: { status: 'completed' },
		requestOptions,
	};
}

/** Answers the first `times` requests with `reply`, then lets the server answer. */
function failFirst(times: number, reply: Reply) {
	let count = 0;
	space.server.intercept(() => (count++ < times ? reply : undefined));
}

const tooMany = {
	status: 429,
	body: { code: 20429, message: 'Too Many Requests', more_info: '', status: 429 },
	headers: { 'Retry-After': '0' },
};

describe('transport: retries', () => {
	beforeEach(() => {
		space.server.store.addConference({ sid: SID, friendlyName: 'Room' });
	});

	it('retries a GET on 429 as Retry-After says, then succeeds', async () => {
		failFirst(2, tooMany);

		const { items, error } = await runNode({
			parameters: getOne(),
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.sid)).toEqual([SID]);
		expect(space.server.requests).toHaveLength(3);
	});

	it('retries a POST on 429 and 503, which SignalWire did not process, and sends it whole each time', async () => {
		failFirst(1, tooMany);
		failFirst(1, {
			status: 503,
			body: '',
			headers: { 'Retry-After': new Date(Date.now() - 1000).toUTCString() },
		});

		const { items } = await runNode({ parameters: endOne(), credentials: space.credentials });

		expect(items[0].json.status).toBe('completed');
		expect(space.server.requests.map((request) => [request.method, request.body])).toEqual([
			['POST', 'Status=completed'],
			['POST', 'Status=completed'],
			['POST', 'Status=completed'],
		]);
	});

	it('waits with exponential backoff when no Retry-After is given', async () => {
		failFirst(1, {
			status: 503,
			body: { code: 503, message: 'Service Unavailable', more_info: '', status: 503 },
		});
		const started = Date.now();

		const { error } = await runNode({ parameters: getOne(), credentials: space.credentials });

		expect(error).toBeUndefined();
		expect(space.server.requests).toHaveLength(2);
		expect(Date.now() - started).toBeGreaterThanOrEqual(240);
	});

	it('says how many attempts were made when it gives up', async () => {
		space.server.intercept(() => tooMany);

		const { error } = await runNode({
			parameters: getOne({ maxRetries: 2 }),
			credentials: space.credentials,
		});

		expect(error?.message).toBe(
			'Too Many Requests (SignalWire error 20429, HTTP 429; gave up after 3 attempts)',
		);
		expect(space.server.requests).toHaveLength(3);
	});

	it('does not retry when Max Retries is 0', async () => {
		space.server.intercept(() => tooMany);

		const { error } = await runNode({
			parameters: getOne({ maxRetries: 0 }),
			credentials: space.credentials,
		});

		expect(error?.message).toBe('Too Many Requests (SignalWire error 20429, HTTP 429)');
		expect(space.server.requests).toHaveLength(1);
	});

	it('does not sit out a Retry-After longer than a minute', async () => {
		space.server.intercept(() => ({ ...tooMany, headers: { 'Retry-After': '3600' } }));

		const { error } = await runNode({ parameters: getOne(), credentials: space.credentials });

		expect(error?.httpCode).toBe('429');
		expect(space.server.requests).toHaveLength(1);
	});

	it('does not retry other errors', async () => {
		const { error } = await runNode({
			parameters: getOne(),
			credentials: { ...space.credentials, apiToken: 'PTwrong' },
		});

		expect(error?.httpCode).toBe('401');
		expect(space.server.requests).toHaveLength(1);
	});

	it.each(['-1', '+5', '5,10', '1.5', '0x10', '1e3', 'Infinity', 'Tuesday', '2026-01-01', '-0'])(
		'treats the junk Retry-After %j as absent and waits with the backoff instead',
		async (retryAfter) => {
			failFirst(1, { ...tooMany, headers: { 'Retry-After': retryAfter } });
			const started = Date.now();

			const { error } = await runNode({ parameters: getOne(), credentials: space.credentials });

			expect(error).toBeUndefined();
			expect(space.server.requests).toHaveLength(2);
			expect(Date.now() - started).toBeGreaterThanOrEqual(240);
		},
	);
});

describe('transport: what a 503 or a lost connection may repeat', () => {
	const conferenceSid = SID;
	let participantSid = '';
	beforeEach(() => {
		const conference = space.server.store.addConference({
			sid: conferenceSid,
			friendlyName: 'Room',
		});
		participantSid = space.server.store.addParticipant(conference).callSid;
	});

	const conference = { __rl: true, mode: 'id', value: conferenceSid };
	const cases: Array<[string, number, () => Record<string, unknown>]> = [
		['a read', 2, () => getOne()],
		['ending a conference with Update', 2, () => endOne()],
		[
			'ending a conference with End',
			2,
			() => ({ resource: 'conference', operation: 'end', conferenceId: conference }),
		],
		[
			'muting a participant',
			2,
			() => ({
				resource: 'participant',
				operation: 'mute',
				conferenceId: conference,
				participantId: { __rl: true, mode: 'id', value: participantSid },
			}),
		],
		[
			'an announcement',
			1,
			() => ({
				resource: 'conference',
				operation: 'update',
				conferenceId: conference,
				updateFields: { announceUrl: 'https://example.com/a.xml' },
			}),
		],
		[
			'ending a conference with an announcement',
			1,
			() => ({
				resource: 'conference',
				operation: 'update',
				conferenceId: conference,
				updateFields: { status: 'completed', announceUrl: 'https://example.com/a.xml' },
			}),
		],
		[
			'a Stream Start',
			1,
			() => ({
				resource: 'conferenceStream',
				operation: 'start',
				conferenceId: conference,
				url: 'wss://example.com/audio',
				options: {},
			}),
		],
	];

	it.each(cases)('on a 503, %s is sent %d time(s)', async (_name, times, parameters) => {
		failFirst(1, { status: 503, body: { code: 503, message: 'Service Unavailable' } });

		const { error } = await runNode({ parameters: parameters(), credentials: space.credentials });

		expect(space.server.requests).toHaveLength(times);
		if (times === 1) expect(error?.httpCode).toBe('503');
		else expect(error).toBeUndefined();
	});

	it.each(cases)(
		'on a reset connection, %s is sent %d time(s)',
		async (_name, times, parameters) => {
			failFirst(1, { status: 0, fault: 'reset' });

			const { error } = await runNode({ parameters: parameters(), credentials: space.credentials });

			expect(space.server.requests).toHaveLength(times);
			if (times === 1) {
				expect(error?.message).toMatch(
					new RegExp(
						`^SignalWire did not confirm the request at ${space.server.origin}: the connection was (reset|closed)\\. It may have been carried out; it was not sent again$`,
					),
				);
			} else expect(error).toBeUndefined();
		},
	);

	it.each(cases)(
		'on a 429, which proves nothing was done, %s is sent again',
		async (_name, _times, parameters) => {
			failFirst(1, tooMany);

			const { error } = await runNode({ parameters: parameters(), credentials: space.credentials });

			expect(error).toBeUndefined();
			expect(space.server.requests).toHaveLength(2);
		},
	);
});

describe('transport: timeouts', () => {
	it('leaves no timer behind once a request is done, so a long Timeout keeps nothing alive', async () => {
		space.server.store.addConference({ sid: SID, friendlyName: 'Room' });
		const timers = () =>
			process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
		const before = timers();

		for (let run = 0; run < 3; run++) {
			const { error } = await runNode({
				parameters: getOne({ timeout: 600_000 }),
				credentials: space.credentials,
			});
			expect(error).toBeUndefined();
		}

		// Three deadlines left running would be three timers more; the server's own may come and go.
		expect(timers()).toBeLessThan(before + 2);
	});

	it('ends a hung request with a clear error instead of a hung workflow', async () => {
		space.server.intercept((request) =>
			request.path.startsWith(ACCOUNT_PATH) ? { status: 0, fault: 'hang' } : undefined,
		);

		const started = Date.now();
		const { error } = await runNode({
			parameters: getOne({ timeout: 300, maxRetries: 1 }),
			credentials: space.credentials,
		});

		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(
			`Could not reach SignalWire at ${space.server.origin}: no answer within 0.3 s (Request Options → Timeout) (gave up after 2 attempts)`,
		);
		expect(space.server.requests).toHaveLength(2);
		expect(Date.now() - started).toBeLessThan(5000);
	});
});

describe('transport: Timeout bounds the whole request', () => {
	const conferenceJson = JSON.stringify({ sid: SID, friendly_name: 'Room', status: 'in-progress' });
	let mode: 'trickle' | 'endless' | 'huge' | 'late' = 'trickle';
	const raw = new RawServer((response, server) => {
		if (mode === 'late') {
			server.every(response, 400, () => {
				response.writeHead(200, { 'Content-Type': 'application/json' });
				response.end(conferenceJson);
				return false;
			});
			return;
		}
		if (mode === 'huge') {
			response.writeHead(200, { 'Content-Type': 'application/json' });
			response.end(`{"sid":"${'x'.repeat(6 * 1024 * 1024)}"}`);
			return;
		}
		response.writeHead(200, { 'Content-Type': 'application/json' });
		let sent = 0;
		server.every(response, mode === 'trickle' ? 100 : 1, () => {
			if (mode === 'trickle') {
				if (sent >= conferenceJson.length) {
					response.end();
					return false;
				}
				response.write(conferenceJson[sent++]);
				return true;
			}
			response.write(' '.repeat(64 * 1024));
			return true;
		});
	});
	let credentials: Record<string, string>;
	beforeAll(async () => {
		credentials = { spaceUrl: await raw.start(), projectId: PROJECT_ID, apiToken: API_TOKEN };
	});
	beforeEach(() => {
		raw.requests.length = 0;
		raw.closedByClient.length = 0;
	});
	afterAll(async () => {
		await raw.stop();
	});

	it('gives up on an answer that trickles in one byte every 100 ms, and closes its connection', async () => {
		mode = 'trickle';
		const started = Date.now();

		const { error } = await runNode({
			parameters: getOne({ timeout: 300, maxRetries: 0 }),
			credentials,
		});

		expect(error?.message).toBe(
			`Could not reach SignalWire at ${credentials.spaceUrl}: no answer within 0.3 s (Request Options → Timeout)`,
		);
		expect(Date.now() - started).toBeLessThan(1500);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(raw.closedByClient).toEqual([true]);
	});

	it('retries a read whose answer did not complete in time, each attempt with its own deadline', async () => {
		mode = 'trickle';
		const started = Date.now();

		const { error } = await runNode({
			parameters: getOne({ timeout: 200, maxRetries: 1 }),
			credentials,
		});

		expect(error?.message).toMatch(/no answer within 0.2 s .*\(gave up after 2 attempts\)$/);
		expect(raw.requests).toHaveLength(2);
		expect(Date.now() - started).toBeLessThan(2000);
	});

	it('drops an answer that arrives after the deadline', async () => {
		mode = 'late';

		const { error, items } = await runNode({
			parameters: getOne({ timeout: 150, maxRetries: 0 }),
			credentials,
		});
		await new Promise((resolve) => setTimeout(resolve, 400));

		expect(error?.message).toMatch(/no answer within 0.15 s/);
		expect(items).toEqual([]);
	});

	it.each([
		['an endless stream', 'endless' as const],
		['a 6 MB answer', 'huge' as const],
	])('refuses %s as larger than 5 MB, without waiting for its end', async (_name, chosen) => {
		mode = chosen;
		const started = Date.now();

		const { error } = await runNode({
			parameters: getOne({ timeout: 20_000, maxRetries: 0 }),
			credentials,
		});

		expect(error?.message).toBe("SignalWire's answer is larger than 5 MB; it was not read");
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it.each([2_147_483_648, 1e12, Number.MAX_SAFE_INTEGER])(
		'keeps a Timeout of %d ms to what a timer can hold, instead of failing at once',
		async (timeout) => {
			space.server.store.addConference({ sid: SID, friendlyName: 'Room' });

			const { error, items } = await runNode({
				parameters: getOne({ timeout }),
				credentials: space.credentials,
			});

			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.sid)).toEqual([SID]);
		},
	);

	it('bounds Timeout in the editor too', () => {
		const description = nodeTypeInstances[`${PACKAGE}.signalWireConference`].description;
		const requestOptions = description.properties.find(
			(property) => property.name === 'requestOptions',
		);
		const timeout = (requestOptions?.options as Array<{ name: string; typeOptions?: object }>).find(
			(option) => option.name === 'timeout',
		);
		expect(timeout?.typeOptions).toEqual({ minValue: 100, maxValue: 2_147_483_647 });
	});
});
