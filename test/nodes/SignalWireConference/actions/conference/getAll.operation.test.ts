import { runNode } from '../../../../harness/engine';
import { ACCOUNT_PATH, AUTHORIZATION, useSignalWireServer } from '../../../../harness/fixtures';
import type { SignalWireServer } from '../../../../server/SignalWireServer';

const space = useSignalWireServer();

function seed(server: SignalWireServer, count: number) {
	const start = Date.parse('2026-01-01T00:00:00Z');
	for (let index = 0; index < count; index++) {
		server.store.addConference({
			sid: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
			friendlyName: `Room ${index}`,
			status: index % 3 === 0 ? 'completed' : 'in-progress',
			createdAt: new Date(start + index * 3_600_000),
		});
	}
}

function getAllParameters(extra: Record<string, unknown>) {
	return { resource: 'conference', operation: 'getAll', ...extra };
}

describe('Conference → Get Many', () => {
	it('with Return All follows next_page_uri across every page, 1000 per page', async () => {
		seed(space.server, 2345);

		const { items, error } = await runNode({
			parameters: getAllParameters({ returnAll: true }),
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(2345);
		expect(new Set(items.map((item) => item.json.sid)).size).toBe(2345);
		expect(items.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
		expect(items[0].json).toEqual(
			space.server.store.conferenceJson(space.server.store.listConferences()[0]),
		);
		const requests = space.server.requests;
		expect(requests.map((request) => [request.method, request.path])).toEqual([
			['GET', `${ACCOUNT_PATH}/Conferences`],
			['GET', `${ACCOUNT_PATH}/Conferences`],
			['GET', `${ACCOUNT_PATH}/Conferences`],
		]);
		expect(requests[0].query).toEqual([['PageSize', '1000']]);
		expect(requests[1].query.map(([name]) => name)).toEqual(['PageSize', 'Page', 'PageToken']);
		expect(requests[1].query.slice(0, 2)).toEqual([
			['PageSize', '1000'],
			['Page', '1'],
		]);
		expect(requests[2].query.slice(0, 2)).toEqual([
			['PageSize', '1000'],
			['Page', '2'],
		]);
		expect(requests.every((request) => request.authorization === AUTHORIZATION)).toBe(true);
	});

	it('with a Limit asks for exactly that many in one request and returns no more', async () => {
		seed(space.server, 30);

		const { items } = await runNode({
			parameters: getAllParameters({ returnAll: false, limit: 7 }),
			credentials: space.credentials,
		});

		expect(items.map((item) => item.json.friendly_name)).toEqual(
			[29, 28, 27, 26, 25, 24, 23].map((index) => `Room ${index}`),
		);
		expect(space.server.requests.map((request) => request.rawQuery)).toEqual(['PageSize=7']);
	});

	it('with a Limit above 1000 pages at 1000 and trims the last page to the limit', async () => {
		seed(space.server, 1600);

		const { items } = await runNode({
			parameters: getAllParameters({ returnAll: false, limit: 1500 }),
			credentials: space.credentials,
		});

		expect(items).toHaveLength(1500);
		expect(space.server.requests).toHaveLength(2);
		expect(space.server.requests[0].rawQuery).toBe('PageSize=1000');
	});

	it('with a Limit larger than the list returns the whole list', async () => {
		seed(space.server, 3);

		const { items } = await runNode({
			parameters: getAllParameters({ returnAll: false, limit: 50 }),
			credentials: space.credentials,
		});

		expect(items).toHaveLength(3);
		expect(space.server.requests).toHaveLength(1);
	});

	it('returns no items, and no error, for an empty list', async () => {
		const { items, error } = await runNode({
			parameters: getAllParameters({ returnAll: true }),
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		expect(items).toEqual([]);
	});

	it('sends every filter under its exact SignalWire query name, dates as the calendar date given', async () => {
		const { error } = await runNode({
			parameters: getAllParameters({
				returnAll: true,
				filters: {
					status: 'in-progress',
					friendlyName: 'Support & Sales',
					dateCreated: '2026-11-01T00:00:00',
					dateCreatedBefore: '2026-11-30T23:59:59',
					dateCreatedAfter: '2026-10-01',
					dateUpdated: '2026-11-02T00:00:00.000Z',
					dateUpdatedBefore: '2026-11-03T00:30:00+05:00',
					dateUpdatedAfter: '2026-10-02T23:30:00-08:00',
				},
			}),
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		const [request] = space.server.requests;
		expect(request.query).toEqual([
			['Status', 'in-progress'],
			['FriendlyName', 'Support & Sales'],
			['DateCreated', '2026-11-01'],
			['DateCreated<', '2026-11-30'],
			['DateCreated>', '2026-10-01'],
			['DateUpdated', '2026-11-02'],
			['DateUpdated<', '2026-11-03'],
			['DateUpdated>', '2026-10-02'],
			['PageSize', '1000'],
		]);
		expect(request.rawQuery).toBe(
			'Status=in-progress&FriendlyName=Support+%26+Sales&DateCreated=2026-11-01&DateCreated%3C=2026-11-30&DateCreated%3E=2026-10-01&DateUpdated=2026-11-02&DateUpdated%3C=2026-11-03&DateUpdated%3E=2026-10-02&PageSize=1000',
		);
	});

	it('filters by status and date on the server, and keeps the filters on every page', async () => {
		seed(space.server, 2500);

		const { items } = await runNode({
			parameters: getAllParameters({
				returnAll: true,
				filters: { status: 'completed', dateCreatedAfter: '2026-01-10' },
			}),
			credentials: space.credentials,
		});

		const expected = space.server.store
			.listConferences()
			.filter(
				(record) =>
					record.status === 'completed' && record.createdAt >= new Date('2026-01-10T00:00:00Z'),
			);
		expect(items.map((item) => item.json.sid)).toEqual(expected.map((record) => record.sid));
		expect(space.server.requests.length).toBe(Math.ceil(expected.length / 1000));
		for (const request of space.server.requests) {
			expect(request.query.slice(0, 2)).toEqual([
				['Status', 'completed'],
				['DateCreated>', '2026-01-10'],
			]);
		}
	});

	it.each([
		['dateCreated', 'yesterday', 'Date Created "yesterday" is not a date'],
		['dateUpdatedBefore', '2026-02-30', 'Date Updated Before "2026-02-30" is not a date'],
	])('refuses the %s filter "%s" before sending anything', async (filter, value, message) => {
		const { error } = await runNode({
			parameters: getAllParameters({ returnAll: true, filters: { [filter]: `={{ "${value}" }}` } }),
			credentials: space.credentials,
		});

		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(message);
		expect(error?.description).toBe(
			'Enter a date as YYYY-MM-DD (e.g. 2026-11-01), an ISO 8601 date and time, an RFC 2822 date as SignalWire writes them (e.g. Sun, 01 Nov 2026 10:00:00 +0000), or a date from an expression ($now, a Date).',
		);
		expect(space.server.requests).toEqual([]);
	});

	it('refuses a Limit below 1 before sending anything', async () => {
		const { error } = await runNode({
			parameters: getAllParameters({ returnAll: false, limit: '={{ 0 }}' }),
			credentials: space.credentials,
		});

		expect(error?.message).toBe('Limit 0 is not a whole number of at least 1');
		expect(space.server.requests).toEqual([]);
	});

	it('lists once per input item and pairs every conference to the item that asked for it', async () => {
		space.server.store.addConference({ friendlyName: 'Alpha', status: 'completed' });
		space.server.store.addConference({ friendlyName: 'Beta', status: 'in-progress' });
		space.server.store.addConference({
			friendlyName: 'Gamma',
			status: 'in-progress',
			createdAt: new Date(Date.now() + 1000),
		});

		const { items } = await runNode({
			parameters: getAllParameters({ returnAll: true, filters: { status: '={{ $json.status }}' } }),
			items: [{ status: 'in-progress' }, { status: 'completed' }],
			credentials: space.credentials,
		});

		expect(items.map((item) => [item.json.friendly_name, item.pairedItem])).toEqual([
			['Gamma', { item: 0 }],
			['Beta', { item: 0 }],
			['Alpha', { item: 1 }],
		]);
	});
});
