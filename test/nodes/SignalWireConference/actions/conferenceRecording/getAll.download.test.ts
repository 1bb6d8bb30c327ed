import { runNode } from '../../../../harness/engine';
import { ACCOUNT_PATH, useSignalWireServer } from '../../../../harness/fixtures';
import { recordingAudio } from '../../../../server/media';

const space = useSignalWireServer();

function seed() {
	const store = space.server.store;
	const conference = store.addConference({ friendlyName: 'Weekly review' });
	const at = (minutes: number) => new Date(Date.UTC(2026, 10, 27, 9, minutes));
	// Newest first, as the list answers: running, then two finished ones.
	const finishedEarly = store.addRecording(conference, { status: 'completed', createdAt: at(0) });
	const stopped = store.addRecording(conference, { status: 'stopped', createdAt: at(10) });
	const running = store.addRecording(conference, { status: 'in-progress', createdAt: at(20) });
	return { conference, recordings: [running, stopped, finishedEarly] };
}

function parameters(conferenceSid: string, extra: object = {}) {
	return {
		resource: 'conferenceRecording',
		operation: 'getAll',
		conferenceId: { __rl: true, mode: 'id', value: conferenceSid },
		returnAll: true,
		download: true,
		...extra,
	};
}

describe('Conference Recording → Get Many with Download', () => {
	it('attaches every finished recording as a file, and says why the running one has none', async () => {
		const { conference, recordings } = seed();
		const [running, stopped, finishedEarly] = recordings;

		const { items, error } = await runNode({
			parameters: parameters(conference.sid),
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		expect(space.server.requests.map((request) => [request.path, request.rawQuery])).toEqual([
			[`${ACCOUNT_PATH}/Conferences/${conference.sid}/Recordings`, 'PageSize=1000'],
			[`${ACCOUNT_PATH}/Conferences/${conference.sid}`, ''],
			[`${ACCOUNT_PATH}/Recordings/${stopped.sid}.mp3`, ''],
			[`${ACCOUNT_PATH}/Recordings/${finishedEarly.sid}.mp3`, ''],
		]);
		expect(
			items.map((item) => [item.json.sid, item.binary?.data.fileName, item.pairedItem]),
		).toEqual([
			[running.sid, undefined, { item: 0 }],
			[stopped.sid, `Weekly-review-2026-11-27-${stopped.sid}.mp3`, { item: 0 }],
			[finishedEarly.sid, `Weekly-review-2026-11-27-${finishedEarly.sid}.mp3`, { item: 0 }],
		]);
		expect(items[0].json.downloadSkipped).toBe(
			`Recording "${running.sid}" is in-progress, not completed yet: its audio can be downloaded once SignalWire has finished it`,
		);
		expect(Buffer.from(items[1].binary!.data.data, 'base64').equals(recordingAudio().mp3)).toBe(
			true,
		);
	});

	it('downloads up to Requests in Parallel at a time, keeping the list order', async () => {
		const { conference } = seed();
		const more = Array.from({ length: 5 }, (_, index) =>
			space.server.store.addRecording(conference, {
				status: 'completed',
				createdAt: new Date(Date.UTC(2026, 10, 26, 9, index)),
			}),
		);
		// Each answer takes a while, so that downloads overlap as much as they are allowed to.
		space.server.options.latencyMs = 30;

		try {
			const { items, error } = await runNode({
				parameters: parameters(conference.sid, {
					format: 'wav',
					binaryPropertyName: 'audio',
					requestOptions: { parallelRequests: 3 },
				}),
				credentials: space.credentials,
			});

			expect(error).toBeUndefined();
			expect(space.server.maxInFlight).toBe(3);
			expect(items.slice(3).map((item) => item.json.sid)).toEqual(more.reverse().map((r) => r.sid));
			expect(items.filter((item) => item.binary?.audio.fileExtension === 'wav')).toHaveLength(7);
		} finally {
			space.server.options.latencyMs = undefined;
		}
	});

	it('checks the download fields before listing anything', async () => {
		const { conference } = seed();

		const { error } = await runNode({
			parameters: parameters(conference.sid, { downloadOptions: { maxSizeMb: -5 } }),
			credentials: space.credentials,
		});

		expect(error?.message).toBe('Max Size (MB) -5 is not a positive number');
		expect(space.server.requests).toEqual([]);
	});

	describe('a recording whose audio is gone', () => {
		/** Three finished recordings; the middle one's audio answers 404. */
		function seedWithOneGone() {
			const store = space.server.store;
			const conference = store.addConference({ friendlyName: 'Weekly review' });
			const at = (minutes: number) => new Date(Date.UTC(2026, 10, 27, 9, minutes));
			const oldest = store.addRecording(conference, { status: 'completed', createdAt: at(0) });
			const gone = store.addRecording(conference, { status: 'completed', createdAt: at(10) });
			const newest = store.addRecording(conference, { status: 'completed', createdAt: at(20) });
			space.server.intercept((request) =>
				request.path === `${ACCOUNT_PATH}/Recordings/${gone.sid}.mp3`
					? {
							status: 404,
							body: { code: 20404, message: 'The requested resource was not found', status: 404 },
						}
					: undefined,
			);
			return { conference, recordings: [newest, gone, oldest] };
		}

		it.each([
			['Continue (regular output)', 'continueRegularOutput' as const],
			['Continue (using error output)', 'continueErrorOutput' as const],
		])(
			'under %s keeps its metadata with the reason, and the others are still downloaded',
			async (_name, onError) => {
				const { conference, recordings } = seedWithOneGone();
				const [newest, gone, oldest] = recordings;

				const { outputs, error } = await runNode({
					parameters: parameters(conference.sid),
					credentials: space.credentials,
					onError,
				});

				expect(error).toBeUndefined();
				expect(
					space.server.requests.filter((request) => request.path.endsWith('.mp3')).length,
				).toBe(3);
				const all = outputs.flat();
				const sidOf = (item: (typeof all)[number]) =>
					item.json.sid ?? (item.json.details as { recording: { sid: string } }).recording.sid;
				const failed = all.find((item) => item.json.error !== undefined)!;
				expect(failed.binary).toBeUndefined();
				expect(failed.pairedItem).toEqual({ item: 0 });
				expect(Object.keys(failed.json)).toEqual(['error', 'details']);
				expect(failed.json.details).toMatchObject({
					httpCode: '404',
					recording: { sid: gone.sid, conference_sid: conference.sid, status: 'completed' },
				});
				expect(String(failed.json.error)).toMatch(
					new RegExp(`^Recording "${gone.sid}" could not be downloaded: `),
				);
				const downloaded = all.filter((item) => item.binary !== undefined);
				expect(downloaded.map(sidOf)).toEqual([newest.sid, oldest.sid]);
				if (onError === 'continueErrorOutput') {
					expect(outputs[0].map(sidOf)).toEqual([newest.sid, oldest.sid]);
					expect(outputs[1].map(sidOf)).toEqual([gone.sid]);
				} else {
					expect(outputs[0].map(sidOf)).toEqual([newest.sid, gone.sid, oldest.sid]);
				}
			},
		);

		it('without On Error → Continue stops the run with a message naming the recording', async () => {
			const { conference, recordings } = seedWithOneGone();
			const [, gone] = recordings;

			const { error } = await runNode({
				parameters: parameters(conference.sid, { requestOptions: { parallelism: 1 } }),
				credentials: space.credentials,
			});

			expect(error?.message).toMatch(
				new RegExp(`^Recording "${gone.sid}" could not be downloaded: `),
			);
		});
	});

	it('without Download lists only metadata, as before', async () => {
		const { conference } = seed();

		const { items } = await runNode({
			parameters: parameters(conference.sid, { download: false }),
			credentials: space.credentials,
		});

		expect(items.every((item) => item.binary === undefined)).toBe(true);
		expect(space.server.requests).toHaveLength(1);
	});
});
