/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- the rig, not shipped: n8n's rules for node code do not apply */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';

import {
	disableFilesystemMode,
	enableFilesystemMode,
	filesBelow,
} from '../../../harness/binaryStore';
import { runNode } from '../../../harness/engine';
import { useSignalWireServer } from '../../../harness/fixtures';
import { recordingAudio } from '../../../server/media';

const space = useSignalWireServer();
let binaryFolder = '';
beforeAll(async () => {
	binaryFolder = await enableFilesystemMode();
});
afterAll(() => disableFilesystemMode(binaryFolder));
const store = { files: () => filesBelow(binaryFolder) };

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const MB = 1024 * 1024;

function seed() {
	const conference = space.server.store.addConference({ friendlyName: 'All hands' });
	const recording = space.server.store.addRecording(conference, {
		status: 'completed',
		createdAt: new Date('2026-11-27T10:00:00Z'),
	});
	return { conference, recording };
}

function parameters(conferenceSid: string, recordingSid: string, extra: object = {}) {
	return {
		resource: 'conferenceRecording',
		operation: 'download',
		conferenceId: { __rl: true, mode: 'id', value: conferenceSid },
		recordingId: { __rl: true, mode: 'id', value: recordingSid },
		format: 'wav',
		...extra,
	};
}

/** A WAV of `bytes` bytes, sent in 64 KB chunks and never held whole by the server either. */
function largeWav(
	bytes: number,
	options: { contentLength?: boolean; onSent?: (sent: number) => void } = {},
) {
	const header = Buffer.from(recordingAudio().wav.subarray(0, 44));
	const chunk = Buffer.alloc(64 * 1024);
	return {
		status: 200,
		headers: {
			'Content-Type': 'audio/x-wav',
			...(options.contentLength === false ? {} : { 'Content-Length': String(bytes) }),
		},
		stream: async function* () {
			yield header;
			let sent = header.length;
			while (sent < bytes) {
				const part = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
				sent += part.length;
				yield part;
				options.onSent?.(sent);
			}
		},
	};
}

function answerMediaWith(reply: ReturnType<typeof largeWav> | object) {
	space.server.intercept((request) =>
		request.path.endsWith('.wav') || request.path.endsWith('.mp3') ? (reply as never) : undefined,
	);
}

/**
 * Memory while a 50 MB recording streams: the peaks seen (garbage included: Node frees socket
 * buffers only when the garbage collector runs), and what is still held after 30, 35, 40 and 45 MB
 * have been sent and the garbage is collected, the least of the four: chunks in flight come and go
 * with the machine's load, while whatever the download itself keeps is there at every mark (a
 * download that buffered the file would hold 30 MB or more at each).
 */
async function measureFiftyMb(run: (reply: ReturnType<typeof largeWav>) => Promise<unknown>) {
	collectGarbage();
	const before = process.memoryUsage();
	let peakHeap = 0;
	const marks = [30, 35, 40, 45].map((mb) => mb * MB);
	const held: NodeJS.MemoryUsage[] = [];
	const reply = largeWav(50 * MB, {
		onSent: (sent) => {
			if (marks.length > 0 && sent >= marks[0]) {
				marks.shift();
				collectGarbage();
				held.push(process.memoryUsage());
			}
		},
	});
	const timer = setInterval(() => {
		peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed - before.heapUsed);
	}, 2);
	try {
		const result = await run(reply);
		collectGarbage();
		const after = process.memoryUsage();
		return {
			result,
			/** JS heap and memory outside it (large strings, buffers) after the run, its output still held. */
			afterMb: (after.heapUsed + after.external - before.heapUsed - before.external) / MB,
			peakHeapMb: peakHeap / MB,
			heldHeapMb: Math.min(...held.map((usage) => usage.heapUsed - before.heapUsed)) / MB,
			heldBuffersMb:
				Math.min(...held.map((usage) => usage.arrayBuffers - before.arrayBuffers)) / MB,
		};
	} finally {
		clearInterval(timer);
	}
}

