import type { IBinaryData } from 'n8n-workflow';

import { runNode, NODE_NAME } from '../../../../harness/engine';
import { ACCOUNT_PATH, AUTHORIZATION, useSignalWireServer } from '../../../../harness/fixtures';
import { recordingAudio } from '../../../../server/media';

const space = useSignalWireServer();

const STARTED = new Date('2026-11-27T08:15:30Z');

function seed(status: 'completed' | 'stopped' | 'in-progress' | 'paused' | 'absent' = 'completed') {
	const store = space.server.store;
	const conference = store.addConference({ friendlyName: 'Support bridge' });
	const recording = store.addRecording(conference, {
		status,
		createdAt: STARTED,
		updatedAt: new Date(STARTED.getTime() + 120_000),
		durationSeconds: 120,
	});
	return { conference, recording };
}

function parameters(conferenceSid: string, recordingSid: string, extra: object = {}) {
	return {
		resource: 'conferenceRecording',
		operation: 'download',
		conferenceId: { __rl: true, mode: 'id', value: conferenceSid },
		recordingId: { __rl: true, mode: 'id', value: recordingSid },
		...extra,
	};
}

function bytesOf(binary: IBinaryData): Buffer {
	return Buffer.from(binary.data, 'base64');
}

describe('Conference Recording → Download', () => {
	it('downloads the MP3 by default into "data", named after the conference, date and recording, with the metadata as json', async () => {
		const { conference, recording } = seed();

		const { items, error } = await runNode({
			parameters: parameters(conference.sid, recording.sid),
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		expect(
			space.server.requests.map((request) => [
				request.method,
				request.path,
				request.rawQuery,
				request.authorization,
				request.headers.accept,
			]),
		).toEqual([
			[
				'GET',
				`${ACCOUNT_PATH}/Conferences/${conference.sid}/Recordings/${recording.sid}`,
				'',
				AUTHORIZATION,
				'application/json',
			],
			[
				'GET',
				`${ACCOUNT_PATH}/Conferences/${conference.sid}`,
				'',
				AUTHORIZATION,
				'application/json',
			],
			[
				'GET',
				`${ACCOUNT_PATH}/Recordings/${recording.sid}.mp3`,
				'',
				AUTHORIZATION,
				'audio/mpeg, application/octet-stream;q=0.5',
			],
		]);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			sid: recording.sid,
			conference_sid: conference.sid,
			status: 'completed',
			duration: 120,
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
		const binary = items[0].binary!.data;
		expect(binary).toMatchObject({
			mimeType: 'audio/mpeg',
			fileType: 'audio',
			fileExtension: 'mp3',
			fileName: `Support-bridge-2026-11-27-${recording.sid}.mp3`,
			bytes: recordingAudio().mp3.length,
		});
		expect(bytesOf(binary).equals(recordingAudio().mp3)).toBe(true);
	});

	it('downloads WAV into another field under the name typed, without reading the conference', async () => {
		const { conference, recording } = seed('stopped');

		const { items, error } = await runNode({
			parameters: parameters(conference.sid, recording.sid, {
				format: 'wav',
				binaryPropertyName: 'audio',
				downloadOptions: { fileName: 'folder/standup' },
			}),
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		expect(space.server.requests.map((request) => request.path)).toEqual([
			`${ACCOUNT_PATH}/Conferences/${conference.sid}/Recordings/${recording.sid}`,
			`${ACCOUNT_PATH}/Recordings/${recording.sid}.wav`,
		]);
		expect(Object.keys(items[0].binary!)).toEqual(['audio']);
		expect(items[0].binary!.audio).toMatchObject({
			mimeType: 'audio/wav',
			fileExtension: 'wav',
			fileName: 'standup.wav',
			bytes: recordingAudio().wav.length,
		});
		expect(bytesOf(items[0].binary!.audio).equals(recordingAudio().wav)).toBe(true);
	});

	it.each([
		['NUL and line breaks', 'stand\u0000up\r\n.mp3', 'standup.mp3'],
		['an escape sequence and DEL', '\u001b[31mstandup\u007f', '[31mstandup.mp3'],
		['a right-to-left override hiding the extension', 'standup\u202Eplm.mp3', 'standupplm.mp3'],
		['zero-width marks and a line separator', '\u200Bstand\u2028up\uFEFF', 'standup.mp3'],
	])('removes %s from a typed File Name', async (_name, typed, expected) => {
		const { conference, recording } = seed('stopped');

		const { items, error } = await runNode({
			parameters: parameters(conference.sid, recording.sid, {
				downloadOptions: { fileName: typed },
			}),
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		expect(items[0].binary!.data.fileName).toBe(expected);
	});

	it('refuses a typed File Name of control characters only, before sending anything', async () => {
		const { conference, recording } = seed('stopped');

		const { error } = await runNode({
			parameters: parameters(conference.sid, recording.sid, {
				downloadOptions: { fileName: '\u0000\u0007' },
			}),
			credentials: space.credentials,
		});

		expect(error?.message).toContain('has no name part');
		expect(space.server.requests).toEqual([]);
	});

	it('refuses a recording ID that is not a UUID before sending anything', async () => {
		const { conference } = seed();

		const { error } = await runNode({
			parameters: parameters(conference.sid, '={{ "RE0123456789abcdef.mp3" }}'),
			credentials: space.credentials,
		});

		expect(error?.message).toBe(
			'Recording ID "RE0123456789abcdef.mp3" is not a valid ID: SignalWire IDs are UUIDs',
		);
		expect(space.server.requests).toEqual([]);
	});

	it('refuses an empty output field and a Max Size that is not positive before sending anything', async () => {
		const { conference, recording } = seed();

		const emptyField = await runNode({
			parameters: parameters(conference.sid, recording.sid, { binaryPropertyName: ' ' }),
			credentials: space.credentials,
		});
		const zeroSize = await runNode({
			parameters: parameters(conference.sid, recording.sid, { downloadOptions: { maxSizeMb: 0 } }),
			credentials: space.credentials,
		});

		expect(emptyField.error?.message).toBe('Put Output File in Field is empty');
		expect(zeroSize.error?.message).toBe('Max Size (MB) 0 is not a positive number');
		expect(space.server.requests).toEqual([]);
	});

	it.each([
		[
			'in-progress',
			'Recording "{sid}" is in-progress, not completed yet: its audio can be downloaded once SignalWire has finished it',
		],
		[
			'paused',
			'Recording "{sid}" is paused, not completed yet: its audio can be downloaded once SignalWire has finished it',
		],
		[
			'absent',
			'Recording "{sid}" is absent: SignalWire kept no audio (the recording was too short or silent)',
		],
	] as const)(
		'says so when the recording is %s, without requesting its audio',
		async (status, message) => {
			const { conference, recording } = seed(status);

			const { error } = await runNode({
				parameters: parameters(conference.sid, recording.sid),
				credentials: space.credentials,
			});

			expect(error?.message).toBe(message.replace('{sid}', recording.sid));
			expect(error?.description).toBe(
				'Stop the recording (Conference Recording → Update → Stop) or let the conference end, then download it. The SignalWire Conference Trigger\'s "Recording Completed" event says when it is ready.',
			);
			expect(space.server.requests.some((request) => request.path.includes('/Recordings/'))).toBe(
				true,
			);
			expect(space.server.requests.some((request) => request.path.endsWith('.mp3'))).toBe(false);
		},
	);

	it('explains a recording that does not belong to the conference (404)', async () => {
		const { conference } = seed();
		const stranger = '0d0e0f10-1112-4314-9516-171819202122';

		const { error } = await runNode({
			parameters: parameters(conference.sid, stranger),
			credentials: space.credentials,
		});

		expect(error?.message).toBe(
			'The requested resource ' +
				`${ACCOUNT_PATH}/Conferences/${conference.sid}/Recordings/${stranger}` +
				' was not found (SignalWire error 20404, HTTP 404)',
		);
		expect(error?.description).toBe(
			`No recording with ID "${stranger}" belongs to conference "${conference.sid}": check both IDs.`,
		);
	});

	describe('answers that are not the audio', () => {
		function answerMediaWith(reply: {
			status: number;
			body?: unknown;
			headers?: Record<string, string>;
		}) {
			space.server.intercept((request) =>
				request.path.endsWith('.mp3') || request.path.endsWith('.wav') ? reply : undefined,
			);
		}

		it.each([
			[
				'an HTML page',
				{
					status: 200,
					body: '<html><body>Sign in</body></html>',
					headers: { 'Content-Type': 'text/html; charset=utf-8' },
				},
				'SignalWire answered the recording download with text/html instead of MP3 audio',
			],
			[
				'JSON',
				{ status: 200, body: { message: 'queued' } },
				'SignalWire answered the recording download with application/json instead of MP3 audio',
			],
			[
				'JSON labelled as audio',
				{ status: 200, body: '{"message":"queued"}', headers: { 'Content-Type': 'audio/mpeg' } },
				'SignalWire answered the recording download with JSON, not MP3 audio',
			],
			[
				'an HTML page sent as bytes',
				{
					status: 200,
					body: '<!doctype html><p>error</p>',
					headers: { 'Content-Type': 'application/octet-stream' },
				},
				'SignalWire answered the recording download with an HTML or XML page, not MP3 audio',
			],
		])('refuses %s', async (_name, reply, message) => {
			const { conference, recording } = seed();
			answerMediaWith(reply);

			const { error } = await runNode({
				parameters: parameters(conference.sid, recording.sid),
				credentials: space.credentials,
			});

			expect(error?.message).toBe(message);
			expect(error?.description).toMatch(/Space URL/);
		});

		it('refuses an answer larger than Max Size from its Content-Length, before reading it', async () => {
			const { conference, recording } = seed();
			answerMediaWith({
				status: 200,
				body: recordingAudio().mp3,
				headers: { 'Content-Type': 'audio/mpeg' },
			});

			const { error } = await runNode({
				parameters: parameters(conference.sid, recording.sid, {
					downloadOptions: { maxSizeMb: 0.002 },
				}),
				credentials: space.credentials,
			});

			expect(error?.message).toBe('The recording is larger than the maximum of 3 KB (5 KB)');
		});

		it('says that the audio is missing on a 404 from the media endpoint', async () => {
			const { conference, recording } = seed();
			answerMediaWith({
				status: 404,
				body: { code: 20404, message: 'Not Found', status: 404 },
			});

			const { error } = await runNode({
				parameters: parameters(conference.sid, recording.sid),
				credentials: space.credentials,
			});

			expect(error?.message).toBe('Not Found (SignalWire error 20404, HTTP 404)');
			expect(error?.description).toBe(
				`SignalWire has no audio for recording "${recording.sid}": check the ID. A recording that has just completed may still be processing; try again in a minute.`,
			);
		});

		it('does not follow a redirect with the credentials', async () => {
			const { conference, recording } = seed();
			answerMediaWith({ status: 302, headers: { Location: 'https://storage.example.com/a.mp3' } });

			const { error } = await runNode({
				parameters: parameters(conference.sid, recording.sid),
				credentials: space.credentials,
			});

			expect(error?.message).toBe(
				'SignalWire answered the recording download with a redirect (HTTP 302), which is not followed',
			);
			expect(space.server.requests.map((request) => request.path)).not.toContain('/a.mp3');
		});

		it('tries again after a 503, then stores the audio', async () => {
			const { conference, recording } = seed();
			let refused = 0;
			space.server.intercept((request) =>
				request.path.endsWith('.mp3') && refused++ === 0
					? { status: 503, body: '', headers: { 'Retry-After': '0' } }
					: undefined,
			);

			const { items, error } = await runNode({
				parameters: parameters(conference.sid, recording.sid),
				credentials: space.credentials,
			});

			expect(error).toBeUndefined();
			expect(space.server.requests.filter((request) => request.path.endsWith('.mp3'))).toHaveLength(
				2,
			);
			expect(bytesOf(items[0].binary!.data).equals(recordingAudio().mp3)).toBe(true);
		});
	});

	describe('continue on fail', () => {
		function twoItems() {
			const { conference, recording } = seed();
			return {
				conference,
				recording,
				items: [{ recordingSid: recording.sid }, { recordingSid: 'not-a-uuid' }],
			};
		}

		const byExpression = (conferenceSid: string) =>
			parameters(conferenceSid, '={{ $json.recordingSid }}');

		it('"Continue" puts an error item in the one output, paired with its input, next to the file', async () => {
			const { conference, recording, items } = twoItems();

			const run = await runNode({
				parameters: byExpression(conference.sid),
				items,
				credentials: space.credentials,
				onError: 'continueRegularOutput',
			});

			expect(run.error).toBeUndefined();
			expect(run.items.map((item) => [item.json.sid ?? item.json.error, item.pairedItem])).toEqual([
				[recording.sid, { item: 0 }],
				['Recording ID "not-a-uuid" is not a valid ID: SignalWire IDs are UUIDs', { item: 1 }],
			]);
			expect(run.items[0].binary?.data.fileExtension).toBe('mp3');
			expect(run.items[1].binary).toBeUndefined();
		});

		it('"Continue (using error output)" routes the error item to the error output', async () => {
			const { conference, recording, items } = twoItems();

			const run = await runNode({
				parameters: byExpression(conference.sid),
				items,
				credentials: space.credentials,
				onError: 'continueErrorOutput',
			});

			const outputs = run.run!.data.resultData.runData[NODE_NAME][0].data!.main;
			expect(run.error).toBeUndefined();
			expect(outputs[0]!.map((item) => [item.json.sid, item.binary?.data.fileName])).toEqual([
				[recording.sid, `Support-bridge-2026-11-27-${recording.sid}.mp3`],
			]);
			expect(outputs[1]!.map((item) => [item.json, item.pairedItem])).toEqual([
				[
					{
						error: 'Recording ID "not-a-uuid" is not a valid ID: SignalWire IDs are UUIDs',
						details: {
							description:
								'Use an ID like b3877c40-da60-4998-90ad-b792e98472cf, or choose the recording from the list.',
						},
					},
					{ item: 1 },
				],
			]);
		});
	});
});
