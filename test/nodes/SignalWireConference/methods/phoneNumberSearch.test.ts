import { callListSearch } from '../../../harness/engine';
import { useSignalWireServer } from '../../../harness/fixtures';
import { addPhoneNumber } from '../../../server/phoneNumbers';

const space = useSignalWireServer();

beforeEach(() => {
	space.server.store.phoneNumbers.length = 0;
	addPhoneNumber(space.server.store, '+15550100001', 'Ops hotline');
	addPhoneNumber(space.server.store, '+15550100002', '+15550100002');
});

describe('searchPhoneNumbers (the From picker of Add Participant)', () => {
	it("lists the space's numbers from IncomingPhoneNumbers, one page, with their names", async () => {
		const result = await callListSearch('searchPhoneNumbers', {}, space.credentials);

		expect(
			space.server.requests.map(
				(request) => `${request.method} ${request.path.split('/').pop()}?${request.rawQuery}`,
			),
		).toEqual(['GET IncomingPhoneNumbers?PageSize=50']);
		expect(result).toEqual({
			results: [
				{
					name: '+15550100001 (Ops hotline)',
					value: '+15550100001',
					url: expect.stringMatching(/\/IncomingPhoneNumbers\/[0-9a-f-]{36}$/),
				},
				{
					name: '+15550100002',
					value: '+15550100002',
					url: expect.stringMatching(/\/IncomingPhoneNumbers\/[0-9a-f-]{36}$/),
				},
			],
		});
	});

	it('filters by what was typed', async () => {
		const result = await callListSearch('searchPhoneNumbers', {}, space.credentials, 'hotline');

		expect(result.results.map((entry) => entry.value)).toEqual(['+15550100001']);
	});

	it('searches beyond the first page, and carries on with the token', async () => {
		for (let index = 0; index < 120; index++) {
			addPhoneNumber(
				space.server.store,
				`+1555020${String(index).padStart(4, '0')}`,
				`Line ${index}`,
			);
		}

		const result = await callListSearch('searchPhoneNumbers', {}, space.credentials, 'Line 11');

		// Line 11 and Line 110–119: on the first and third pages of 50.
		expect(result.results.map((entry) => entry.name)).toEqual([
			'+15550200011 (Line 11)',
			...[...Array(10).keys()].map((i) => `+1555020011${i} (Line 11${i})`),
		]);
		expect(space.server.requests).toHaveLength(3);
		expect(result.paginationToken).toBeUndefined();
	});

	it('says the Numbers scope is missing when listing is refused', async () => {
		space.server.intercept(() => ({
			status: 401,
			body: { code: 20003, message: 'Authentication Failed', more_info: '', status: 401 },
		}));

		await expect(callListSearch('searchPhoneNumbers', {}, space.credentials)).rejects.toMatchObject(
			{
				message: "Could not list the space's phone numbers",
				description: expect.stringContaining('Numbers scope'),
			},
		);
	});
});
