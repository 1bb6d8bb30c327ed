import { runNode } from '../../../../harness/engine';
import { ACCOUNT_PATH, expectNoToken, useSignalWireServer } from '../../../../harness/fixtures';
import { callJson, createCall } from '../../../../server/calls';
import type { Reply } from '../../../../server/replies';
import type { RecordedRequest } from '../../../../server/SignalWireServer';
import { describeRequests, FROM_NUMBER, resetTelephony } from '../common/announceHarness';

const space = useSignalWireServer();

beforeEach(() => resetTelephony(space.server));

const TO = '+15551230001';

function addParameters(requestOptions: Record<string, unknown> = {}) {
	const bridge = space.server.store.addConference({ friendlyName: 'Incident 4711' });
	return {
		resource: 'participant',
		operation: 'add',
		conferenceId: { __rl: true, mode: 'id', value: bridge.sid },
		to: TO,
		from: { __rl: true, mode: 'list', value: FROM_NUMBER },
		requestOptions,
	};
}

const isCallsCreate = (request: RecordedRequest) =>
	request.method === 'POST' && request.path === `${ACCOUNT_PATH}/Calls`;

/** SignalWire places the call (or not), then the answer is lost, late or a gateway's 5xx. */
function placeThenLose(answer: Partial<Reply>, placed = true) {
	space.server.intercept((request) => {
		if (!isCallsCreate(request)) return undefined;
		const call = placed
			? createCall(space.server.store, new URLSearchParams(request.body)).call
			: undefined;
		const body = call === undefined ? undefined : callJson(space.server.store, call);
		return { status: 200, body, ...answer };
	});
}

const LOOKUP = `GET /Calls?To=%2B15551230001&From=%2B15550100001&PageSize=20`;

describe('Participant → Add: a call whose outcome is unknown', () => {
	it('a connection reset after the request was read: sent once, reported with the call the lookup found', async () => {
		placeThenLose({ fault: 'reset' });

		const { error, logs } = await runNode({
			parameters: addParameters({ maxRetries: 3 }),
			credentials: space.credentials,
		});

		const [call] = [...space.server.store.calls.values()];
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(
			`The call to ${TO} may have been placed: SignalWire did not confirm it, and the lookup found call ${call.sid} (status: queued)`,
		);
		expect(error?.description).toMatch(
			new RegExp(
				`^SignalWire did not confirm the request at ${space.server.origin}: the connection was (reset|closed)\\. It may have been carried out; it was not sent again\\. Do not run this item again: the person has been called\\. n8n's Retry On Fail would call again: leave it off for Add\\.$`,
			),
		);
		expect(error?.context?.itemIndex).toBe(0);
		expect(describeRequests(space.server).filter((line) => line.includes('/Calls'))).toEqual([
			'POST /Calls',
			LOOKUP,
		]);
		expectNoToken([error, logs]);
	});

	it('an answer later than Timeout: sent once, reported with the lookup result', async () => {
		placeThenLose({ delayMs: 700 });

		const { error } = await runNode({
			parameters: addParameters({ timeout: 300, maxRetries: 3 }),
			credentials: space.credentials,
		});

		const [call] = [...space.server.store.calls.values()];
		expect(error?.message).toBe(
			`The call to ${TO} may have been placed: SignalWire did not confirm it, and the lookup found call ${call.sid} (status: queued)`,
		);
		expect(error?.description).toMatch(
			/^SignalWire did not confirm the request at .*: no answer within 0\.3 s \(Request Options → Timeout\)\. It may have been carried out; it was not sent again\./,
		);
		expect(space.server.requests.filter(isCallsCreate)).toHaveLength(1);
	});

	it('says when the lookup finds no call yet, and only calls since the request count', async () => {
		const earlier = createCall(
			space.server.store,
			new URLSearchParams({ To: TO, From: FROM_NUMBER, Url: 'https://example.com/x' }),
		).call!;
		earlier.createdAt = new Date(Date.now() - 60_000);
		placeThenLose({ fault: 'reset' }, false);

		const { error } = await runNode({
			parameters: addParameters(),
			credentials: space.credentials,
		});

		expect(error?.message).toBe(
			`The call to ${TO} may have been placed: SignalWire did not confirm it, and the lookup found no call to that number since the request yet`,
		);
		expect(error?.description).toContain(
			"It may still be placed: check your SignalWire space's call log before running this item again.",
		);
		expect(space.server.requests.filter(isCallsCreate)).toHaveLength(1);
	});

	it('says when the lookup fails too', async () => {
		placeThenLose({ fault: 'reset' });
		space.server.intercept((request) =>
			request.method === 'GET' && request.path === `${ACCOUNT_PATH}/Calls`
				? { status: 0, fault: 'reset' }
				: undefined,
		);

		const { error } = await runNode({
			parameters: addParameters({ maxRetries: 0 }),
			credentials: space.credentials,
		});

		expect(error?.message).toMatch(
			new RegExp(
				`^The call to \\${TO} may have been placed: SignalWire did not confirm it, and the lookup of recent calls failed too \\(Could not reach SignalWire at ${space.server.origin}: the connection was (reset|closed)\\)$`,
			),
		);
		expect(space.server.requests.filter(isCallsCreate)).toHaveLength(1);
	});

	it.each([
		[504, true, 'Gateway Timeout (HTTP 504)'],
		[500, false, 'Internal Server Error (HTTP 500)'],
	])('a %d answer: sent once, reported with the lookup result', async (status, placed, cause) => {
		placeThenLose({ status, body: { message: cause.replace(/ \(.*/, '') } }, placed);

		const { error } = await runNode({
			parameters: addParameters({ maxRetries: 3 }),
			credentials: space.credentials,
		});

		const calls = [...space.server.store.calls.values()];
		expect(error?.message).toBe(
			placed
				? `The call to ${TO} may have been placed: SignalWire did not confirm it, and the lookup found call ${calls[0].sid} (status: queued)`
				: `The call to ${TO} may have been placed: SignalWire did not confirm it, and the lookup found no call to that number since the request yet`,
		);
		expect(error?.description).toMatch(new RegExp(`^${cause.replace(/[()]/g, '\\$&')}\\. `));
		expect(space.server.requests.filter(isCallsCreate)).toHaveLength(1);
	});

	it('is the error item of that item under continue-on-fail', async () => {
		placeThenLose({ fault: 'reset' });

		const { items } = await runNode({
			parameters: addParameters(),
			credentials: space.credentials,
			continueOnFail: true,
		});

		const [call] = [...space.server.store.calls.values()];
		expect(items).toEqual([
			{
				json: {
					error: `The call to ${TO} may have been placed: SignalWire did not confirm it, and the lookup found call ${call.sid} (status: queued)`,
					details: { description: expect.stringContaining('it was not sent again') },
				},
				pairedItem: { item: 0 },
			},
		]);
	});
});
