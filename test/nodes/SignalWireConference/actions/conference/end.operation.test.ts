import { runNode } from '../../../../harness/engine';
import { useSignalWireServer } from '../../../../harness/fixtures';

const space = useSignalWireServer();

function endParameters(conferenceId: Record<string, unknown>) {
	return {
		resource: 'conference',
		operation: 'end',
		conferenceId: { __rl: true, ...conferenceId },
	};
}

describe('Conference → End', () => {
	it('ends a conference by ID with one Status=completed update', async () => {
		const conference = space.server.store.addConference({ friendlyName: 'Support bridge' });

		const { items, error } = await runNode({
			parameters: endParameters({ mode: 'id', value: conference.sid }),
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		expect(space.server.requests.map((request) => [request.method, request.body])).toEqual([
			['POST', 'Status=completed'],
		]);
		expect(items).toEqual([
			{ json: space.server.store.conferenceJson(conference), pairedItem: { item: 0 } },
		]);
		expect(conference.status).toBe('completed');
	});

	it('ends the one running conference By Name', async () => {
		space.server.store.addConference({ friendlyName: 'Town hall', status: 'completed' });
		const running = space.server.store.addConference({ friendlyName: 'Town hall' });

		await runNode({
			parameters: endParameters({ mode: 'name', value: 'Town hall' }),
			credentials: space.credentials,
		});

		expect(space.server.requests.map((request) => `${request.method} ${request.rawQuery}`)).toEqual(
			['GET FriendlyName=Town+hall&Status=in-progress&PageSize=2', 'POST '],
		);
		expect(running.status).toBe('completed');
	});

	it('says so when the conference has already ended', async () => {
		const over = space.server.store.addConference({ friendlyName: 'Over', status: 'completed' });

		const { error } = await runNode({
			parameters: endParameters({ mode: 'id', value: over.sid }),
			credentials: space.credentials,
		});

		expect(error?.message).toBe(
			'Conference is already completed and cannot be updated (SignalWire error 10000, HTTP 422)',
		);
	});

	it('is found by searching the operations for "end"', async () => {
		const { SignalWireConference } = await import(
			'../../../../../nodes/SignalWireConference/SignalWireConference.node'
		);
		const operations = new SignalWireConference().description.properties.find(
			(property) =>
				property.name === 'operation' &&
				property.displayOptions?.show?.resource?.includes('conference'),
		);
		expect(operations?.options).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ value: 'end', action: 'End a conference' }),
				expect.objectContaining({ value: 'announce', action: 'Announce into a conference' }),
				expect.objectContaining({
					value: 'update',
					action: expect.stringMatching(/^Update a conference/),
				}),
			]),
		);
	});
});
