import type { IDataObject } from 'n8n-workflow';

import { apiErrorFromProblem } from './errors';
import type { SignalWireContext, SignalWireRequest } from './types';

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
	if (typeof body === 'string' && !empty) {
		try {
			parsed = JSON.parse(body);
		} catch {
			parsed = undefined;
		}
	}
	if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
		return parsed as IDataObject;
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