async function inMemoryMode<T>(action: () => Promise<T>): Promise<T> {
	const service = Container.get(BinaryDataService) as unknown as { managers: object };
	const managers = service.managers;
	service.managers = {};
	try {
		return await action();
	} finally {
		service.managers = managers;
	}
}

describe('recording download: streaming into the binary store', () => {
	it('stores the audio as a file in filesystem mode, byte for byte', async () => {
		const { conference, recording } = seed();

		const { items, error } = await runNode({
			parameters: parameters(conference.sid, recording.sid, { format: 'mp3' }),
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		const binary = items[0].binary!.data;
		expect(binary).toMatchObject({
			data: 'filesystem-v2',
			mimeType: 'audio/mpeg',
			fileExtension: 'mp3',
			fileName: `All-hands-2026-11-27-${recording.sid}.mp3`,
			bytes: recordingAudio().mp3.length,
		});
		const stored = await Container.get(BinaryDataService).getAsBuffer(binary);
		expect(stored.equals(recordingAudio().mp3)).toBe(true);
	});

	it('streams a 50 MB recording: the heap grows by a few MB at most', async () => {
		const { conference, recording } = seed();

		const measured = await measureFiftyMb(async (reply) => {
			answerMediaWith(reply);
			return await runNode({
				parameters: parameters(conference.sid, recording.sid),
				credentials: space.credentials,
			});
		});

		const run = measured.result as Awaited<ReturnType<typeof runNode>>;
		expect(run.error).toBeUndefined();
		expect(run.items[0].binary!.data.bytes).toBe(50 * MB);
		process.stdout.write(
			`filesystem mode, 50 MB: peak heap +${measured.peakHeapMb.toFixed(1)} MB; held (least of 30–45 MB): heap +${measured.heldHeapMb.toFixed(1)} MB, buffers +${measured.heldBuffersMb.toFixed(1)} MB\n`,
		);
		// The peak includes garbage not yet collected and, in a fresh worker, code being compiled.
		expect(measured.peakHeapMb).toBeLessThan(12);
		expect(measured.heldHeapMb + measured.heldBuffersMb).toBeLessThan(4);
	});

	it("n8n's in-memory mode holds the whole file (its design, not the download's)", async () => {
		const { conference, recording } = seed();

		const measured = await inMemoryMode(() =>
			measureFiftyMb(async (reply) => {
				answerMediaWith(reply);
				return await runNode({
					parameters: parameters(conference.sid, recording.sid),
					credentials: space.credentials,
				});
			}),
		);

		const run = measured.result as Awaited<ReturnType<typeof runNode>>;
		expect(run.error).toBeUndefined();
		expect(run.items[0].binary!.data.data).toHaveLength(Math.ceil((50 * MB) / 3) * 4);
		process.stdout.write(
			`in-memory mode, 50 MB: peak heap +${measured.peakHeapMb.toFixed(1)} MB; held (least of 30–45 MB): heap +${measured.heldHeapMb.toFixed(1)} MB, buffers +${measured.heldBuffersMb.toFixed(1)} MB; held after the run +${measured.afterMb.toFixed(1)} MB\n`,
		);
		// n8n buffers every chunk until the end, then keeps the file as a base64 string in the item:
		// at the earliest mark (30 MB sent) nearly all of it is held.
		expect(measured.heldBuffersMb).toBeGreaterThan(25);
		expect(measured.afterMb).toBeGreaterThan(60);
	});

	it('refuses a stream that runs past Max Size without a Content-Length, and writes nothing', async () => {
		const { conference, recording } = seed();
		answerMediaWith(largeWav(3 * MB, { contentLength: false }));
		const filesBefore = store.files();

		const { error } = await runNode({
			parameters: parameters(conference.sid, recording.sid, { downloadOptions: { maxSizeMb: 1 } }),
			credentials: space.credentials,
		});

		expect(error?.message).toBe('The recording is larger than the maximum of 1 MB (more)');
		expect(error?.description).toBe(
			'Nothing was stored. Raise Max Size (MB) if this recording is expected to be that long, or download it as MP3, which is a fraction of the WAV size.',
		);
		expect(store.files()).toEqual(filesBefore);
	});

	it('refuses an HTML page served as audio and writes nothing', async () => {
		const { conference, recording } = seed();
		answerMediaWith({
			status: 200,
			body: '<html><body>Maintenance</body></html>',
			headers: { 'Content-Type': 'audio/x-wav' },
		});
		const filesBefore = store.files();

		const { error } = await runNode({
			parameters: parameters(conference.sid, recording.sid),
			credentials: space.credentials,
		});

		expect(error?.message).toBe(
			'SignalWire answered the recording download with an HTML or XML page, not WAV audio',
		);
		expect(store.files()).toEqual(filesBefore);
	});

	it('gives up on a download that stalls for longer than Timeout, and writes nothing', async () => {
		const { conference, recording } = seed();
		const header = recordingAudio().wav.subarray(0, 44);
		answerMediaWith({
			status: 200,
			headers: { 'Content-Type': 'audio/x-wav', 'Content-Length': '100000' },
			stream: async function* () {
				yield header;
				await new Promise((resolve) => setTimeout(resolve, 1_500));
			},
		});
		const filesBefore = store.files();
		const started = Date.now();

		const { error } = await runNode({
			parameters: parameters(conference.sid, recording.sid, {
				requestOptions: { timeout: 400, maxRetries: 0 },
			}),
			credentials: space.credentials,
		});

		expect(error?.message).toBe('The recording download stalled: no data for 0.4 s');
		expect(Date.now() - started).toBeLessThan(1_400);
		// The server gives up on its answer too; what n8n's store had begun is removed then.
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		expect(store.files()).toEqual(filesBefore);
	});

	it('gives up on a download that trickles past Max Download Time, though no pause reaches Timeout', async () => {
		const { conference, recording } = seed();
		const header = recordingAudio().wav.subarray(0, 44);
		answerMediaWith({
			status: 200,
			headers: { 'Content-Type': 'audio/x-wav', 'Content-Length': '100000' },
			stream: async function* () {
				yield header;
				// One byte every 100 ms: never a pause of Timeout, never an end.
				for (let byte = 0; byte < 60; byte++) {
					await new Promise((resolve) => setTimeout(resolve, 100));
					yield Buffer.alloc(1);
				}
			},
		});
		const filesBefore = store.files();
		const started = Date.now();

		const { error } = await runNode({
			parameters: parameters(conference.sid, recording.sid, {
				requestOptions: { timeout: 500, maxRetries: 0 },
				downloadOptions: { maxDownloadSeconds: 1 },
			}),
			credentials: space.credentials,
		});

		expect(error?.message).toBe('The recording download took longer than Max Download Time (1 s)');
		expect(Date.now() - started).toBeLessThan(2_500);
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		expect(store.files()).toEqual(filesBefore);
	});

	it('refuses a Max Download Time that is not a positive number, before any request', async () => {
		const { conference, recording } = seed();

		const { error } = await runNode({
			parameters: parameters(conference.sid, recording.sid, {
				downloadOptions: { maxDownloadSeconds: 0 },
			}),
			credentials: space.credentials,
		});

		expect(error?.message).toBe('Max Download Time (Seconds) 0 is not a positive number');
		expect(space.server.requests).toEqual([]);
	});

	it('tries again when the connection drops halfway, and stores the whole file', async () => {
		const { conference, recording } = seed();
		let attempts = 0;
		space.server.intercept((request) => {
			if (!request.path.endsWith('.wav')) return undefined;
			attempts += 1;
			if (attempts > 1) return largeWav(2 * MB);
			const full = largeWav(2 * MB);
			return {
				...full,
				stream: async function* () {
					let sent = 0;
					for await (const part of full.stream()) {
						yield part;
						sent += part.length;
						if (sent > MB) throw new Error('connection dropped');
					}
				},
			};
		});

		const { items, error } = await runNode({
			parameters: parameters(conference.sid, recording.sid),
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		expect(attempts).toBe(2);
		expect(items[0].binary!.data.bytes).toBe(2 * MB);
	});
});
