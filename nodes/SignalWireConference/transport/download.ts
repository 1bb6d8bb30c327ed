import type { IBinaryData } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import {
	apiErrorFromProblem,
	apiErrorFromResponse,
	describeTransportFailure,
	transportFailureCode,
} from './errors';
import type { GuardedBody, Readable, RecordingFormat } from './mediaGuard';
import {
	refuseByHeaders,
	DownloadProblem,
	guardBody,
	isReadable,
	MEDIA,
	notAudio,
} from './mediaGuard';
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
import { isConnectionLoss, mediaOptions, readErrorBody, requestMedia } from './mediaRequest';
import type { BinaryContext, Space } from './types';

export type { RecordingFormat } from './mediaGuard';

export type { BinaryContext } from './types';

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

/** An error that ends the download at once, whatever the retry rules say. */
class FinalFailure {
	constructor(readonly error: Error) {}
}

/**
 * Hands the guarded stream to n8n's binary store. A lost connection is tried again; any other
 * failure of the store (a full disk, say) is n8n's to report as it is.
 */
async function storeBinary(
	context: BinaryContext,
	guarded: GuardedBody,
	download: RecordingDownload,
): Promise<IBinaryData> {
	const stored = context.helpers.prepareBinaryData(
		guarded.stream,
		download.fileName,
		MEDIA[download.format].mimeType,
	);
	// After a stall the store fails later, once the connection closes: nobody waits for it then.
	stored.catch(() => undefined);
	const settled = await Promise.race([stored, guarded.stalled]).then(
		(binary) => ({ binary }),
		(error: unknown) => ({ error }),
	);
	if ('binary' in settled) {
		if (!guarded.isAudio()) throw notAudio(download, guarded.head());
		return settled.binary;
	}
	const { error } = settled;
	if (error instanceof DownloadProblem || isConnectionLoss(error)) throw error as Error;
	throw new FinalFailure(error as Error);
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
		if (isRetryableStatus(status, true) && attempt <= maxRetries) {
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
	const body = response.body as Readable | undefined;
	if (!isReadable(body)) {
		throw new DownloadProblem(
			'SignalWire answered the recording download without a body',
			'Try again; if this persists, check the Space URL in the credentials.',
			true,
		);
	}
	const refused = refuseByHeaders(response, download);
	if (refused !== undefined) {
		body.destroy();
		throw refused;
	}
	const guarded = guardBody(body, download, timeoutMs);
	try {
		return { binary: await storeBinary(context, guarded, download) };
	} finally {
		guarded.stop();
		body.destroy();
	}
}

function attemptsNote(attempt: number): string {
	return attempt > 1 ? ` (gave up after ${attempt} attempts)` : '';
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
					`${error.message}${attemptsNote(attempt)}`,
					error.description,
					download.itemIndex,
					space.secrets,
				);
			}
			// What is left is a failed connection: before the answer (n8n's helper) or during it.
			const code = transportFailureCode(error);
			const lost = isConnectionLoss(error);
			if (attempt <= maxRetries && (lost || isRetryableFailure(true, code))) {
				await sleep(backoffMs(attempt));
				continue;
			}
			const reason =
				lost && code !== 'ETIMEDOUT' && code !== 'ECONNABORTED'
					? 'the connection was lost during the download'
					: describeTransportFailure(code, timeoutMs);
			throw apiErrorFromProblem(
				context.getNode(),
				`Could not download the recording from ${space.origin}: ${reason}${attemptsNote(attempt)}`,
				'Check the Space URL in the SignalWire API credentials and that this n8n instance can reach it. For slow answers, raise Request Options → Timeout.',
				download.itemIndex,
				space.secrets,
			);
		}
		if ('binary' in outcome) return outcome.binary;
		await sleep(outcome.retryAfterMs);
	}
}
