import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { quoteFromServer, redact } from './redact';
import type { Call } from './types';

/** What the caller knows about a call, so that an error can say what to fix. */
type ErrorContext = Pick<Call, 'itemIndex' | 'notFound' | 'sentValues' | 'form'>;

interface SignalWireErrorBody {
	code?: string;
	message?: string;
	moreInfo?: string;
}

/** How much of each server string an error quotes, after redaction. */
const MAX_MESSAGE_LENGTH = 500;
const MAX_CODE_LENGTH = 40;
const MAX_LINK_LENGTH = 300;

/**
 * SignalWire answers errors as `{ code, message, more_info, status }`, sometimes as
 * `{ errors: [...] }`, and a 404 may have an empty or HTML body: every shape must still give a
 * readable message. Every string taken from the body is redacted, then shortened.
 */
function parseErrorBody(rawBody: string, secrets: readonly string[]): SignalWireErrorBody {
	const text = rawBody.trim();
	if (text === '') return {};
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		// Markup (a proxy's HTML page) says nothing worth quoting.
		return text.startsWith('<')
			? {}
			: { message: quoteFromServer(text, secrets, MAX_MESSAGE_LENGTH) };
	}
	if (body === null || typeof body !== 'object') return {};
	const object = body as Record<string, unknown>;
	const parsed: SignalWireErrorBody = {};
	if (typeof object.code === 'number' || typeof object.code === 'string') {
		parsed.code = quoteFromServer(object.code, secrets, MAX_CODE_LENGTH);
	}
	if (typeof object.message === 'string') {
		parsed.message = quoteFromServer(object.message.trim(), secrets, MAX_MESSAGE_LENGTH);
	}
	if (typeof object.more_info === 'string') {
		parsed.moreInfo = quoteFromServer(object.more_info, secrets, MAX_LINK_LENGTH);
	}
	if (Array.isArray(object.errors) && object.errors.length > 0) {
		const joined = object.errors.map(describeErrorEntry).join('; ');
		parsed.message = quoteFromServer(joined, secrets, MAX_MESSAGE_LENGTH);
	}
	return parsed;
}

function describeErrorEntry(entry: unknown): string {
	if (typeof entry === 'string') return entry;
	if (entry !== null && typeof entry === 'object') {
		const { detail, message, title } = entry as Record<string, unknown>;
		for (const candidate of [detail, message, title]) {
			if (typeof candidate === 'string') return candidate;
		}
	}
	return String(JSON.stringify(entry));
}

function quoteSentValues(sentValues: Record<string, string> | undefined): string {
	const entries = Object.entries(sentValues ?? {});
	if (entries.length === 0) return '';
	return ` Sent: ${entries.map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(', ')}.`;
}

function fixFor(status: number, apiMessage: string | undefined, context: ErrorContext): string {
	switch (status) {
		case 400:
		case 422:
			return `SignalWire refused a value${apiMessage ? `: ${apiMessage}` : ''}. Correct that field and run again.${quoteSentValues(context.sentValues ?? context.form)}`;
		case 401:
			return 'Check the Project ID and API token in the SignalWire API credentials, and that the token has the Voice scope enabled (SignalWire dashboard → API).';
		case 403:
			return 'The API token is not allowed to do this: enable the Voice scope for the token in your SignalWire dashboard (API → tokens).';
		case 404:
			return (
				context.notFound ??
				'SignalWire has no such resource in this project: check the IDs and the Space URL in the credentials.'
			);
		case 429:
			return 'SignalWire is rate limiting this project: run fewer requests at once or try again in a moment.';
		default:
			return status >= 500
				? 'SignalWire could not handle the request right now: try again later.'
				: 'SignalWire did not accept the request.';
	}
}

const STATUS_TITLES: Record<number, string> = {
	400: 'Bad request',
	401: 'Authentication failed',
	403: 'Forbidden',
	404: 'Not found',
	422: 'Invalid value',
	429: 'Too many requests',
};

/** A link or other value from a server, for an error's description: redacted, then shortened. */
export function quoteLink(value: string, secrets: readonly string[]): string {
	return quoteFromServer(value, secrets, MAX_LINK_LENGTH);
}

export function apiErrorFromResponse(
	node: INode,
	status: number,
	rawBody: string,
	context: ErrorContext,
	attempts: number,
	secrets: readonly string[],
): NodeApiError {
	const parsed = parseErrorBody(rawBody, secrets);
	const apiMessage = parsed.message?.trim() ? parsed.message.trim() : undefined;
	const title = apiMessage ?? STATUS_TITLES[status] ?? `HTTP ${status}`;
	const code = parsed.code !== undefined ? `SignalWire error ${parsed.code}, ` : '';
	const retried = attempts > 1 ? `; gave up after ${attempts} attempts` : '';
	const message = `${title} (${code}HTTP ${status}${retried})`;
	const errorResponse: JsonObject = { message: title, httpCode: String(status) };
	if (parsed.code !== undefined) errorResponse.code = parsed.code;
	if (parsed.moreInfo !== undefined) errorResponse.moreInfo = parsed.moreInfo;
	return new NodeApiError(node, errorResponse, {
		itemIndex: context.itemIndex,
		httpCode: String(status),
		message,
		// The sent values are the user's own, but a secret among them must not be quoted either.
		description: redact(fixFor(status, apiMessage, context), secrets),
	});
}

/** For failures with no usable SignalWire answer: unreachable host, bad paging links, garbage bodies. */
export function apiErrorFromProblem(
	node: INode,
	message: string,
	description: string,
	itemIndex: number,
	secrets: readonly string[] = [],
): NodeApiError {
	const safeMessage = redact(message, secrets);
	return new NodeApiError(node, { message: safeMessage } as JsonObject, {
		itemIndex,
		message: safeMessage,
		description: redact(description, secrets),
	});
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
export function transportFailureCode(error: unknown): string | undefined {
	let candidate = error;
	for (let depth = 0; candidate && depth < 4; depth++) {
		const code = (candidate as { code?: unknown }).code;
		if (typeof code === 'string' && code !== '') return code;
		candidate = (candidate as { cause?: unknown }).cause;
	}
	return undefined;
}

export function describeTransportFailure(code: string | undefined, timeoutMs: number): string {
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
		return `no answer within ${timeoutMs / 1000} s (Request Options → Timeout)`;
	}
	return (code && TRANSPORT_FAILURES[code]) || 'the connection failed';
}
