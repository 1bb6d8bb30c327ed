import type { RunOptions } from '../../../harness/engine';
import { runNode } from '../../../harness/engine';
import { useSignalWireServer } from '../../../harness/fixtures';
import { FROM_NUMBER, resetTelephony } from './common/announceHarness';

const space = useSignalWireServer();

function getParameters(parallelRequests: number) {
	return {
		resource: 'conference',
		operation: 'get',
		conferenceId: { __rl: true, mode: 'id', value: '={{ $json.sid }}' },
		requestOptions: { parallelRequests },
	};
}

/** Conferences whose answers arrive in reverse order: the first asked is the slowest. */
function seedSlowFirst(count: number) {
	const conferences = Array.from({ length: count }, (_, index) =>
		space.server.store.addConference({ friendlyName: `Room ${index}` }),
	);
	space.server.intercept((request) => {
		const index = conferences.findIndex((conference) => request.path.endsWith(conference.sid));
		return index === -1
			? undefined
			: {
					...space.server.store.conferenceJsonReply(conferences[index]),
					delayMs: (count - index) * 15,
				};
	});
	return conferences;
}

describe('router: Requests in Parallel', () => {
	it('runs up to the chosen number of items at once and keeps input order and item links', async () => {
		const conferences = seedSlowFirst(9);

		const { items, error } = await runNode({
			parameters: getParameters(3),
			items: conferences.map((conference) => ({ sid: conference.sid })),
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.friendly_name, item.pairedItem])).toEqual(
			conferences.map((conference, index) => [conference.friendlyName, { item: index }]),
		);
		expect(space.server.maxInFlight).toBe(3);
	});

	it('runs one item at a time by default', async () => {
		const conferences = seedSlowFirst(4);

		await runNode({
			parameters: { ...getParameters(1), requestOptions: {} },
			items: conferences.map((conference) => ({ sid: conference.sid })),
			credentials: space.credentials,
		});

		expect(space.server.maxInFlight).toBe(1);
	});

	it('with continue-on-fail pairs each error item to its input, in order', async () => {
		const conferences = seedSlowFirst(4);
		const inputs = [
			{ sid: conferences[0].sid },
			{ sid: 'bad' },
			{ sid: '0a0b0c0d-0000-4000-8000-000000000009' },
			{ sid: conferences[3].sid },
		];

		const { items } = await runNode({
			parameters: getParameters(4),
			items: inputs,
			credentials: space.credentials,
			continueOnFail: true,
		});

		expect(
			items.map((item) => [
				item.json.friendly_name ??
					(item.json.details as { httpCode?: string }).httpCode ??
					'input error',
				item.pairedItem,
			]),
		).toEqual([
			['Room 0', { item: 0 }],
			['input error', { item: 1 }],
			['404', { item: 2 }],
			['Room 3', { item: 3 }],
		]);
	});

	it('without continue-on-fail fails with the first failing item, as a one-by-one run would', async () => {
		const conferences = seedSlowFirst(3);
		const inputs = [
			{ sid: conferences[0].sid },
			{ sid: '0a0b0c0d-0000-4000-8000-000000000009' },
			{ sid: 'bad' },
		];

		const { error } = await runNode({
			parameters: getParameters(3),
			items: inputs,
			credentials: space.credentials,
		});

		expect(error?.context?.itemIndex).toBe(1);
		expect(error?.httpCode).toBe('404');
	});
});

