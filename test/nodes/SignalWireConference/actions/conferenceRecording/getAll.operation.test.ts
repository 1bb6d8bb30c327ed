import { runNode } from '../../../../harness/engine';
import { ACCOUNT_PATH, useSignalWireServer } from '../../../../harness/fixtures';

const space = useSignalWireServer();

describe('Conference Recording → Get Many', () => {
	it('lists the recordings of a conference with SignalWire field types, filtered by creation date', async () => {
		const store = space.server.store;
		const conference = store.addConference({ friendlyName: 'Board' });
		const older = store.addRecording(conference, {
			createdAt: new Date('2026-11-01T10:00:00Z'),
			status: 'completed',
			durationSeconds: 61,
		});
		store.addRecording(conference, { createdAt: new Date('2026-11-20T10:00:00Z') });

		const { items, error } = await runNode({
			parameters: {
				resource: 'conferenceRecording',
				operation: 'getAll',
				conferenceId: { __rl: true, mode: 'id', value: conference.sid },
				returnAll: false,
				limit: 10,
				filters: { dateCreatedBefore: '2026-11-10T00:00:00' },
			},
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		expect(space.server.requests).toEqual([
			expect.objectContaining({
				method: 'GET',
				path: `${ACCOUNT_PATH}/Conferences/${conference.sid}/Recordings`,
				rawQuery: 'DateCreated%3C=2026-11-10&PageSize=10',
			}),
		]);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			sid: older.sid,
			duration: 61,
			channels: '1',
			error_code: null,
			call_sid: null,
		});
		expect(typeof items[0].json.duration).toBe('number');
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});
});
