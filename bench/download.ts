/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- the rig, not shipped: n8n's rules for node code do not apply */
/**
 * `npm run bench:download`: Conference Recording → Download of a 50 MB recording, side by side
 * with a plain streaming fetch to a file, time and peak memory. Prints a Markdown table and writes
 * bench/results/download.json.
 *
 *   node (filesystem)  the node through n8n's WorkflowExecute, n8n's binary store in filesystem
 *                      mode (n8n 2.x's default in regular mode): the audio streams to a file
 *   node (in-memory)   the same in n8n's in-memory mode (N8N_DEFAULT_BINARY_DATA_MODE=default),
 *                      where n8n itself buffers the file and keeps it as base64 in the item
 *   plain fetch        fetch() piped into a file with Node's streams: the floor
 *
 * The server (the project's SignalWire-compatible one) runs in this process and streams the WAV in
 * 64 KB chunks; every measured run is a fresh child process started with --expose-gc.
 * Knobs: BENCH_DOWNLOAD_MB=50  BENCH_REPS=3
 */
import { fork } from 'node:child_process';
import {
	createWriteStream,
	mkdirSync,
	mkdtempSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

import { recordingAudio } from '../test/server/media';
import { SignalWireServer } from '../test/server/SignalWireServer';

const ROOT = resolve(__dirname, '..', '..');
const RESULTS = join(ROOT, 'bench', 'results', 'download.json');
const MB = 1024 * 1024;
const SIZE_MB = Number(process.env.BENCH_DOWNLOAD_MB ?? 50);
const REPS = Number(process.env.BENCH_REPS ?? 3);
const PROJECT_ID = '5e1f0c2a-9d7b-4c3e-8a61-7f2b4d9e0c11';
const API_TOKEN = 'PTbench000000000000000000000000000000';

type CaseName = 'node-filesystem' | 'node-memory' | 'fetch';

interface Job {
	case: CaseName;
	spaceUrl: string;
	conferenceSid: string;
	recordingSid: string;
}

interface Figures {
	wallMs: number;
	bytes: number;
	/** Highest RSS / heapUsed / Buffer memory seen during the run, above what was in use before. */
	peakRssMb: number;
	peakHeapMb: number;
	peakBuffersMb: number;
}

/** A WAV of `bytes` bytes in 64 KB chunks, never held whole by the server. */
function largeWav(bytes: number) {
	const header = Buffer.from(recordingAudio().wav.subarray(0, 44));
	const chunk = Buffer.alloc(64 * 1024);
	return {
		status: 200,
		headers: { 'Content-Type': 'audio/x-wav', 'Content-Length': String(bytes) },
		stream: async function* () {
			yield header;
			for (let sent = header.length; sent < bytes; ) {
				const part = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
				sent += part.length;
				yield part;
			}
		},
	};
}

// ---- child: one measured run ----

function gc(): void {
	(globalThis as { gc?: () => void }).gc?.();
}

async function measure(run: () => Promise<number>): Promise<Figures> {
	gc();
	const before = process.memoryUsage();
	const peak = { rss: 0, heap: 0, buffers: 0 };
	const sample = () => {
		const now = process.memoryUsage();
		peak.rss = Math.max(peak.rss, now.rss - before.rss);
		peak.heap = Math.max(peak.heap, now.heapUsed - before.heapUsed);
		peak.buffers = Math.max(peak.buffers, now.arrayBuffers - before.arrayBuffers);
	};
	const timer = setInterval(sample, 10);
	const started = process.hrtime.bigint();
	try {
		const bytes = await run();
		const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
		sample();
		return {
			wallMs,
			bytes,
			peakRssMb: peak.rss / MB,
			peakHeapMb: peak.heap / MB,
			peakBuffersMb: peak.buffers / MB,
		};
	} finally {
		clearInterval(timer);
	}
}

async function plainFetch(job: Job, folder: string): Promise<number> {
	const url = `${job.spaceUrl}/api/laml/2010-04-01/Accounts/${PROJECT_ID}/Recordings/${job.recordingSid}.wav`;
	const response = await fetch(url, {
		headers: {
			Authorization: `Basic ${Buffer.from(`${PROJECT_ID}:${API_TOKEN}`).toString('base64')}`,
		},
	});
	const file = join(folder, 'plain.wav');
	await pipeline(
		Readable.fromWeb(response.body as unknown as WebReadableStream),
		createWriteStream(file),
	);
	return statSync(file).size;
}

async function viaNode(job: Job, filesystem: boolean): Promise<() => Promise<number>> {
	// Loaded here so that the fetch runs do not pay for n8n's modules.
	const { runNode } = await import('../test/harness/engine');
	const { enableFilesystemMode } = await import('../test/harness/binaryStore');
	const binaryFolder = filesystem ? await enableFilesystemMode() : undefined;
	const run = async () => {
		const result = await runNode({
			parameters: {
				resource: 'conferenceRecording',
				operation: 'download',
				conferenceId: { __rl: true, mode: 'id', value: job.conferenceSid },
				recordingId: { __rl: true, mode: 'id', value: job.recordingSid },
				format: 'wav',
				downloadOptions: { maxSizeMb: 1000 },
			},
			credentials: { spaceUrl: job.spaceUrl, projectId: PROJECT_ID, apiToken: API_TOKEN },
		});
		if (result.error) throw result.error;
		return Number(result.items[0].binary!.data.bytes);
	};
	if (binaryFolder !== undefined)
		process.on('exit', () => rmSync(binaryFolder, { recursive: true, force: true }));
	// A small download first, so that the measured one does not include loading n8n's code.
	await run();
	return run;
}

async function child(job: Job): Promise<void> {
	const folder = mkdtempSync(join(tmpdir(), 'sw-bench-download-'));
	try {
		const run =
			job.case === 'fetch'
				? () => plainFetch(job, folder)
				: await viaNode(job, job.case === 'node-filesystem');
		if (job.case === 'fetch') await run();
		process.send!(await measure(run));
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

// ---- parent: the server, the runs, the table ----

function runChild(job: Job): Promise<Figures> {
	return new Promise((resolvePromise, reject) => {
		const worker = fork(__filename, ['--child', JSON.stringify(job)], {
			execArgv: ['--expose-gc'],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		let figures: Figures | undefined;
		worker.on('message', (message) => (figures = message as Figures));
		worker.on('exit', (code) =>
			figures ? resolvePromise(figures) : reject(new Error(`${job.case} run exited with ${code}`)),
		);
	});
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

const LABELS: Record<CaseName, string> = {
	'node-filesystem': 'node, filesystem binary mode',
	'node-memory': 'node, in-memory binary mode',
	fetch: 'plain streaming fetch → file',
};

async function parent(): Promise<void> {
	const server = new SignalWireServer({ projectId: PROJECT_ID, apiToken: API_TOKEN });
	const spaceUrl = await server.start();
	const conference = server.store.addConference({ friendlyName: 'Bench' });
	const recording = server.store.addRecording(conference, { status: 'completed' });
	let firstCall = true;
	server.intercept((request) => {
		if (!request.path.endsWith('.wav')) return undefined;
		// Each child's warm-up download is small; the measured one is the full size.
		const small = firstCall;
		firstCall = !firstCall;
		return largeWav(small ? MB : SIZE_MB * MB);
	});
	const rows: Array<{ case: CaseName; runs: Figures[] }> = [];
	try {
		for (const name of ['fetch', 'node-filesystem', 'node-memory'] as CaseName[]) {
			const runs: Figures[] = [];
			for (let rep = 0; rep < REPS; rep++) {
				firstCall = true;
				runs.push(
					await runChild({
						case: name,
						spaceUrl,
						conferenceSid: conference.sid,
						recordingSid: recording.sid,
					}),
				);
				if (runs[runs.length - 1].bytes !== SIZE_MB * MB) {
					throw new Error(`${name} stored ${runs[runs.length - 1].bytes} bytes`);
				}
			}
			rows.push({ case: name, runs });
		}
	} finally {
		await server.stop();
	}
	const lines = [
		`Download of a ${SIZE_MB} MB recording (WAV, 64 KB chunks, loopback), median of ${REPS} fresh processes`,
		'',
		'| | time | peak RSS | peak heap | peak Buffers |',
		'|---|---:|---:|---:|---:|',
		...rows.map(({ case: name, runs }) => {
			const m = (pick: (figures: Figures) => number) => median(runs.map(pick));
			return `| ${LABELS[name]} | ${Math.round(m((f) => f.wallMs))} ms | +${m((f) => f.peakRssMb).toFixed(1)} MB | +${m((f) => f.peakHeapMb).toFixed(1)} MB | +${m((f) => f.peakBuffersMb).toFixed(1)} MB |`;
		}),
	];
	process.stdout.write(`${lines.join('\n')}\n`);
	mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
	writeFileSync(
		RESULTS,
		`${JSON.stringify({ sizeMb: SIZE_MB, reps: REPS, node: process.version, rows }, null, 2)}\n`,
	);
}

const childIndex = process.argv.indexOf('--child');
if (childIndex === -1) {
	parent().catch((error: Error) => {
		process.stderr.write(`${error.stack ?? error.message}\n`);
		process.exitCode = 1;
	});
} else {
	child(JSON.parse(process.argv[childIndex + 1]) as Job).catch((error: Error) => {
		process.stderr.write(`${error.stack ?? error.message}\n`);
		process.exit(1);
	});
}
