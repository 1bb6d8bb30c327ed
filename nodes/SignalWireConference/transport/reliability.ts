import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { AnswerProblem, header, HttpFailure } from './answer';
import { Deadline } from './deadline';
import { apiErrorFromProblem, apiErrorFromResponse } from './errors';
import type { Call, SignalWireContext } from './types';

/* When a failure is tried again, and what a failure that is not says; each attempt has its Deadline. */

export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const MIN_TIMEOUT_MS = 100;
/** Node's timers hold at most 2^31 − 1 ms; a longer one would fire at once. */
export const MAX_TIMEOUT_MS = 2_147_483_647;
/** The longest wait a Retry-After may ask for; a longer one fails at once instead of stalling. */
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * The node's Request Options where the node has them (action node), else the defaults. A picker
 * retries nothing: the editor asks again at the next pause in typing, and a picker that waits out
 * 429s keeps the person waiting (and the space busy) for a list.
 */
function readReliability(context: SignalWireContext, itemIndex: number) {
	if (!('getInputData' in context)) {
		const maxRetries = 'getCurrentNodeParameter' in context ? 0 : DEFAULT_MAX_RETRIES;
		return { maxRetries, timeoutMs: DEFAULT_TIMEOUT_MS };
	}
	const options = context.getNodeParameter('requestOptions', itemIndex, {}) as IDataObject;
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
 * Plain words rather than Node's error codes: NodeApiError replaces any message that contains a
 * code such as ECONNREFUSED with a generic text that would hide the address.
 */
const TRANSPORT_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection was reset',
	EPIPE: 'the connection was closed',
	ERR_STREAM_PREMATURE_CLOSE: 'the connection was closed before the whole answer arrived',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be looked up',
	EPROTO: 'the TLS handshake failed',
	CERT_HAS_EXPIRED: 'its TLS certificate has expired',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
};

/** The Node or axios error code behind a failed request, wherever n8n wrapped it. */
function transportFailureCode(error: unknown): string | undefined {
	let candidate = error;
	for (let depth = 0; candidate && depth < 4; depth++) {
		const code = (candidate as { code?: unknown }).code;
		if (typeof code === 'string' && code !== '') return code;
		candidate = (candidate as { cause?: unknown }).cause;
	}
	return undefined;
}

function describeTransportFailure(error: unknown, timeoutMs: number): string {
	const code = transportFailureCode(error);
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
		return `no answer within ${timeoutMs / 1000} s (Request Options → Timeout)`;
	}
	return (code && TRANSPORT_FAILURES[code]) || 'the connection failed';
}

/** Lost (or timed out) before the whole answer came; a body cut short is "aborted" to Node. */
export function isLostConnection(error: unknown): boolean {
	const code = transportFailureCode(error) ?? '';
	const message = error instanceof Error ? error.message : '';
	return (
		/^(ECONNRESET|EPIPE|ETIMEDOUT|ECONNABORTED|ERR_STREAM_PREMATURE_CLOSE)$/.test(code) ||
		/aborted|premature close|socket hang up/i.test(message)
	);
}

/**
 * How long to wait before the next attempt, or undefined when there is none to make. 429 proves
 * SignalWire did nothing, so any request may be sent again. A 503 may come from a proxy after it
 * forwarded the request, and a lost connection may have lost only the answer, so only an
 * idempotent request is sent again after those.
 */
function retryDelayMs(error: unknown, idempotent: boolean, attempt: number): number | undefined {
	if (error instanceof HttpFailure) {
		if (error.status !== 429 && !(error.status === 503 && idempotent)) return undefined;
		const asked = retryAfterMs(header(error.headers, 'retry-after'));
		if (asked === undefined) return backoffMs(attempt);
		return asked <= MAX_RETRY_AFTER_MS ? asked : undefined;
	}
	if (error instanceof AnswerProblem) return error.retryable ? backoffMs(attempt) : undefined;
	if (error instanceof NodeOperationError) return undefined;
	return idempotent && isLostConnection(error) ? backoffMs(attempt) : undefined;
}

