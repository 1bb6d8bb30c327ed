import type { IDataObject } from 'n8n-workflow';

import { apiErrorFromProblem } from './errors';
import type { SignalWireContext, SignalWireRequest } from './types';

/**
 * The deepest nesting a SignalWire answer has is about five levels (list → conference →
 * subresource_uris → value); anything far deeper is not SignalWire's, and would make an output
 * item that n8n cannot save (its serialiser recurses once per level).
 */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether JSON text nests deeper than `max`, read in one pass over the text before it is parsed
 * (JSON.parse itself may run out of stack on such input, and its result could not be saved).
 */
export function nestsDeeperThan(text: string, max: number): boolean {
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
 * A successful answer must be one JSON object; only a DELETE may answer with nothing (204).
 * Anything else (HTML from a proxy, an array, a bare value) would become misleading output items.
 */
export function parseJsonBody(
	context: SignalWireContext,
	body: unknown,
	url: string,
	request: SignalWireRequest,
): IDataObject {
	const empty =
		body === undefined || body === null || (typeof body === 'string' && body.trim() === '');
	if (empty && request.method === 'DELETE') return {};
	let parsed: unknown = body;
	if (typeof body === 'string' && nestsDeeperThan(body, MAX_JSON_DEPTH)) {
		throw apiErrorFromProblem(
			context.getNode(),
			`SignalWire answered with JSON nested deeper than ${MAX_JSON_DEPTH} levels`,
			`No SignalWire object nests that deep, so the response to ${new URL(url).pathname} was not used. Check the Space URL in the credentials: it must point at your SignalWire space.`,
			request.itemIndex,
		);
	}
	if (typeof body === 'string' && !empty) {
		try {
			parsed = JSON.parse(body);
		} catch {
			parsed = undefined;
		}
	}
	if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
		return parsed as IDataObject;
	}
	throw apiErrorFromProblem(
		context.getNode(),
		empty
			? 'SignalWire answered with an empty body'
			: 'SignalWire answered with a body that is not a JSON object',
		`The response to ${new URL(url).pathname} could not be read. If this persists, check the Space URL in the credentials: it must point at your SignalWire space.`,
		request.itemIndex,
	);
}

/** The items and next link of a list envelope, refused when the answer is not one. */
export function readListPage(
	context: SignalWireContext,
	body: IDataObject,
	listKey: string,
	itemIndex: number,
): { items: IDataObject[]; nextPageUri: string | null } {
	const items = body[listKey];
	const next = body.next_page_uri;
	if (!Array.isArray(items) || (next !== null && next !== undefined && typeof next !== 'string')) {
		throw apiErrorFromProblem(
			context.getNode(),
			`SignalWire answered without a "${listKey}" list`,
			'The response is not a SignalWire list page. Check the Space URL in the credentials: it must point at your SignalWire space.',
			itemIndex,
		);
	}
	return {
		items: items as IDataObject[],
		nextPageUri: typeof next === 'string' && next !== '' ? next : null,
	};
}
