import { runNode } from '../../../harness/engine';
import { ACCOUNT_PATH, useSignalWireServer } from '../../../harness/fixtures';
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

	it('retries a GET whose connection was reset, but never a POST', async () => {
		failFirst(1, { status: 0, fault: 'reset' });
		const read = await runNode({ parameters: getOne(), credentials: space.credentials });
		expect(read.error).toBeUndefined();
		expect(space.server.requests).toHaveLength(2);

		space.server.reset();
		failFirst(1, { status: 0, fault: 'reset' });
		const write = await runNode({ parameters: endOne(), credentials: space.credentials });
		expect(write.error?.message).toBe(
			`Could not reach SignalWire at ${space.server.origin}: the connection was reset`,
		);
		expect(space.server.requests).toHaveLength(1);
	});
});

describe('transport: timeouts', () => {
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