describe('router: On Error settings, as n8n routes the items', () => {
	const MISSING = '0a0b0c0d-0000-4000-8000-000000000009';
	function threeItems() {
		const found = space.server.store.addConference({ friendlyName: 'Found' });
		return { found, inputs: [{ sid: found.sid }, { sid: MISSING }, { sid: 'not-an-id' }] };
	}
	const notFound = {
		error: `The requested resource ${'/api/laml/2010-04-01/Accounts/b3877c40-da60-4998-90ad-b792e98472af/Conferences/'}${MISSING} was not found (SignalWire error 20404, HTTP 404)`,
		details: {
			description: `No conference with ID "${MISSING}" exists in this project: check the conference ID, or pick the conference from the list.`,
			httpCode: '404',
		},
	};
	const badId = {
		error: 'Conference ID "not-an-id" is not a valid ID: SignalWire IDs are UUIDs',
		details: {
			description:
				'Use an ID like b3877c40-da60-4998-90ad-b792e98472cf, or choose the conference from the list.',
		},
	};

	it('Continue (using error output): the conference on the success output, the 404 and the bad ID on the error output, each paired', async () => {
		const { found, inputs } = threeItems();

		const { outputs, error } = await runNode({
			parameters: getParameters(1),
			items: inputs,
			credentials: space.credentials,
			onError: 'continueErrorOutput',
		});

		expect(error).toBeUndefined();
		expect(outputs).toHaveLength(2);
		expect(outputs[0]).toEqual([
			{ json: space.server.store.conferenceJson(found), pairedItem: { item: 0 } },
		]);
		expect(outputs[1]).toEqual([
			{ json: notFound, pairedItem: { item: 1 } },
			{ json: badId, pairedItem: { item: 2 } },
		]);
	});

	it('Continue (using error output) with requests in parallel keeps the same routing and links', async () => {
		const { inputs } = threeItems();

		const { outputs } = await runNode({
			parameters: getParameters(3),
			items: inputs,
			credentials: space.credentials,
			onError: 'continueErrorOutput',
		});

		expect(outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(outputs[1].map((item) => [item.json.error, item.pairedItem])).toEqual([
			[notFound.error, { item: 1 }],
			[badId.error, { item: 2 }],
		]);
	});

	it('Continue (regular output): all three on the one output, in input order, the errors as error items', async () => {
		const { found, inputs } = threeItems();

		const { outputs, error } = await runNode({
			parameters: getParameters(1),
			items: inputs,
			credentials: space.credentials,
			onError: 'continueRegularOutput',
		});

		expect(error).toBeUndefined();
		expect(outputs).toEqual([
			[
				{ json: space.server.store.conferenceJson(found), pairedItem: { item: 0 } },
				{ json: notFound, pairedItem: { item: 1 } },
				{ json: badId, pairedItem: { item: 2 } },
			],
		]);
	});

	it('Stop Workflow: the 404 stops the run at its item', async () => {
		const { inputs } = threeItems();

		const { error, outputs } = await runNode({
			parameters: getParameters(1),
			items: inputs,
			credentials: space.credentials,
			onError: 'stopWorkflow',
		});

		expect(outputs).toEqual([]);
		expect(error?.context?.itemIndex).toBe(1);
		expect(error?.httpCode).toBe('404');
	});
});

describe('router: every item is checked before the first write', () => {
	const ADD = {
		resource: 'participant',
		operation: 'add',
		to: '={{ $json.to }}',
		from: { __rl: true, mode: 'list', value: FROM_NUMBER },
	};

	beforeEach(() => resetTelephony(space.server));

	/** Add for [good, bad number, good], with the given node settings. */
	async function addGoodBadGood(settings: Partial<RunOptions>) {
		const bridge = space.server.store.addConference({ friendlyName: 'Incident 4711' });
		return await runNode({
			parameters: { ...ADD, conferenceId: { __rl: true, mode: 'id', value: bridge.sid } },
			items: [{ to: '+15551230001' }, { to: '555-0100' }, { to: '+15551230002' }],
			credentials: space.credentials,
			...settings,
		});
	}

	it('[good, bad number, good] with Retry On Fail fails each try before anyone is called', async () => {
		const { error } = await addGoodBadGood({ retryOnFail: { maxTries: 3, waitBetweenTries: 0 } });

		expect(error?.message).toBe(
			'To "555-0100" is neither a phone number in E.164 format nor a SIP address',
		);
		expect(error?.context?.itemIndex).toBe(1);
		expect(space.server.requests).toEqual([]);
		expect(space.server.store.calls.size).toBe(0);
	});

	it('under continue-on-fail the bad item is its error item and the good ones are called once', async () => {
		const { items } = await addGoodBadGood({ continueOnFail: true });

		expect(
			items.map((item) => [
				(item.json.call as { to?: string } | undefined)?.to ?? item.json.error,
				item.pairedItem,
			]),
		).toEqual([
			['+15551230001', { item: 0 }],
			['To "555-0100" is neither a phone number in E.164 format nor a SIP address', { item: 1 }],
			['+15551230002', { item: 2 }],
		]);
		expect([...space.server.store.calls.values()].map((call) => call.to)).toEqual([
			'+15551230001',
			'+15551230002',
		]);
	});

	it.each([
		['conference', { conferenceId: { __rl: true, mode: 'name', value: 'All hands' } }],
		[
			'participant',
			{
				conferenceId: { __rl: true, mode: 'id', value: '={{ $json.conference }}' },
				participantId: { __rl: true, mode: 'id', value: '={{ $json.participant }}' },
			},
		],
	])('%s Announce: a bad text among good ones announces nothing', async (resource, target) => {
		const bridge = space.server.store.addConference({ friendlyName: 'All hands' });
		const participant = space.server.store.addParticipant(bridge);
		const item = { conference: bridge.sid, participant: participant.callSid };

		const { error } = await runNode({
			parameters: {
				resource,
				operation: 'announce',
				...target,
				announcementType: 'text',
				text: '={{ $json.text }}',
			},
			items: [
				{ ...item, text: 'Welcome' },
				{ ...item, text: '' },
				{ ...item, text: 'Goodbye' },
			],
			credentials: space.credentials,
			retryOnFail: { maxTries: 2, waitBetweenTries: 0 },
		});

		expect(error?.message).toBe('Text is empty');
		expect(error?.context?.itemIndex).toBe(1);
		expect(space.server.requests).toEqual([]);
	});
});
