import { runNode } from '../../../harness/engine';
import { useSignalWireServer } from '../../../harness/fixtures';

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
