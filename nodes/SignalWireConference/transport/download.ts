import type { IBinaryData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Readable } from './answer';
import { AnswerProblem, answerOf, header, HttpFailure, readBody } from './answer';
import { recordingMediaPath, resourceUrl } from './paths';
import { Deadline } from './deadline';
import { isLostConnection, withRetries } from './reliability';
import { startCall } from './space';
import type { BinaryContext, Target } from './types';

export const DEFAULT_MAX_DOWNLOAD_MB = 500;
/** 500 MB (the default Max Size) at about 1.1 Mbit/s, a slow but working link, takes an hour. */
export const DEFAULT_MAX_DOWNLOAD_SECONDS = 3600;

export type RecordingFormat = 'mp3' | 'wav';

export interface DownloadOptions {
	format: RecordingFormat;
	/** The binary's file name, with its extension. */
	fileName: string;
	/** Larger answers are refused, before or while they stream. */
	maxBytes: number;
	/** A download still streaming after this long is given up, however steadily it arrives. */
	maxSeconds: number;
}

const latin1 = (head: Buffer, start: number, end: number) => head.toString('latin1', start, end);

/** Each format's type, the types it is served as, and its first bytes ("ID3" or a frame sync). */
const MEDIA = {
	mp3: {
		mimeType: 'audio/mpeg',
		accepted: ['audio/mpeg', 'audio/mp3', 'audio/mpeg3', 'audio/x-mpeg-3', 'audio/x-mp3'],
		headBytes: 3,
		looks: (head: Buffer) =>
			latin1(head, 0, 3) === 'ID3' || (head[0] === 0xff && (head[1] & 0xe0) === 0xe0),
	},
	wav: {
		mimeType: 'audio/wav',
		accepted: ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'],
		headBytes: 12,
		looks: (head: Buffer) => latin1(head, 0, 4) === 'RIFF' && latin1(head, 8, 12) === 'WAVE',
	},
};

/** Some storage answers audio as plain bytes; the first bytes are checked instead. */
const NEUTRAL_TYPES = ['application/octet-stream', 'binary/octet-stream'];

/** How much of an error answer is read to quote it; the rest is dropped unread. */
const MAX_ERROR_BODY_BYTES = 16 * 1024;

