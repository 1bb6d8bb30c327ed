import type { IDataObject } from 'n8n-workflow';

import { apiErrorFromProblem } from './errors';
import { resourceUrl } from './paths';
import { readListPage } from './responses';
import { send } from './send';
import { getSpace } from './space';
import type { ListPage, ListRequest, SignalWireContext, Space } from './types';

export const MAX_PAGE_SIZE = 1000;

/**
 * `next_page_uri` is a path from the host (it already starts with /api/laml/2010-04-01), so it is
 * joined to the space origin, never to the API base. A link to any other host, scheme or account
 * is refused: following it would send the credentials elsewhere.
 */
function resolveNextPageUrl(
	context: SignalWireContext,
	space: Space,
	nextPageUri: string,
	itemIndex: number,
): string {
	const resolved = URL.canParse(nextPageUri, space.origin)
		? new URL(nextPageUri, space.origin)
		: undefined;
	if (
		resolved === undefined ||
		resolved.origin !== space.origin ||
		!resolved.pathname.startsWith(`${space.accountPath}/`)
	) {
		throw apiErrorFromProblem(
			context.getNode(),
			'SignalWire returned a next page link outside this space; paging stopped',
			`The link "${nextPageUri.slice(0, 200)}" does not point into ${space.origin}${space.accountPath}, so it was not followed (the credentials never leave the space). Check the Space URL in the credentials.`,
			itemIndex,
			space.secrets,
		);
	}
	return resolved.href;
}

async function listPage(
	context: SignalWireContext,
	space: Space,
	request: ListRequest,
	nextPageUri?: string,
): Promise<ListPage> {
	const url =
		nextPageUri === undefined
			? resourceUrl(space, request.resource, request.query)
			: resolveNextPageUrl(context, space, nextPageUri, request.itemIndex);
	const body = await send(context, space, url, { ...request, method: 'GET' });
	return {
		...readListPage(context, body, request.listKey, request.itemIndex),
		secrets: space.secrets,
	};
}

/** One page: the first one (from `resource` and `query`) or the one a `next_page_uri` names. */
export async function signalWireApiListPage(
	context: SignalWireContext,
	request: ListRequest,
	nextPageUri?: string,
): Promise<ListPage> {
	return await listPage(context, await getSpace(context, request.itemIndex), request, nextPageUri);
}

/**
 * Every item of a list, or the first `limit`. PageSize is chosen so that the fewest requests are
 * spent: the maximum for all items, else just the limit.
 */
export async function signalWireApiListAll(
	context: SignalWireContext,
	request: ListRequest,
	limit?: number,
): Promise<IDataObject[]> {
	const pageSize = limit === undefined ? MAX_PAGE_SIZE : Math.min(limit, MAX_PAGE_SIZE);
	const firstPage: ListRequest = {
		...request,
		query: { ...request.query, PageSize: pageSize },
	};
	const space = await getSpace(context, request.itemIndex);
	const collected: IDataObject[] = [];
	const followed = new Set<string>();
	let page = await listPage(context, space, firstPage);
	for (;;) {
		if (page.items.length > pageSize) {
			throw apiErrorFromProblem(
				context.getNode(),
				`SignalWire returned ${page.items.length} items for a page of at most ${pageSize}; paging stopped`,
				"The answer does not follow SignalWire's paging. Check the Space URL in the credentials: it must point at your SignalWire space.",
				request.itemIndex,
			);
		}
		for (const item of page.items) {
			if (limit !== undefined && collected.length >= limit) return collected;
			collected.push(item);
		}
		if (page.nextPageUri === null || (limit !== undefined && collected.length >= limit)) {
			return collected;
		}
		if (followed.has(page.nextPageUri)) {
			throw apiErrorFromProblem(
				context.getNode(),
				'SignalWire returned the same next page link twice; paging stopped',
				`The link "${page.nextPageUri.slice(0, 200)}" was already followed, so following it again would loop forever. ${collected.length} items had been read. Try again later, or narrow the filters.`,
				request.itemIndex,
				page.secrets,
			);
		}
		followed.add(page.nextPageUri);
		page = await listPage(context, space, request, page.nextPageUri);
	}
}
