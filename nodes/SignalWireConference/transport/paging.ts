import type { IDataObject } from 'n8n-workflow';

import { apiErrorFromProblem, quoteLink } from './errors';
import { resourceUrl } from './paths';
import { readListPage } from './responses';
import { send } from './send';
import { getSpace } from './space';
import type { ListPage, ListRequest, SignalWireContext, Space } from './types';

export const MAX_PAGE_SIZE = 1000;

/**
 * The most items one list is read to. Every page but the last is full, so a list of this many
 * takes ceil(MAX_LIST_ITEMS / PageSize) pages; a server that keeps sending next links beyond that
 * (fresh ones each time, or one item per page) is stopped with an error instead of being followed
 * for ever.
 */
export const MAX_LIST_ITEMS = 100_000;

export function maxPages(pageSize: number): number {
	return Math.ceil(MAX_LIST_ITEMS / Math.max(1, pageSize)) + 1;
}

function pageSizeOf(request: ListRequest): number {
	const asked = Number(request.query?.PageSize);
	return Number.isInteger(asked) && asked > 0 ? Math.min(asked, MAX_PAGE_SIZE) : 50;
}

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
			`The link "${quoteLink(nextPageUri, space.secrets)}" does not point into ${space.origin}${space.accountPath}, so it was not followed (the credentials never leave the space). Check the Space URL in the credentials.`,
			itemIndex,
			space.secrets,
		);
	}
	resolved.hash = '';
	return resolved.href;
}

function tooManyPages(
	context: SignalWireContext,
	request: ListRequest,
	pages: number,
	read: number | undefined,
): Error {
	const itemsRead = read === undefined ? '' : ` ${read} items had been read.`;
	return apiErrorFromProblem(
		context.getNode(),
		`SignalWire kept sending next page links after ${pages} pages; paging stopped`,
		`One list is read to at most ${MAX_LIST_ITEMS.toLocaleString('en-US')} items.${itemsRead} Narrow the list with filters (e.g. dates), or check the Space URL in the credentials.`,
		request.itemIndex,
	);
}

async function listPage(
	context: SignalWireContext,
	space: Space,
	request: ListRequest,
	nextPageUri?: string,
): Promise<Omit<ListPage, 'secrets'>> {
	const url =
		nextPageUri === undefined
			? resourceUrl(space, request.resource, request.query)
			: resolveNextPageUrl(context, space, nextPageUri, request.itemIndex);
	const body = await send(context, space, url, { ...request, method: 'GET' });
	const page = readListPage(context, body, request.listKey, request.itemIndex);
	// An empty page that still links onwards has nothing to add: following it can only loop.
	return page.items.length === 0 ? { items: [], nextPageUri: null } : page;
}

/**
 * The token a picker hands back for the next page: the next link, with the number of the page it
 * leads to in a fragment (never sent; stripped before the request), so that paging across picker
 * calls is bounded like paging within one list.
 */
const PAGE_NUMBER_MARK = '#page-number=';

function pageToken(nextPageUri: string, pageNumber: number): string {
	return `${nextPageUri.split('#')[0]}${PAGE_NUMBER_MARK}${pageNumber}`;
}

function readPageToken(token: string): { uri: string; pageNumber: number } {
	const at = token.lastIndexOf(PAGE_NUMBER_MARK);
	if (at === -1) return { uri: token, pageNumber: 2 };
	const pageNumber = Number(token.slice(at + PAGE_NUMBER_MARK.length));
	return {
		uri: token.slice(0, at),
		pageNumber: Number.isInteger(pageNumber) && pageNumber > 1 ? pageNumber : 2,
	};
}

/**
 * One page: the first one (from `resource` and `query`) or the one a previous page's
 * `nextPageUri` token names. The token is opaque: pass it back as it is.
 */
export async function signalWireApiListPage(
	context: SignalWireContext,
	request: ListRequest,
	nextPageToken?: string,
): Promise<ListPage> {
	const space = await getSpace(context, request.itemIndex);
	const { uri, pageNumber } =
		nextPageToken === undefined ? { uri: undefined, pageNumber: 1 } : readPageToken(nextPageToken);
	if (pageNumber > maxPages(pageSizeOf(request))) {
		throw tooManyPages(context, request, pageNumber - 1, undefined);
	}
	const page = await listPage(context, space, request, uri);
	return {
		items: page.items,
		nextPageUri: page.nextPageUri === null ? null : pageToken(page.nextPageUri, pageNumber + 1),
		secrets: space.secrets,
	};
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
	for (let pageNumber = 1; ; pageNumber++) {
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
				`The link "${quoteLink(page.nextPageUri, space.secrets)}" was already followed, so following it again would loop forever. ${collected.length} items had been read. Try again later, or narrow the filters.`,
				request.itemIndex,
				space.secrets,
			);
		}
		if (pageNumber >= maxPages(pageSize)) {
			throw tooManyPages(context, request, pageNumber, collected.length);
		}
		followed.add(page.nextPageUri);
		page = await listPage(context, space, request, page.nextPageUri);
	}
}
