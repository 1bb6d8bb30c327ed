import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { AnswerProblem, HttpFailure } from './answer';
import {
	apiErrorFromProblem,
	apiErrorFromResponse,
	describeTransportFailure,
	transportFailureCode,
} from './errors';
import { Deadline } from './timer';
import type { Call, SignalWireContext, Space } from './types';

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

/**
 * The node's Request Options where the node has them (action node), else the defaults. A picker
 * retries nothing: the editor asks again at the next pause in typing, and a picker that waits out
 * 429s keeps the person waiting (and the space busy) for a list.
 */
export function readReliability(context: SignalWireContext, itemIndex: number): Reliability {
	if ('getCurrentNodeParameter' in context && !('getInputData' in context)) {
		return { maxRetries: 0, timeoutMs: DEFAULT_TIMEOUT_MS };
	}
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
function isIdempotent(method: string, idempotent: boolean | undefined): boolean {
	return idempotent ?? method === 'GET';
}

/**
 * Failures that say the connection was lost (or timed out) before the whole answer came: Node's
 * codes, and a body that ended early, which Node reports as "aborted" or "premature close".
 */
const LOST_CONNECTION_CODES = [
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ERR_STREAM_PREMATURE_CLOSE',
];

export function isLostConnection(error: unknown): boolean {
	const code = transportFailureCode(error);
	const message = error instanceof Error ? error.message : '';
	return (
		(code !== undefined && LOST_CONNECTION_CODES.includes(code)) ||
		/aborted|premature close|socket hang up/i.test(message)
	);
}

/**
 * How long to wait before the next attempt, or undefined when there is none to make. 429 proves
 * SignalWire did nothing, so any request may be sent again. A 503 may come from a proxy after it
 * forwarded the request, and a lost connection may have lost only the answer, so only an
 * idempotent request is sent again after those. A Retry-After longer than MAX_RETRY_AFTER_MS
 * fails at once instead of stalling the run.
 */
function retryDelayMs(error: unknown, idempotent: boolean, attempt: number): number | undefined {
	if (error instanceof HttpFailure) {
		if (error.status !== 429 && !(error.status === 503 && idempotent)) return undefined;
		const asked = retryAfterMs(error.headers['retry-after']);
		if (asked === undefined) return backoffMs(attempt);
		return asked <= MAX_RETRY_AFTER_MS ? asked : undefined;
	}
	if (error instanceof AnswerProblem) return error.retryable ? backoffMs(attempt) : undefined;
	if (error instanceof NodeOperationError) return undefined;
	return idempotent && isLostConnection(error) ? backoffMs(attempt) : undefined;
}

/** Errors of writes whose outcome is unknown: sent, but the answer was late or lost. */
const UNCONFIRMED = new WeakSet<Error>();

/**
 * Whether `error` is a write that may have been carried out (a late answer past Timeout, a
 * connection lost after the request was sent): such a write is never sent again by the transport.
 */
export function isUnconfirmedWrite(error: unknown): boolean {
	return error instanceof Error && UNCONFIRMED.has(error);
}

function attemptsNote(attempts: number): string {
	return attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
}

/** What a failure that is not tried again says: what went wrong, how often it was tried, what to fix. */
function finalError(
	context: SignalWireContext,
	space: Space,
	call: Call,
	error: unknown,
	attempts: number,
	timeoutMs: number,
): Error {
	const node = context.getNode();
	if (error instanceof HttpFailure) {
		if (error.status >= 300 && error.status < 400) {
			return apiErrorFromProblem(
				node,
				`SignalWire answered${call.subject ?? ''} with a redirect (HTTP ${error.status}), which is not followed`,
				'Redirects are never followed, so the credentials cannot leave your space. Check the Space URL in the SignalWire API credentials: it must be the address of your space, e.g. https://example.signalwire.com.',
				call.itemIndex,
			);
		}
		return apiErrorFromResponse(node, error.status, error.body, call, attempts, call.secrets);
	}
	if (error instanceof AnswerProblem) {
		return apiErrorFromProblem(
			node,
			`${error.message}${attemptsNote(attempts)}`,
			error.description,
			call.itemIndex,
			call.secrets,
		);
	}
	// Not the connection's: the binary store's own failure, reported by n8n as it is.
	if (error instanceof NodeOperationError) return error;
	// What is left failed on the way: n8n's helper (which wraps it in a NodeApiError) or the body.
	if (!isIdempotent(call.method, call.idempotent) && isLostConnection(error)) {
		// The request may have reached SignalWire and been carried out; only its answer was lost.
		const unconfirmed = apiErrorFromProblem(
			node,
			`SignalWire did not confirm the request at ${space.origin}: ${describeTransportFailure(transportFailureCode(error), timeoutMs)}. It may have been carried out; it was not sent again`,
			'Check in your SignalWire space whether it took effect before running it again.',
			call.itemIndex,
			call.secrets,
		);
		UNCONFIRMED.add(unconfirmed);
		return unconfirmed;
	}

	return apiErrorFromProblem(
		node,
		`Could not reach SignalWire at ${space.origin}: ${describeTransportFailure(transportFailureCode(error), timeoutMs)}${attemptsNote(attempts)}`,
		'Check the Space URL in the SignalWire API credentials and that this n8n instance can reach it. For slow answers, raise Request Options → Timeout.',
		call.itemIndex,
		call.secrets,
	);
}

/**
 * The one retry loop, for JSON requests and downloads alike: each attempt runs within its own
 * Timeout (the deadline it is handed, stopped when it ends), and a failure is tried again as
 * retryDelayMs says, up to Max Retries times.
 */
export async function withRetries<T>(
	context: SignalWireContext,
	space: Space,
	call: Call,
	attempt: (deadline: Deadline) => Promise<T>,
): Promise<T> {
	const { maxRetries, timeoutMs } = readReliability(context, call.itemIndex);
	const idempotent = isIdempotent(call.method, call.idempotent);
	for (let attemptNumber = 1; ; attemptNumber++) {
		const deadline = new Deadline(timeoutMs);
		let failure: unknown;
		try {
			return await attempt(deadline);
		} catch (error) {
			failure = error;
		} finally {
			deadline.stop();
		}
		const waitMs =
			attemptNumber <= maxRetries ? retryDelayMs(failure, idempotent, attemptNumber) : undefined;
		if (waitMs === undefined) {
			throw finalError(context, space, call, failure, attemptNumber, timeoutMs);
		}
		await sleep(waitMs);
	}
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
