import type {
	IBinaryData,
	IExecuteFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import {
	apiErrorFromProblem,
	apiErrorFromResponse,
	describeTransportFailure,
	transportFailureCode,
} from './errors';
import { recordingMediaPath, resourceUrl } from './paths';
import {
	backoffMs,
	isRetryableFailure,
	isRetryableStatus,
	MAX_RETRY_AFTER_MS,
	readReliability,
	retryAfterMs,
} from './reliability';
import { getSpace } from './space';
import type { Space } from './types';

/** The contexts that can hold binary data: the action node and the webhook trigger. */
export type BinaryContext = IExecuteFunctions | IWebhookFunctions;

/** n8n's stream type, named through its own helper so that node code needs no `stream` import. */
type Readable = Exclude<Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0], Buffer>;

export type RecordingFormat = 'mp3' | 'wav';

export const DEFAULT_MAX_DOWNLOAD_MB = 500;

export interface RecordingDownload {
	itemIndex: number;
	/** Already validated as a UUID. */
	recordingSid: string;
	format: RecordingFormat;
	/** The binary's file name, with its extension. */
	fileName: string;
	/** Larger answers are refused, before or while they stream. */
	maxBytes: number;
}

const MEDIA: Record<RecordingFormat, { mimeType: string; accepted: string[] }> = {
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

/** How often a running download checks its deadline; also the longest a finished one leaves a timer behind. */
const WATCH_SLICE_MS = 250;

/** How much of an error answer is read to quote it; the rest is dropped unread. */
const MAX_ERROR_BODY_BYTES = 16 * 1024;

/** An error that ends the download at once, whatever the retry rules say. */
class FinalFailure {
	constructor(readonly error: Error) {}
}

/** A failure of one attempt that the transport words itself; `retryable` failures are tried again. */
class DownloadProblem extends Error {
	constructor(
		message: string,
		readonly description: string,
		readonly retryable: boolean,
	) {
		super(message);
	}
}

function megabytes(bytes: number): string {
	const value = bytes / (1024 * 1024);
	return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} MB`;
}

/**
 * Calls `expire` once `timeoutMs` pass without `touch()`. It checks in short slices with n8n's
 * `sleep`, the one timer node code may use, so that a stopped watch leaves nothing running for long.
 */
function idleWatch(timeoutMs: number, expire: () => void) {
	let lastActivity = Date.now();
	let stopped = false;
	const watch = async () => {
		while (!stopped) {
			const left = lastActivity + timeoutMs - Date.now();
			if (left <= 0) {
				stopped = true;
				expire();
				return;
			}
			await sleep(Math.min(left, WATCH_SLICE_MS));
		}
	};
	void watch();
	return {
		touch: () => {
			lastActivity = Date.now();
		},
		stop: () => {
			stopped = true;
		},
	};
}

function isReadable(body: unknown): body is Readable {
	return (
		body !== null &&
		typeof body === 'object' &&
		typeof (body as Readable).map === 'function' &&
		typeof (body as Readable).destroy === 'function'
	);
}

function mediaOptions(url: string, space: Space, format: RecordingFormat, timeoutMs: number) {
	const hostname = new URL(space.origin).hostname;
	const options: IHttpRequestOptions = {
		method: 'GET',
		url,
		headers: { Accept: `${MEDIA[format].mimeType}, application/octet-stream;q=0.5` },
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		encoding: 'stream',
		json: false,
		// A redirect could carry the credentials to another host: never followed.
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		timeout: timeoutMs,
	};
	if (!hostname.startsWith('[')) options.allowedDomains = hostname;
	return options;
}

/** The answer's headers, within Timeout: n8n's helper ignores our abort signal, so it is raced instead. */
async function requestMedia(
	context: BinaryContext,
	options: IHttpRequestOptions,
	timeoutMs: number,
): Promise<IN8nHttpFullResponse> {
	let timedOut = false;
	let rejectOnTimeout: (error: Error) => void = () => undefined;
	const timeout = new Promise<never>((_resolve, reject) => (rejectOnTimeout = reject));
	const watch = idleWatch(timeoutMs, () => {
		timedOut = true;
		rejectOnTimeout(Object.assign(new Error('no answer in time'), { code: 'ETIMEDOUT' }));
	});
	const request = context.helpers.httpRequestWithAuthentication.call(
		context,
		'signalWireApi',
		options,
	) as Promise<IN8nHttpFullResponse>;
	// An answer that arrives after the deadline is closed unread.
	request.then(
		(late) => {
			if (timedOut && isReadable(late.body)) late.body.destroy();
		},
		() => undefined,
	);
	try {
		return await Promise.race([request, timeout]);
	} finally {
		watch.stop();
	}
}

/** At most the first 16 KB of an error answer, as text; the connection is closed after. */
async function readErrorBody(body: unknown): Promise<string> {
	if (!isReadable(body)) return typeof body === 'string' ? body : '';
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of body) {
			const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
			chunks.push(buffer);
			size += buffer.length;
			if (size >= MAX_ERROR_BODY_BYTES) break;
		}
	} catch {
		// What was read so far is enough to describe the failure.
	} finally {
		body.destroy();
	}
	return Buffer.concat(chunks).subarray(0, MAX_ERROR_BODY_BYTES).toString('utf-8');
}

function headerValue(headers: IN8nHttpFullResponse['headers'], name: string): string | undefined {
	const value = headers?.[name];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' ? first : undefined;
}

/** Refuses an answer that says it is not audio, or bigger than allowed, before reading it. */
function checkHeaders(response: IN8nHttpFullResponse, download: RecordingDownload): void {
	const contentType = (headerValue(response.headers, 'content-type') ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	const accepted = [...MEDIA[download.format].accepted, ...NEUTRAL_TYPES];
	if (contentType !== '' && !accepted.includes(contentType)) {
		throw new DownloadProblem(
			`SignalWire answered the recording download with ${contentType} instead of ${download.format.toUpperCase()} audio`,
			contentType.includes('html') || contentType.includes('json')
				? 'The answer is a page or an API message, not the recording: check the Space URL in the credentials (it must be your SignalWire space), and that the recording exists and has completed.'
				: `Expected ${MEDIA[download.format].mimeType}. Check the Space URL in the credentials: it must be your SignalWire space.`,
			false,
		);
	}
	const length = Number(headerValue(response.headers, 'content-length'));
	if (Number.isFinite(length) && length > download.maxBytes) {
		throw tooLarge(download, length);
	}
}

function tooLarge(download: RecordingDownload, bytes: number): DownloadProblem {
	return new DownloadProblem(
		`The recording is larger than the maximum of ${megabytes(download.maxBytes)} (${bytes > download.maxBytes + 1 ? megabytes(bytes) : 'more'})`,
		'Nothing was stored. Raise Max Size (MB) if this recording is expected to be that long, or download it as MP3, which is a fraction of the WAV size.',
		false,
	);
}

/** The first bytes of each format: "ID3" or an MPEG frame sync; "RIFF....WAVE". */
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

const HEAD_BYTES: Record<RecordingFormat, number> = { mp3: 3, wav: 12 };

function notAudio(download: RecordingDownload, head: Buffer): DownloadProblem {
	const text = head.toString('latin1').trimStart();
	const seems = text.startsWith('<')
		? 'an HTML or XML page'
		: /^[{[]/.test(text)
			? 'JSON'
			: 'something else';
	return new DownloadProblem(
		`SignalWire answered the recording download with ${seems}, not ${download.format.toUpperCase()} audio`,
		'Nothing was stored. Check the Space URL in the credentials (it must be your SignalWire space), and that the recording has completed.',
		false,
	);
}

/**
 * The body as it streams into n8n's binary store: counted (refused past the maximum), its first
 * bytes checked, and its pauses timed. Errors travel down the stream, so the store writes nothing.
 */
function guardedBody(body: Readable, download: RecordingDownload, timeoutMs: number) {
	const progress = { bytes: 0, checked: false };
	let head = Buffer.alloc(0);
	const watch = idleWatch(timeoutMs, () =>
		body.destroy(
			new DownloadProblem(
				`The recording download stalled: no data for ${timeoutMs / 1000} s`,
				'SignalWire stopped sending the recording. Try again; for slow connections, raise Request Options → Timeout.',
				true,
			),
		),
	);
	const stream = body.map((chunk: unknown) => {
		const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
		watch.touch();
		progress.bytes += buffer.length;
		if (progress.bytes > download.maxBytes) throw tooLarge(download, progress.bytes);
		if (!progress.checked) {
			head = Buffer.concat([head, buffer]).subarray(0, HEAD_BYTES[download.format]);
			if (head.length >= HEAD_BYTES[download.format]) {
				if (!looksLike(download.format, head)) throw notAudio(download, head);
				progress.checked = true;
			}
		}
		return buffer;
	}) as Readable;
	return { stream, progress, stop: () => watch.stop(), head: () => head };
}

const LOST_CONNECTION_CODES = [
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ERR_STREAM_PREMATURE_CLOSE',
];

/** A body that ended early: Node says "aborted" or "premature close", with or without a code. */
function isConnectionLoss(error: unknown): boolean {
	const code = transportFailureCode(error);
	const message = error instanceof Error ? error.message : '';
	return (
		(code !== undefined && LOST_CONNECTION_CODES.includes(code)) ||
		/aborted|premature close|socket hang up/i.test(message)
	);
}

/**
 * Hands the stream to n8n's binary store. A lost connection is tried again; any other failure of
 * the store (a full disk, say) is n8n's to report as it is.
 */
async function storeBinary(
	context: BinaryContext,
	stream: Readable,
	download: RecordingDownload,
): Promise<IBinaryData> {
	try {
		return await context.helpers.prepareBinaryData(
			stream,
			download.fileName,
			MEDIA[download.format].mimeType,
		);
	} catch (error) {
		if (error instanceof DownloadProblem || isConnectionLoss(error)) throw error;
		throw new FinalFailure(error as Error);
	}
}

type Attempt = { binary: IBinaryData } | { retryAfterMs: number };

async function attemptDownload(
	context: BinaryContext,
	space: Space,
	download: RecordingDownload,
	url: string,
	timeoutMs: number,
	attempt: number,
	maxRetries: number,
): Promise<Attempt> {
	const response = await requestMedia(
		context,
		mediaOptions(url, space, download.format, timeoutMs),
		timeoutMs,
	);
	const status = Number(response.statusCode);
	if (status < 200 || status >= 300) {
		const body = await readErrorBody(response.body);
		if (isRetryableStatus(status) && attempt <= maxRetries) {
			const asked = retryAfterMs(response.headers?.['retry-after']);
			if (asked === undefined || asked <= MAX_RETRY_AFTER_MS) {
				return { retryAfterMs: asked ?? backoffMs(attempt) };
			}
		}
		if (status >= 300 && status < 400) {
			throw new DownloadProblem(
				`SignalWire answered the recording download with a redirect (HTTP ${status}), which is not followed`,
				'Redirects are never followed, so the credentials cannot leave your space. Check the Space URL in the SignalWire API credentials.',
				false,
			);
		}
		throw new FinalFailure(
			apiErrorFromResponse(
				context.getNode(),
				status,
				body,
				{
					itemIndex: download.itemIndex,
					notFound: `SignalWire has no audio for recording "${download.recordingSid}": check the ID. A recording that has just completed may still be processing; try again in a minute.`,
				},
				attempt,
				space.secrets,
			),
		);
	}
	if (!isReadable(response.body)) {
		throw new DownloadProblem(
			'SignalWire answered the recording download without a body',
			'Try again; if this persists, check the Space URL in the credentials.',
			true,
		);
	}
	try {
		checkHeaders(response, download);
	} catch (error) {
		response.body.destroy();
		throw error;
	}
	const guarded = guardedBody(response.body, download, timeoutMs);
	try {
		const binary = await storeBinary(context, guarded.stream, download);
		if (!guarded.progress.checked) {
			throw guarded.progress.bytes === 0
				? new DownloadProblem(
						'SignalWire answered the recording download with an empty body',
						'The recording has no audio yet. Try again in a minute; if it persists, the recording may be absent (too short or silent).',
						false,
					)
				: notAudio(download, guarded.head());
		}
		return { binary };
	} finally {
		guarded.stop();
		response.body.destroy();
	}
}

/**
 * Downloads a recording's audio (`…/Recordings/{Sid}.mp3|.wav`) straight into n8n's binary store:
 * the audio streams through, so memory use does not grow with its length (n8n's in-memory binary
 * mode buffers it, by its own design). Timeout bounds the wait for the answer and every pause in
 * it; 429/503 and lost connections are tried again like every read. Nothing is stored for a
 * refused answer: an error page, JSON, or more than `maxBytes`.
 */
export async function signalWireDownloadRecording(
	context: BinaryContext,
	download: RecordingDownload,
): Promise<IBinaryData> {
	const space = await getSpace(context, download.itemIndex);
	const { maxRetries, timeoutMs } = readReliability(context, download.itemIndex);
	const url = resourceUrl(space, recordingMediaPath(download.recordingSid, download.format));
	for (let attempt = 1; ; attempt++) {
		let outcome: Attempt;
		try {
			outcome = await attemptDownload(
				context,
				space,
				download,
				url,
				timeoutMs,
				attempt,
				maxRetries,
			);
		} catch (error) {
			if (error instanceof FinalFailure) throw error.error;
			if (error instanceof DownloadProblem) {
				if (error.retryable && attempt <= maxRetries) {
					await sleep(backoffMs(attempt));
					continue;
				}
				throw apiErrorFromProblem(
					context.getNode(),
					`${error.message}${attempt > 1 ? ` (gave up after ${attempt} attempts)` : ''}`,
					error.description,
					download.itemIndex,
					space.secrets,
				);
			}
			// What is left is a failed connection: before the answer (n8n's helper) or during it.
			const code = transportFailureCode(error);
			if (attempt <= maxRetries && (isConnectionLoss(error) || isRetryableFailure('GET', code))) {
				await sleep(backoffMs(attempt));
				continue;
			}
			throw apiErrorFromProblem(
				context.getNode(),
				`Could not download the recording from ${space.origin}: ${isConnectionLoss(error) && code !== 'ETIMEDOUT' && code !== 'ECONNABORTED' ? 'the connection was lost during the download' : describeTransportFailure(code, timeoutMs)}${attempt > 1 ? ` (gave up after ${attempt} attempts)` : ''}`,
				'Check the Space URL in the SignalWire API credentials and that this n8n instance can reach it. For slow answers, raise Request Options → Timeout.',
				download.itemIndex,
				space.secrets,
			);
		}
		if ('binary' in outcome) return outcome.binary;
		await sleep(outcome.retryAfterMs);
	}
}
