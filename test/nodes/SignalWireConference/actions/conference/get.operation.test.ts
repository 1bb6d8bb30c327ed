import { ACCOUNT_PATH, AUTHORIZATION, expectNoToken, useSignalWireServer } from '../../../../harness/fixtures';
import { runNode } from '../../../../harness/engine';

const space = useSignalWireServer();

function getParameters(conferenceId: { mode: string; value: string }) {
	return { resource: 'conference', operation: 'get', conferenceId: { __rl: true, ...conferenceId } };
}

describe('Conference → Get', () => {
	it('gets the conference chosen by ID and outputs the API fields as they are', async () => {
		const conference = space.server.store.addConference({
			friendlyName: 'Support bridge',
			createdAt: new Date('2026-11-20T10:00:00Z'),
		});

		const { items, error } = await runNode({
			parameters: getParameters({ mode: 'id', value: conference.sid }),
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		expect(space.server.requests).toHaveLength(1);
		const [request] = space.server.requests;
		expect(request.method).toBe('GET');
		expect(request.path).toBe(`${ACCOUNT_PATH}/Conferences/${conference.sid}`);
		expect(request.rawQuery).toBe('');
		expect(request.authorization).toBe(AUTHORIZATION);
		expect(items).toEqual([
			{ json: space.server.store.conferenceJson(conference), pairedItem: { item: 0 } },
		]);
		expect(items[0].json).toMatchObject({
			sid: conference.sid,
			friendly_name: 'Support bridge',
			status: 'in-progress',
			date_created: 'Fri, 20 Nov 2026 10:00:00 +0000',
		});
		expectNoToken(items);
	});
});