function size(bytes: number): string {
	if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
	const value = bytes / (1024 * 1024);
	return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} MB`;
}

/** `actual` is the announced size, or "more" when the stream ran past the maximum. */
function tooLarge(download: DownloadOptions, actual: string): AnswerProblem {
	return new AnswerProblem(
		`The recording is larger than the maximum of ${size(download.maxBytes)} (${actual})`,
		'Nothing was stored. Raise Max Size (MB) if this recording is expected to be that long, or download it as MP3, which is a fraction of the WAV size.',
	);
}

/** Why an answer that says it is not audio, or bigger than allowed, is refused before reading it. */
function refuseByHeaders(
	headers: Record<string, unknown>,
	download: DownloadOptions,
): AnswerProblem | undefined {
	const contentType = (header(headers, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
	const { mimeType, accepted } = MEDIA[download.format];
	if (contentType !== '' && ![...accepted, ...NEUTRAL_TYPES].includes(contentType)) {
		return new AnswerProblem(
			`SignalWire answered the recording download with ${contentType} instead of ${download.format.toUpperCase()} audio`,
			contentType.includes('html') || contentType.includes('json')
				? 'The answer is a page or an API message, not the recording: check the Space URL in the credentials (it must be your SignalWire space), and that the recording exists and has completed.'
				: `Expected ${mimeType}. Check the Space URL in the credentials: it must be your SignalWire space.`,
		);
	}
	const length = Number(header(headers, 'content-length'));
	return Number.isFinite(length) && length > download.maxBytes
		? tooLarge(download, size(length))
		: undefined;
}

function notAudio(download: DownloadOptions, head: Buffer): AnswerProblem {
	const text = head.toString('latin1').trimStart();
	const seems = text.startsWith('<')
		? 'an HTML or XML page'
		: /^[{[]/.test(text)
			? 'JSON'
			: text === ''
				? 'an empty body'
				: 'something else';
	return new AnswerProblem(
		`SignalWire answered the recording download with ${seems}, not ${download.format.toUpperCase()} audio`,
		'Nothing was stored. Check the Space URL in the credentials (it must be your SignalWire space), and that the recording has completed.',
	);
}

/**
 * The body streamed into n8n's binary store, counted, sniffed and timed: a refusal travels down the
 * stream, so the store writes nothing. A stall cannot (n8n's async generator around the body sees
 * its destruction only once the server sends again), so it rejects `failed` at once instead.
 */
async function storeGuarded(
	context: BinaryContext,
	body: Readable,
	download: DownloadOptions,
	deadline: Deadline,
	itemIndex: number,
): Promise<IBinaryData> {
	const { mimeType, headBytes, looks } = MEDIA[download.format];
	let bytes = 0;
	/** The first bytes, sniffed once there are `headBytes` of them. */
	let head = Buffer.alloc(0);
	/** Set by the first timer to run out; it fails the stream and the wait for the store alike. */
	let failure: AnswerProblem | undefined;
	let fail!: (problem: AnswerProblem) => void;
	const failed = new Promise<never>((_resolve, reject) => {
		fail = (problem) => {
			failure = problem;
			reject(problem);
			body.destroy(problem);
		};
	});
	failed.catch(() => undefined);
	const stalled = new AnswerProblem(
		`The recording download stalled: no data for ${deadline.timeoutMs / 1000} s`,
		'SignalWire stopped sending the recording. Try again; for slow connections, raise Request Options → Timeout.',
		true,
	);
	const tooSlow = new AnswerProblem(
		`The recording download took longer than Max Download Time (${download.maxSeconds} s)`,
		'Nothing was stored. SignalWire is sending the recording too slowly; for a long recording on a slow link, raise Max Download Time (Seconds).',
	);
	deadline.restart();
	deadline.onExpiry(() => fail(stalled));
	// Timeout bounds each pause; this bounds the whole: a trickle never ends otherwise.
	const whole = new Deadline(download.maxSeconds * 1000);
	whole.onExpiry(() => fail(tooSlow));
	const stream = body.map((chunk: unknown) => {
		if (failure) throw failure;
		const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
		deadline.restart();
		bytes += buffer.length;
		if (bytes > download.maxBytes) throw tooLarge(download, 'more');
		if (head.length < headBytes) {
			head = Buffer.concat([head, buffer]).subarray(0, headBytes);
			if (head.length === headBytes && !looks(head)) throw notAudio(download, head);
		}
		return buffer;
	}) as Readable;
	const stored = context.helpers.prepareBinaryData(stream, download.fileName, mimeType);
	// After a stall the store fails later, once the connection closes: nobody waits for it then.
	stored.catch(() => undefined);
	try {
		const binary = await Promise.race([stored, failed]);
		if (head.length < headBytes) throw notAudio(download, head);
		return binary;
	} catch (error) {
		// A refusal or a lost connection is the retry loop's; any other (a full disk) is n8n's.
		throw error instanceof AnswerProblem || isLostConnection(error)
			? (error as Error)
			: new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	} finally {
		whole.stop();
		body.destroy();
	}
}

/** A recording's audio in `format`, and what a 404 for it means. */
export function recordingMedia(recordingSid: string, format: RecordingFormat): Target {
	return {
		resource: recordingMediaPath(recordingSid, format),
		notFound: `SignalWire has no audio for recording "${recordingSid}": check the ID. A recording that has just completed may still be processing; try again in a minute.`,
	};
}

/**
 * Streamed into n8n's binary store, so that memory does not grow with the recording's length
 * (n8n's in-memory binary mode buffers it, by its own design).
 */
export async function apiDownload(
	context: BinaryContext,
	target: Target,
	itemIndex: number,
	download: DownloadOptions,
): Promise<IBinaryData> {
	const call = await startCall(context, target, itemIndex, {});
	call.subject = ' the recording download';
	const url = resourceUrl(call);
	const accept = `${MEDIA[download.format].mimeType}, application/octet-stream;q=0.5`;
	return await withRetries(context, call, async (deadline) => {
		const { ok, status, headers, body } = await answerOf(context, call, url, accept, deadline);
		if (!ok) {
			// Only quoted: its start, or what came before a failure, is enough.
			const { text } = await readBody(body, deadline, MAX_ERROR_BODY_BYTES);
			throw new HttpFailure(status, headers, text);
		}
		const refused = refuseByHeaders(headers, download);
		if (refused !== undefined) {
			body.destroy();
			throw refused;
		}
		return await storeGuarded(context, body, download, deadline, itemIndex);
	});
}
