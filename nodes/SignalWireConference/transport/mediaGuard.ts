import type { IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';

import { idleWatch } from './idleWatch';

/** n8n's stream type, named through its own helper so that node code needs no `stream` import. */
export type Readable = Exclude<
	Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0],
	Buffer
>;

export type RecordingFormat = 'mp3' | 'wav';

export interface MediaLimits {
	format: RecordingFormat;
	maxBytes: number;
}

export const MEDIA: Record<RecordingFormat, { mimeType: string; accepted: string[] }> = {
	mp3: {
		mimeType: 'audio/mpeg',
		accepted: ['audio/mpeg', 'audio/mp3', 'audio/mpeg3', 'audio/x-mpeg-3', 'audio/x-mp3'],
	},
	wav: {
		mimeType: 'audio/wav',
		accepted: ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'],
	},
};

/** Some storage answers audio as plain bytes; the first bytes are checked instead. */
const NEUTRAL_TYPES = ['application/octet-stream', 'binary/octet-stream'];

/** The first bytes of each format: "ID3" or an MPEG frame sync; "RIFF....WAVE". */
const HEAD_BYTES: Record<RecordingFormat, number> = { mp3: 3, wav: 12 };

/** A failure the transport words itself; `retryable` ones are tried again. */
export class DownloadProblem extends Error {
	constructor(
		message: string,
		readonly description: string,
		readonly retryable: boolean,
	) {
		super(message);
	}
}

export function isReadable(body: unknown): body is Readable {
	return (
		body !== null &&
		typeof body === 'object' &&
		typeof (body as Readable).map === 'function' &&
		typeof (body as Readable).destroy === 'function'
	);
}

function size(bytes: number): string {
	if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
	const value = bytes / (1024 * 1024);
	return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} MB`;
}

/** `actual` is the announced size, or "more" when the stream ran past the maximum. */
function tooLarge(limits: MediaLimits, actual: string): DownloadProblem {
	return new DownloadProblem(
		`The recording is larger than the maximum of ${size(limits.maxBytes)} (${actual})`,
		'Nothing was stored. Raise Max Size (MB) if this recording is expected to be that long, or download it as MP3, which is a fraction of the WAV size.',
		false,
	);
}

function headerValue(headers: IN8nHttpFullResponse['headers'], name: string): string | undefined {
	const value = headers?.[name];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' ? first : undefined;
}

/** Why an answer that says it is not audio, or bigger than allowed, is refused before reading it. */
export function refuseByHeaders(
	response: IN8nHttpFullResponse,
	limits: MediaLimits,
): DownloadProblem | undefined {
	const contentType = (headerValue(response.headers, 'content-type') ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	const accepted = [...MEDIA[limits.format].accepted, ...NEUTRAL_TYPES];
	if (contentType !== '' && !accepted.includes(contentType)) {
		return new DownloadProblem(
			`SignalWire answered the recording download with ${contentType} instead of ${limits.format.toUpperCase()} audio`,
			contentType.includes('html') || contentType.includes('json')
				? 'The answer is a page or an API message, not the recording: check the Space URL in the credentials (it must be your SignalWire space), and that the recording exists and has completed.'
				: `Expected ${MEDIA[limits.format].mimeType}. Check the Space URL in the credentials: it must be your SignalWire space.`,
			false,
		);
	}
	const length = Number(headerValue(response.headers, 'content-length'));
	if (Number.isFinite(length) && length > limits.maxBytes) return tooLarge(limits, size(length));
	return undefined;
}

function looksLike(format: RecordingFormat, head: Buffer): boolean {
	if (format === 'mp3') {
		return (
			head.subarray(0, 3).toString('latin1') === 'ID3' ||
			(head[0] === 0xff && (head[1] & 0xe0) === 0xe0)
		);
	}
	return (
		head.subarray(0, 4).toString('latin1') === 'RIFF' &&
		head.subarray(8, 12).toString('latin1') === 'WAVE'
	);
}

export function notAudio(limits: MediaLimits, head: Buffer): DownloadProblem {
	const text = head.toString('latin1').trimStart();
	const seems = text.startsWith('<')
		? 'an HTML or XML page'
		: /^[{[]/.test(text)
			? 'JSON'
			: text === ''
				? 'an empty body'
				: 'something else';
	return new DownloadProblem(
		`SignalWire answered the recording download with ${seems}, not ${limits.format.toUpperCase()} audio`,
		'Nothing was stored. Check the Space URL in the credentials (it must be your SignalWire space), and that the recording has completed.',
		false,
	);
}

export interface GuardedBody {
	/** What n8n's binary store reads. */
	stream: Readable;
	/** Rejects when the answer pauses for longer than Timeout. */
	stalled: Promise<never>;
	/** Whether the first bytes were seen and are audio. */
	isAudio(): boolean;
	head(): Buffer;
	stop(): void;
}

/**
 * The body as it streams into n8n's binary store: counted (refused past the maximum), its first
 * bytes checked, its pauses timed. A refusal travels down the stream, so the store writes nothing.
 *
 * A stall cannot travel that way: n8n hands out the body wrapped in an async generator that only
 * notices its destruction once the server sends again. So a stall rejects `stalled` at once, and
 * any byte that still comes makes the stream fail.
 */
export function guardBody(body: Readable, limits: MediaLimits, timeoutMs: number): GuardedBody {
	let bytes = 0;
	let checked = false;
	let head = Buffer.alloc(0);
	let stallError: DownloadProblem | undefined;
	let rejectStalled: (error: Error) => void = () => undefined;
	const stalled = new Promise<never>((_resolve, reject) => (rejectStalled = reject));
	stalled.catch(() => undefined);
	const watch = idleWatch(timeoutMs, () => {
		stallError = new DownloadProblem(
			`The recording download stalled: no data for ${timeoutMs / 1000} s`,
			'SignalWire stopped sending the recording. Try again; for slow connections, raise Request Options → Timeout.',
			true,
		);
		rejectStalled(stallError);
		body.destroy(stallError);
	});
	const stream = body.map((chunk: unknown) => {
		if (stallError) throw stallError;
		const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
		watch.touch();
		bytes += buffer.length;
		if (bytes > limits.maxBytes) throw tooLarge(limits, 'more');
		if (!checked) {
			head = Buffer.concat([head, buffer]).subarray(0, HEAD_BYTES[limits.format]);
			if (head.length >= HEAD_BYTES[limits.format]) {
				if (!looksLike(limits.format, head)) throw notAudio(limits, head);
				checked = true;
			}
		}
		return buffer;
	}) as Readable;
	return {
		stream,
		stalled,
		isAudio: () => checked,
		head: () => head,
		stop: () => watch.stop(),
	};
}
