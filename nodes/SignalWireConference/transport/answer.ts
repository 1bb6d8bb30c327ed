import type { IDataObject, IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';

import { apiErrorFromProblem, CHECK_SPACE_URL } from './errors';
import type { Deadline } from './deadline';
import { spaceRequestOptions } from './space';
import type { Call, SignalWireContext } from './types';

/* Reading an answer within the deadline and a size bound; refusing what SignalWire never sends. */

/** A page of 1,000 conferences is about 1 MB: a larger answer is not SignalWire's. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;
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

/** A header's (first) value. */
export function header(headers: Record<string, unknown>, name: string): string | undefined {
	const value = headers[name];
	const first = Array.isArray(value) ? (value[0] as unknown) : value;
	return typeof first === 'string' ? first : undefined;
}

/**
 * One attempt's answer, its body unread: n8n's helper hands every body over as a stream when asked
 * for `encoding: 'stream'` (n8n 1.x and 2.x alike). A redirect is thrown as an HttpFailure.
 */
export async function answerOf(
	context: SignalWireContext,
	call: Call,
	url: string,
	accept: string,
	deadline: Deadline,
) {
	const pending = context.helpers.httpRequestWithAuthentication.call(
		context,
		'signalWireApi',
		spaceRequestOptions(call, url, accept, deadline.timeoutMs),
	) as Promise<IN8nHttpFullResponse>;
	// A body that will not be read (a late answer's, a redirect's) is closed.
	const response = await deadline.race(pending, (late) => (late.body as Readable).destroy());
	const status = Number(response.statusCode);
	const headers = (response.headers ?? {}) as Record<string, unknown>;
	const body = response.body as Readable;
	if (status >= 300 && status < 400) {
		body.destroy();
		throw new HttpFailure(status, headers, '');
	}
	return { ok: status >= 200 && status < 300, status, headers, body };
}

/**
 * The body's first `maxBytes` as text, and whether more came: the stream is destroyed the moment
 * more comes or the deadline passes. A failure is returned with what came before it, not thrown.
 */
export async function readBody(body: Readable, deadline: Deadline, maxBytes: number) {
	deadline.onExpiry(() => body.destroy());
	const chunks: Buffer[] = [];
	let size = 0;
	let failure: unknown;
	const read = async () => {
		for await (const chunk of body) {
			const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
			size += bytes.length;
			chunks.push(bytes);
			if (size > maxBytes) {
				body.destroy();
				break;
			}
		}
	};
	await deadline.race(read()).catch((error: unknown) => (failure = error));
	const text = Buffer.concat(chunks).subarray(0, maxBytes).toString('utf-8');
	return { text, more: size > maxBytes, failure };
}

/** A JSON answer's text, a success's or a failure's; one larger than any of SignalWire's is refused. */
export async function readJsonText(
	{ headers, body }: { headers: Record<string, unknown>; body: Readable },
	deadline: Deadline,
): Promise<string> {
	// One that says it is too large is refused unread.
	const declared = Number(header(headers, 'content-length'));
	if (!(declared > MAX_BODY_BYTES)) {
		const { text, more, failure } = await readBody(body, deadline, MAX_BODY_BYTES);
		if (failure !== undefined) throw failure;
		if (!more) return text;
	}
	body.destroy();
	throw new AnswerProblem(
		`SignalWire's answer is larger than ${MAX_BODY_BYTES / (1024 * 1024)} MB; it was not read`,
		`No SignalWire answer is that large (a page of 1,000 conferences is about 1 MB). ${CHECK_SPACE_URL}`,
	);
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
			`No SignalWire object nests that deep, so the response to ${path} was not used. ${CHECK_SPACE_URL}`,
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
			`The response is not a SignalWire list page. ${CHECK_SPACE_URL}`,
		);
	}
	// An empty page that still links onwards has nothing to add: following it can only loop.
	const last = items.length === 0 || typeof next !== 'string' || next === '';
	return { items: items as IDataObject[], nextPageUri: last ? null : next };
}
