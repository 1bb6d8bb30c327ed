import { runNode } from '../../../harness/engine';
import {
	ACCOUNT_PATH,
	API_TOKEN,
	PROJECT_ID,
	useSignalWireServer,
} from '../../../harness/fixtures';
import { SignalWireServer } from '../../../server/SignalWireServer';

const space = useSignalWireServer();

const listAll = { resource: 'conference', operation: 'getAll', returnAll: true };

function listPage(nextPageUri: string | null, conferences: unknown[] = []) {
	return {
		status: 200,
		body: {
			uri: `${ACCOUNT_PATH}/Conferences`,
			first_page_uri: `${ACCOUNT_PATH}/Conferences`,
			next_page_uri: nextPageUri,
			previous_page_uri: null,
			page: 0,
			page_size: 1000,
			conferences,
		},
	};
}

describe('transport: paging links', () => {
	const elsewhere = new SignalWireServer({ projectId: PROJECT_ID, apiToken: API_TOKEN });
	beforeAll(async () => {
		await elsewhere.start();
	});
	beforeEach(() => elsewhere.reset());
	afterAll(async () => {
		await elsewhere.stop();
	});

	it.each([
		['another host', () => `${elsewhere.origin}${ACCOUNT_PATH}/Conferences?Page=1&PageToken=PAx`],
		[
			'a protocol-relative link to another host',
			() =>
				`//${elsewhere.origin.slice('http://'.length)}${ACCOUNT_PATH}/Conferences?Page=1&PageToken=PAx`,
		],
		['another scheme', () => `https://127.0.0.1${ACCOUNT_PATH}/Conferences?Page=1&PageToken=PAx`],
		[
			'another account',
			() =>
				`/api/laml/2010-04-01/Accounts/00000000-0000-4000-8000-000000000000/Conferences?Page=1&PageToken=PAx`,
		],
		['another API', () => `/api/relay/rest/conferences?Page=1&PageToken=PAx`],
	])(
		'refuses a next_page_uri pointing at %s, without sending the credentials there',
		async (_name, link) => {
			const next = link();
			space.server.intercept((request) =>
				request.rawQuery === 'PageSize=1000' ? listPage(next, [{ sid: 'a' }]) : undefined,
			);

			const { error, items } = await runNode({
				parameters: listAll,
				credentials: space.credentials,
			});

			expect(items).toEqual([]);
			expect(error?.name).toBe('NodeApiError');
			expect(error?.message).toBe(
				'SignalWire returned a next page link outside this space; paging stopped',
			);
			expect(error?.description).toBe(
				`The link "${next}" does not point into ${space.server.origin}${ACCOUNT_PATH}, so it was not followed (the credentials never leave the space). Check the Space URL in the credentials.`,
			);
			expect(space.server.requests).toHaveLength(1);
			expect(elsewhere.requests).toEqual([]);
		},
	);

	it('follows an absolute next_page_uri on the space host itself', async () => {
		space.server.intercept((request) => {
			if (request.rawQuery === 'PageSize=1000') {
				return listPage(
					`${space.server.origin}${ACCOUNT_PATH}/Conferences?PageSize=1000&Page=1&PageToken=PAabc`,
					[{ sid: 'a' }],
				);
			}
			return listPage(null, [{ sid: 'b' }]);
		});

		const { items, error } = await runNode({ parameters: listAll, credentials: space.credentials });

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.sid)).toEqual(['a', 'b']);
		expect(space.server.requests[1].rawQuery).toBe('PageSize=1000&Page=1&PageToken=PAabc');
	});

	it('stops with an error when the same next_page_uri comes back again, instead of looping', async () => {
		const loop = `${ACCOUNT_PATH}/Conferences?PageSize=1000&Page=1&PageToken=PAloop`;
		space.server.intercept(() => listPage(loop, [{ sid: 'same' }]));

		const { error } = await runNode({ parameters: listAll, credentials: space.credentials });

		expect(error?.message).toBe(
			'SignalWire returned the same next page link twice; paging stopped',
		);
		expect(error?.description).toBe(
			`The link "${loop}" was already followed, so following it again would loop forever. 2 items had been read. Try again later, or narrow the filters.`,
		);
		expect(space.server.requests).toHaveLength(2);
	});

	it('treats an empty next_page_uri as the last page', async () => {
		space.server.intercept(() => listPage('', [{ sid: 'only' }]));

		const { items } = await runNode({ parameters: listAll, credentials: space.credentials });

		expect(items.map((item) => item.json.sid)).toEqual(['only']);
	});
});