/** Errors of writes whose outcome is unknown: sent, but the answer was late or lost. */
const UNCONFIRMED = new WeakSet<Error>();

/** Whether `error` is a write that may have been carried out: the transport never resends one. */
export function isUnconfirmedWrite(error: unknown): boolean {
	return error instanceof Error && UNCONFIRMED.has(error);
}

/** What a failure that is not tried again says: what went wrong, how often it was tried, what to fix. */
function finalError(
	context: SignalWireContext,
	call: Call,
	error: unknown,
	attempts: number,
	idempotent: boolean,
	timeoutMs: number,
): Error {
	const node = context.getNode();
	const gaveUp = attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
	if (error instanceof HttpFailure) {
		if (error.status < 300 || error.status >= 400) {
			return apiErrorFromResponse(node, error.status, error.body, call, attempts);
		}
		return apiErrorFromProblem(
			node,
			call,
			`SignalWire answered${call.subject ?? ''} with a redirect (HTTP ${error.status}), which is not followed`,
			'Redirects are never followed, so the credentials cannot leave your space. Check the Space URL in the SignalWire API credentials: it must be the address of your space, e.g. https://example.signalwire.com.',
		);
	}
	if (error instanceof AnswerProblem) {
		return apiErrorFromProblem(node, call, `${error.message}${gaveUp}`, error.description);
	}
	// Not the connection's: the binary store's own failure, reported by n8n as it is.
	if (error instanceof NodeOperationError) return error;
	// What is left failed on the way: n8n's helper (which wraps it in a NodeApiError) or the body.
	const failure = describeTransportFailure(error, timeoutMs);
	if (!idempotent && isLostConnection(error)) {
		// The request may have reached SignalWire and been carried out; only its answer was lost.
		const unconfirmed = apiErrorFromProblem(
			node,
			call,
			`SignalWire did not confirm the request at ${call.space.origin}: ${failure}. It may have been carried out; it was not sent again`,
			'Check in your SignalWire space whether it took effect before running it again.',
		);
		UNCONFIRMED.add(unconfirmed);
		return unconfirmed;
	}
	return apiErrorFromProblem(
		node,
		call,
		`Could not reach SignalWire at ${call.space.origin}: ${failure}${gaveUp}`,
		'Check the Space URL in the SignalWire API credentials and that this n8n instance can reach it. For slow answers, raise Request Options → Timeout.',
	);
}

/** The one retry loop, for JSON requests and downloads alike; each attempt has its own deadline. */
export async function withRetries<T>(
	context: SignalWireContext,
	call: Call,
	attempt: (deadline: Deadline) => Promise<T>,
): Promise<T> {
	const { maxRetries, timeoutMs } = readReliability(context, call.itemIndex);
	// A DELETE is not idempotent either: sent again after it succeeded, its 404 would hide that.
	const idempotent = call.idempotent ?? call.method === 'GET';
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
			throw finalError(context, call, failure, attemptNumber, idempotent, timeoutMs);
		}
		await sleep(waitMs);
	}
}

/** Exponential backoff with full jitter: 0.5–1 × 500 ms, 1 s, 2 s, … up to 8 s. */
function backoffMs(attempt: number): number {
	const ceiling = Math.min(8_000, 500 * 2 ** (attempt - 1));
	return Math.round(ceiling * (0.5 + Math.random() * 0.5));
}

/** RFC 9110's IMF-fixdate, the only date form a sender may generate: "Sun, 06 Nov 1994 08:49:37 GMT". */
const IMF_FIXDATE =
	/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * Retry-After as delta-seconds (digits only) or an IMF-fixdate; anything else ("-1", "1.5", date
 * forms that Date.parse would bend into some date) is not understood, and backoff applies.
 */
function retryAfterMs(value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const text = value.trim();
	if (/^\d{1,10}$/.test(text)) return Number(text) * 1000;
	const date = IMF_FIXDATE.test(text) ? Date.parse(text) : NaN;
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
