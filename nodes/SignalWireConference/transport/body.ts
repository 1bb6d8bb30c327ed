import type { Deadline } from './deadline';

/**
 * The largest answer read into memory: a SignalWire page of 1,000 conferences is about 1 MB, so
 * anything past this is not SignalWire's and is refused instead of being buffered whole.
 */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** An answer's body was larger than the bound. */
export class BodyTooLarge extends Error {
	constructor(readonly maxBytes: number) {
		super(`the answer is larger than ${maxBytes / (1024 * 1024)} MB`);
		this.name = 'BodyTooLarge';
	}
}

interface BodyStream extends AsyncIterable<unknown> {
	destroy(error?: Error): unknown;
}

function isBodyStream(body: unknown): body is BodyStream {
	return (
		body !== null &&
		typeof body === 'object' &&
		Symbol.asyncIterator in body &&
		typeof (body as { destroy?: unknown }).destroy === 'function'
	);
}

/** Closes a response body that will not be read (a late answer, a redirect). */
export function releaseBody(body: unknown): void {
	if (isBodyStream(body)) body.destroy();
}

function declaredLength(headers: Record<string, unknown> | undefined): number | undefined {
	const value = Number(headers?.['content-length']);
	return Number.isFinite(value) ? value : undefined;
}

/**
 * The body of an answer as text, read from n8n's response stream within the request's deadline
 * and at most `maxBytes` long; the stream is destroyed the moment either bound is passed.
 */
export async function readBody(
	body: unknown,
	headers: Record<string, unknown> | undefined,
	deadline: Deadline,
	maxBytes: number = MAX_BODY_BYTES,
): Promise<string> {
	if (!isBodyStream(body)) {
		const text = body === undefined || body === null ? '' : String(body);
		if (Buffer.byteLength(text) > maxBytes) throw new BodyTooLarge(maxBytes);
		return text;
	}
	if ((declaredLength(headers) ?? 0) > maxBytes) {
		body.destroy();
		throw new BodyTooLarge(maxBytes);
	}
	const stopWatching = deadline.onExpiry(() => body.destroy());
	const read = async () => {
		const chunks: Buffer[] = [];
		let size = 0;
		for await (const chunk of body) {
			const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
			size += bytes.length;
			if (size > maxBytes) {
				body.destroy();
				throw new BodyTooLarge(maxBytes);
			}
			chunks.push(bytes);
		}
		return Buffer.concat(chunks).toString('utf-8');
	};
	try {
		return await deadline.race(read());
	} finally {
		stopWatching();
	}
}
