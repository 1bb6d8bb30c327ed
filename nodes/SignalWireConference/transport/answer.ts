import type { IDataObject, IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';

import { apiErrorFromProblem } from './errors';
import type { Deadline } from './deadline';
import { spaceRequestOptions } from './space';
import type { Call, SignalWireContext } from './types';

/* Reading an answer within the deadline and a size bound; refusing what SignalWire never sends. */

/** A page of 1,000 conferences is about 1 MB: a larger answer is not SignalWire's. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** SignalWire nests about five levels; far deeper is not its, and n8n could not save the item. */
const MAX_JSON_DEPTH = 32;

/** A failure the transport words itself; `retryable` ones are tried again. */
export class AnswerProblem extends Error {
	constructor(
		message: string,
		readonly description: string,
		readonly retryable = false,
	) {
		super(message);
		this.name = 'AnswerProblem';
	}
}

/** An answer that is not a success, with its body (as much of it as was read). */
export class HttpFailure extends Error {
	constructor(
		readonly status: number,
		readonly headers: Record<string, unknown>,
		readonly body: string,
	) {
		super(`HTTP ${status}`);
		this.name = 'HttpFailure';
	}
}

/** n8n's stream type, named through its own helper so that node code needs no `stream` import. */
export type Readable = Exclude<
	Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0],
	Buffer
>;

/** A successful answer: its headers and n8n's response stream, unread. */
interface Answer {
	headers: Record<string, unknown>;
	body: unknown;
}

/** A header's (first) value. */
export function header(headers: Record<string, unknown>, name: string): string | undefined {
	const value = headers[name];
	const first = Array.isArray(value) ? (value[0] as unknown) : value;
	return typeof first === 'string' ? first : undefined;
}

export function isStream(body: unknown): body is Readable {
	return (
		body !== null &&
		typeof body === 'object' &&
		Symbol.asyncIterator in body &&
		typeof (body as { destroy?: unknown }).destroy === 'function'
	);
}

/** One attempt; a failure is thrown as an HttpFailure with as much body as `errorBody` allows. */
export async function answerOf(
	context: SignalWireContext,
	call: Call,
	url: string,
	accept: string,
	deadline: Deadline,
	errorBody: BodyBound,
): Promise<Answer> {
	const pending = context.helpers.httpRequestWithAuthentication.call(
		context,
		'signalWireApi',
		spaceRequestOptions(call, url, accept, deadline.timeoutMs),
	) as Promise<IN8nHttpFullResponse>;
	// A body that will not be read (a late answer's, a redirect's) is closed.
	const release = (body: unknown) => isStream(body) && body.destroy();
	const response = await deadline.race(pending, (late) => release(late?.body));
	const status = Number(response.statusCode);
	const headers = (response.headers ?? {}) as Record<string, unknown>;
	const answer = { headers, body: response.body };
	if (status >= 200 && status < 300) return answer;
	const redirect = status >= 300 && status < 400;
	if (redirect) release(response.body);
	const text = redirect ? '' : await readBody(answer, deadline, errorBody);
	throw new HttpFailure(status, headers, text);
}

function tooLarge(maxBytes: number): AnswerProblem {
	return new AnswerProblem(
		`SignalWire's answer is larger than ${maxBytes / (1024 * 1024)} MB; it was not read`,
		'No SignalWire answer is that large (a page of 1,000 conferences is about 1 MB). Check the Space URL in the credentials: it must point at your SignalWire space.',
	);
}

export interface BodyBound {
	maxBytes: number;
	/** Keep the first `maxBytes` and drop the rest (an error page, quoted in part) instead of refusing. */
	cut?: boolean;
}

/** The body as text; the stream is destroyed the moment the deadline or `maxBytes` is passed. */
export async function readBody(
	{ body, headers }: Answer,
	deadline: Deadline,
	{ maxBytes, cut = false }: BodyBound,
): Promise<string> {
	if (!isStream(body)) {
		const text = body === undefined || body === null ? '' : String(body);
		if (Buffer.byteLength(text) <= maxBytes) return text;
		if (cut) return Buffer.from(text).subarray(0, maxBytes).toString('utf-8');
		throw tooLarge(maxBytes);
	}
	const declared = Number(header(headers, 'content-length'));
	if (!cut && Number.isFinite(declared) && declared > maxBytes) {
		body.destroy();
		throw tooLarge(maxBytes);
	}
	deadline.onExpiry(() => body.destroy());
	const chunks: Buffer[] = [];
	const read = async () => {
		let size = 0;
		for await (const chunk of body) {
			const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
			size += bytes.length;
			chunks.push(bytes);
			if (size > maxBytes) {
				body.destroy();
				if (cut) break;
				throw tooLarge(maxBytes);
			}
		}
	};
	// A cut read only quotes the answer: what came before a failure is enough.
	await (cut ? deadline.race(read()).catch(() => undefined) : deadline.race(read()));
	return Buffer.concat(chunks).subarray(0, maxBytes).toString('utf-8');
}

/** Read before parsing: JSON.parse itself may run out of stack on such input. */
function nestsDeeperThan(text: string, max: number): boolean {
	let depth = 0;
	let inString = false;
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		if (inString) {
			if (char === '\\') index++;
			else if (char === '"') inString = false;
		} else if (char === '"') inString = true;
		else if (char === '[' || char === '{') {
			if (++depth > max) return true;
		} else if (char === ']' || char === '}') depth--;
	}
	return false;
}

/**
 * One JSON object, or nothing for a DELETE (204): anything else (a proxy's HTML, an array, a bare
 * value) would become misleading output items.
 */
export function parseJsonBody(
	context: SignalWireContext,
	call: Call,
	text: string,
	url: string,
): IDataObject {
	const empty = text.trim() === '';
	if (empty && call.method === 'DELETE') return {};
	const path = new URL(url).pathname;
	if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
		throw apiErrorFromProblem(
			context.getNode(),
			call,
			`SignalWire answered with JSON nested deeper than ${MAX_JSON_DEPTH} levels`,
			`No SignalWire object nests that deep, so the response to ${path} was not used. Check the Space URL in the credentials: it must point at your SignalWire space.`,
		);
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		// Not JSON: refused below.
	}
	if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
		return parsed as IDataObject;
	}
	throw apiErrorFromProblem(
		context.getNode(),
		call,
		empty
			? 'SignalWire answered with an empty body'
			: 'SignalWire answered with a body that is not a JSON object',
		`The response to ${path} could not be read. If this persists, check the Space URL in the credentials: it must point at your SignalWire space.`,
	);
}

/** The items and next link of a list envelope, refused when the answer is not one. */
export function readListPage(
	context: SignalWireContext,
	call: Call,
	body: IDataObject,
	listKey: string,
): { items: IDataObject[]; nextPageUri: string | null } {
	const { [listKey]: items, next_page_uri: next } = body;
	if (!Array.isArray(items) || (next !== null && next !== undefined && typeof next !== 'string')) {
		throw apiErrorFromProblem(
			context.getNode(),
			call,
			`SignalWire answered without a "${listKey}" list`,
			'The response is not a SignalWire list page. Check the Space URL in the credentials: it must point at your SignalWire space.',
		);
	}
	return {
		items: items as IDataObject[],
		nextPageUri: typeof next === 'string' && next !== '' ? next : null,
	};
}
