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
				{ name: '+15550100001 (Ops hotline)', value: '+15550100001' },
				{ name: '+15550100002', value: '+15550100002' },
			],
		});
	});

	it('filters by what was typed', async () => {
		const result = await callListSearch('searchPhoneNumbers', {}, space.credentials, 'hotline');

		expect(result.results.map((entry) => entry.value)).toEqual(['+15550100001']);
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
