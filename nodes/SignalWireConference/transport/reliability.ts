import type { IDataObject } from 'n8n-workflow';

import type { SignalWireContext } from './types';

export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_TIMEOUT_MS = 30_000;
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
		timeoutMs: Number.isFinite(timeout) && timeout >= 100 ? timeout : DEFAULT_TIMEOUT_MS,
	};
}

/** 429 and 503 mean SignalWire did not process the request, so even a POST may be sent again. */
export function isRetryableStatus(status: number): boolean {
	return status === 429 || status === 503;
}

const RETRYABLE_FAILURES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE']);

/** Connection failures are retried for reads only: a write may have been processed before it failed. */
export function isRetryableFailure(method: string, code: string | undefined): boolean {
	return method === 'GET' && code !== undefined && RETRYABLE_FAILURES.has(code);
}

/** Exponential backoff with full jitter: 0.5–1 × 500 ms, 1 s, 2 s, … up to 8 s. */
export function backoffMs(attempt: number): number {
	const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1));
	return Math.round(ceiling * (0.5 + Math.random() * 0.5));
}

/** Retry-After as seconds or as an HTTP date, in milliseconds from `now`. */
export function retryAfterMs(header: unknown, now: number = Date.now()): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
