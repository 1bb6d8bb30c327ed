import type { IDataObject } from 'n8n-workflow';

import type { SignalWireContext } from './types';

export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const MIN_TIMEOUT_MS = 100;
/** Node's timers hold at most 2^31 − 1 ms; a longer one would fire at once. */
export const MAX_TIMEOUT_MS = 2_147_483_647;
/** The longest wait a Retry-After may ask for; a longer one fails at once instead of stalling. */
export const MAX_RETRY_AFTER_MS = 60_000;
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;

export interface Reliability {
	maxRetries: number;
	timeoutMs: number;
}

/** The node's Request Options where the node has them (action node), else the defaults. */
export function readReliability(context: SignalWireContext, itemIndex: number): Reliability {
	const options =
		'getInputData' in context
			? (context.getNodeParameter('requestOptions', itemIndex, {}) as IDataObject)
			: {};
	const retries = Number(options.maxRetries ?? DEFAULT_MAX_RETRIES);
	const timeout = Number(options.timeout ?? DEFAULT_TIMEOUT_MS);
	return {
		maxRetries:
			Number.isInteger(retries) && retries >= 0 ? Math.min(retries, 10) : DEFAULT_MAX_RETRIES,
		// Not a positive number: the default. Otherwise within what a timer can hold.
		timeoutMs:
			Number.isFinite(timeout) && timeout > 0
				? Math.min(Math.max(Math.round(timeout), MIN_TIMEOUT_MS), MAX_TIMEOUT_MS)
				: DEFAULT_TIMEOUT_MS,
	};
}

/**
 * Whether sending the request twice does no more than sending it once. Reads are; a POST is only
 * when its caller says so (ending a conference, setting a flag), never by default: a Stream Start
 * or an announcement sent twice happens twice. A DELETE is not either: sent again after it
 * succeeded, it fails with a 404 that would hide the success.
 */
export function isIdempotent(method: string, idempotent: boolean | undefined): boolean {
	return idempotent ?? method === 'GET';
}

/**
 * 429 proves SignalWire did nothing, so any request may be sent again. A 503 may come from a proxy
 * after it forwarded the request, so only an idempotent one is.
 */
export function isRetryableStatus(status: number, idempotent: boolean): boolean {
	return status === 429 || (status === 503 && idempotent);
}

const RETRYABLE_FAILURES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE']);

/** A lost connection is retried for idempotent requests only: a write may have been processed. */
export function isRetryableFailure(idempotent: boolean, code: string | undefined): boolean {
	return idempotent && code !== undefined && RETRYABLE_FAILURES.has(code);
}

/** Exponential backoff with full jitter: 0.5–1 × 500 ms, 1 s, 2 s, … up to 8 s. */
export function backoffMs(attempt: number): number {
	const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1));
	return Math.round(ceiling * (0.5 + Math.random() * 0.5));
}

const DELTA_SECONDS = /^\d{1,10}$/;
/** RFC 9110's IMF-fixdate, the only date form a sender may generate: "Sun, 06 Nov 1994 08:49:37 GMT". */
const IMF_FIXDATE =
	/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * Retry-After in milliseconds from `now`: delta-seconds (digits only) or an IMF-fixdate. Anything
 * else ("-1", "+5", "5,10", "1.5", other date forms that Date.parse would bend into some date) is
 * not understood, and the caller falls back to its own backoff.
 */
export function retryAfterMs(header: unknown, now: number = Date.now()): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (DELTA_SECONDS.test(text)) return Number(text) * 1000;
	if (!IMF_FIXDATE.test(text)) return undefined;
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
