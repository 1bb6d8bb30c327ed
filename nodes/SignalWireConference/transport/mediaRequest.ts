import type { IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { transportFailureCode } from './errors';
import { idleWatch } from './idleWatch';
import type { RecordingFormat } from './mediaGuard';
import { isReadable, MEDIA } from './mediaGuard';
import { spaceRequestOptions } from './requestOptions';
import type { BinaryContext, Space } from './types';

/** One request for a recording's audio: its options, its answer within Timeout, its failures. */

/** How much of an error answer is read to quote it; the rest is dropped unread. */
const MAX_ERROR_BODY_BYTES = 16 * 1024;

const LOST_CONNECTION_CODES = [
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ERR_STREAM_PREMATURE_CLOSE',
];

/** A body that ended early: Node says "aborted" or "premature close", with or without a code. */
export function isConnectionLoss(error: unknown): boolean {
	const code = transportFailureCode(error);
	const message = error instanceof Error ? error.message : '';
	return (
		(code !== undefined && LOST_CONNECTION_CODES.includes(code)) ||
		/aborted|premature close|socket hang up/i.test(message)
	);
}

export function mediaOptions(
	url: string,
	space: Space,
	format: RecordingFormat,
	timeoutMs: number,
) {
	const accept = `${MEDIA[format].mimeType}, application/octet-stream;q=0.5`;
	return spaceRequestOptions(space, 'GET', url, accept, timeoutMs);
}

/** The answer's headers within Timeout: n8n's helper ignores our abort signal, so it is raced. */
export async function requestMedia(
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
export async function readErrorBody(body: unknown): Promise<string> {
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
