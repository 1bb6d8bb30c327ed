import { runNode } from '../../../../harness/engine';
import { ACCOUNT_PATH, useSignalWireServer } from '../../../../harness/fixtures';

const space = useSignalWireServer();

function parameters(conference: string, recording: string, extra: Record<string, unknown>) {
	return {
		resource: 'conferenceRecording',
		operation: 'update',
		conferenceId: { __rl: true, mode: 'id', value: conference },
		recordingId: { __rl: true, mode: 'id', value: recording },
		...extra,
	};
}

describe('Conference Recording → Update', () => {
	it.each([
		[
			'pause, leaving the paused time out',
			{ status: 'paused', pauseBehavior: 'skip' },
			'Status=paused&PauseBehavior=skip',
			'paused',
		],
		[
			'pause with silence (the default)',
			{ status: 'paused' },
			'Status=paused&PauseBehavior=silence',
			'paused',
		],
		['stop', { status: 'stopped', pauseBehavior: 'skip' }, 'Status=stopped', 'stopped'],
	])('can %s', async (_name, extra, body, status) => {
		const store = space.server.store;
		const conference = store.addConference({ friendlyName: 'Board' });
		const recording = store.addRecording(conference);

		const { items, error } = await runNode({
			parameters: parameters(conference.sid, recording.sid, extra),
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		expect(space.server.requests).toEqual([
			expect.objectContaining({
				method: 'POST',
				path: `${ACCOUNT_PATH}/Conferences/${conference.sid}/Recordings/${recording.sid}`,
				body,
			}),
		]);
		expect(items[0].json.status).toBe(status);
	});

	it('resumes a paused recording', async () => {
		const store = space.server.store;
		const conference = store.addConference({ friendlyName: 'Board' });
		const recording = store.addRecording(conference, { status: 'paused' });

		const { items } = await runNode({
			parameters: parameters(conference.sid, recording.sid, { status: 'in-progress' }),
			credentials: space.credentials,
		});

		expect(space.server.requests[0].body).toBe('Status=in-progress');
		expect(items[0].json.status).toBe('in-progress');
	});

	it('makes the { errors: [...] } answer readable when a stopped recording cannot be resumed', async () => {
		const store = space.server.store;
		const conference = store.addConference({ friendlyName: 'Board' });
		const recording = store.addRecording(conference, { status: 'stopped' });

		const { error } = await runNode({
			parameters: parameters(conference.sid, recording.sid, { status: 'in-progress' }),
			credentials: space.credentials,
		});

		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Recording is stopped and cannot be changed (HTTP 422)');
		expect(error?.description).toBe(
			'SignalWire refused a value: Recording is stopped and cannot be changed. Correct that field and run again. Sent: Status="in-progress".',
		);
	});

	it('refuses an unknown status before sending anything', async () => {
		const store = space.server.store;
		const conference = store.addConference({ friendlyName: 'Board' });
		const recording = store.addRecording(conference);

		const { error } = await runNode({
			parameters: parameters(conference.sid, recording.sid, { status: '={{ "resumed" }}' }),
			credentials: space.credentials,
		});

		expect(error?.message).toBe('Status "resumed" is not one of: paused, in-progress, stopped');
		expect(space.server.requests).toEqual([]);
	});
});
