import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { Call } from './types';

/*
 * What is never quoted, and what an error says. Text from a server (messages, codes, links) is
 * quoted back to the user: it must never carry a secret, even when a misbehaving server echoes one.
 */

/** What an answer that cannot be SignalWire's asks the user to check. */
export const CHECK_SPACE_URL =
	'Check the Space URL in the credentials: it must point at your SignalWire space.';

/** Secrets shorter than this are not searched for: they would blank out ordinary text. */
const MIN_SECRET_LENGTH = 4;
/** How much of each server string an error quotes, after redaction. */
const MAX_MESSAGE_LENGTH = 500;
const MAX_CODE_LENGTH = 40;
const MAX_LINK_LENGTH = 300;

/** `text` without the secrets (as typed, URL-encoded, form-encoded) or the user info of URLs. */
function redact(text: string, secrets: readonly string[]): string {
	let safe = text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s@"]*@/gi, '$1***@');
	const forms = secrets
		.filter((secret) => secret.length >= MIN_SECRET_LENGTH)
		.flatMap((secret) => {
			const encoded = encodeURIComponent(secret);
			return [secret, encoded, encoded.replace(/%20/g, '+')];
		})
		// Longest first, so that a secret containing another is blanked whole.
		.sort((a, b) => b.length - a.length);
	for (const form of forms) safe = safe.split(form).join('***');
	return safe;
}

/** Redacted FIRST, then cut: a cut could leave the start of a secret that redaction misses. */
export function quoteFromServer(
	value: unknown,
	secrets: readonly string[],
	maxLength = MAX_LINK_LENGTH,
): string {
	const safe = redact(String(value), secrets);
	return safe.length > maxLength ? `${safe.slice(0, maxLength)}…` : safe;
}

/** SignalWire answers `{ code, message, more_info }`, `{ errors }`, HTML, or nothing. */
function parseErrorBody(rawBody: string, secrets: readonly string[]) {
	const text = rawBody.trim();
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		// Markup (a proxy's HTML page) says nothing worth quoting.
		if (text === '' || text.startsWith('<')) return {};
		return { message: quoteFromServer(text, secrets, MAX_MESSAGE_LENGTH) };
	}
	if (body === null || typeof body !== 'object') return {};
	const { code, message, more_info: moreInfo, errors } = body as Record<string, unknown>;
	const quote = (value: unknown, max: number) => quoteFromServer(value, secrets, max);
	const joined = Array.isArray(errors) ? errors.map(describeEntry) : [];
	return {
		code:
			typeof code === 'number' || typeof code === 'string'
				? quote(code, MAX_CODE_LENGTH)
				: undefined,
		message:
			joined.length > 0
				? quote(joined.join('; '), MAX_MESSAGE_LENGTH)
				: typeof message === 'string'
					? quote(message.trim(), MAX_MESSAGE_LENGTH)
					: undefined,
		moreInfo: typeof moreInfo === 'string' ? quote(moreInfo, MAX_LINK_LENGTH) : undefined,
	};
}

function describeEntry(entry: unknown): string {
	if (typeof entry === 'string') return entry;
	const { detail, message, title } = (entry ?? {}) as Record<string, unknown>;
	const text = [detail, message, title].find((candidate) => typeof candidate === 'string');
	return typeof text === 'string' ? text : String(JSON.stringify(entry));
}

const STATUS_TITLES: Record<number, string> = {
	400: 'Bad request',
	401: 'Authentication failed',
	403: 'Forbidden',
	404: 'Not found',
	422: 'Invalid value',
	429: 'Too many requests',
};

const STATUS_FIXES: Record<number, string> = {
	401: 'Check the Project ID and API token in the SignalWire API credentials, and that the token has the Voice scope enabled (SignalWire dashboard → API).',
	403: 'The API token is not allowed to do this: enable the Voice scope for the token in your SignalWire dashboard (API → tokens).',
	404: 'SignalWire has no such resource in this project: check the IDs and the Space URL in the credentials.',
	429: 'SignalWire is rate limiting this project: run fewer requests at once or try again in a moment.',
};

function fixFor(status: number, apiMessage: string | undefined, call: Call): string {
	if (status === 400 || status === 422) {
		const sent = Object.entries(call.sentValues ?? call.form ?? {});
		const quoted = sent.map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(', ');
		return `SignalWire refused a value${apiMessage ? `: ${apiMessage}` : ''}. Correct that field and run again.${quoted ? ` Sent: ${quoted}.` : ''}`;
	}
	if (status === 404 && call.notFound !== undefined) return call.notFound;
	if (STATUS_FIXES[status] !== undefined) return STATUS_FIXES[status];
	return status >= 500
		? 'SignalWire could not handle the request right now: try again later.'
		: 'SignalWire did not accept the request.';
}

export function apiErrorFromResponse(
	node: INode,
	status: number,
	rawBody: string,
	call: Call,
	attempts: number,
): NodeApiError {
	const parsed = parseErrorBody(rawBody, call.secrets);
	const apiMessage = parsed.message?.trim() || undefined;
	const title = apiMessage ?? STATUS_TITLES[status] ?? `HTTP ${status}`;
	const code = parsed.code !== undefined ? `SignalWire error ${parsed.code}, ` : '';
	const retried = attempts > 1 ? `; gave up after ${attempts} attempts` : '';
	const errorResponse: JsonObject = { message: title, httpCode: String(status) };
	if (parsed.code !== undefined) errorResponse.code = parsed.code;
	if (parsed.moreInfo !== undefined) errorResponse.moreInfo = parsed.moreInfo;
	return new NodeApiError(node, errorResponse, {
		itemIndex: call.itemIndex,
		httpCode: String(status),
		message: `${title} (${code}HTTP ${status}${retried})`,
		// The sent values are the user's own, but a secret among them must not be quoted either.
		description: redact(fixFor(status, apiMessage, call), call.secrets),
	});
}

/** For failures with no usable SignalWire answer: unreachable host, bad paging links, garbage bodies. */
export function apiErrorFromProblem(
	node: INode,
	call: Pick<Call, 'itemIndex' | 'secrets'>,
	message: string,
	description: string,
): NodeApiError {
	const safeMessage = redact(message, call.secrets);
	return new NodeApiError(node, { message: safeMessage } as JsonObject, {
		itemIndex: call.itemIndex,
		message: safeMessage,
		description: redact(description, call.secrets),
	});
}
