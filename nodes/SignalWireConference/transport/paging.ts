import type { IDataObject } from 'n8n-workflow';

import { readListPage } from './answer';
import { apiErrorFromProblem, quoteLink } from './errors';
import { resourceUrl } from './paths';
import { callOf, sendJson } from './request';
import { getSpace, nextPageUrl } from './space';
import type { Call, QueryValues, SignalWireContext, Space, Target } from './types';

export interface ListOptions {
	/** The array's key in SignalWire's list envelope, e.g. "conferences". */
	listKey: string;
	query?: QueryValues;
}

export interface ListPage {
	items: IDataObject[];
	/** Opaque: pass it back as it is for the next page; null after the last one. */
	nextPageToken: string | null;
}

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

function pageSizeOf(query: QueryValues | undefined): number {
	const asked = Number(query?.PageSize);
	return Number.isInteger(asked) && asked > 0 ? Math.min(asked, MAX_PAGE_SIZE) : 50;
}

function tooManyPages(
	context: SignalWireContext,
	itemIndex: number,
	pages: number,
	read: number | undefined,
): Error {
	const itemsRead = read === undefined ? '' : ` ${read} items had been read.`;
	return apiErrorFromProblem(
		context.getNode(),
		`SignalWire kept sending next page links after ${pages} pages; paging stopped`,
		`One list is read to at most ${MAX_LIST_ITEMS.toLocaleString('en-US')} items.${itemsRead} Narrow the list with filters (e.g. dates), or check the Space URL in the credentials.`,
		itemIndex,
	);
}

interface Page {
	items: IDataObject[];
	nextPageUri: string | null;
}

/** The first page (from the target and query) or the one `nextPageUri` names. */
async function readPage(
	context: SignalWireContext,
	space: Space,
	call: Call,
	listKey: string,
	nextPageUri?: string,
): Promise<Page> {
	const url =
		nextPageUri === undefined
			? resourceUrl(space, call.resource, call.query)
			: nextPageUrl(context, space, nextPageUri, call.itemIndex);
	const body = await sendJson(context, space, call, url);
	const page = readListPage(context, body, listKey, call.itemIndex);
	// An empty page that still links onwards has nothing to add: following it can only loop.
	return page.items.length === 0 ? { items: [], nextPageUri: null } : page;
}

/**
 * A page token: the next link, with the number of the page it leads to in a fragment (never
 * sent; stripped before the request), so that paging across calls (a picker's "load more") is
 * bounded like paging within one list.
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

/** One page: the first one, or the one a previous page's `nextPageToken` names. */
export async function apiListPage(
	context: SignalWireContext,
	target: Target,
	itemIndex: number,
	options: ListOptions & { pageToken?: string },
): Promise<ListPage> {
	const space = await getSpace(context, itemIndex);
	const call = callOf(space, target, itemIndex, { query: options.query });
	const { uri, pageNumber } =
		options.pageToken === undefined
			? { uri: undefined, pageNumber: 1 }
			: readPageToken(options.pageToken);
	if (pageNumber > maxPages(pageSizeOf(options.query))) {
		throw tooManyPages(context, itemIndex, pageNumber - 1, undefined);
	}
	const page = await readPage(context, space, call, options.listKey, uri);
	return {
		items: page.items,
		nextPageToken: page.nextPageUri === null ? null : pageToken(page.nextPageUri, pageNumber + 1),
	};
}

/**
 * Every item of a list, or the first `limit`. PageSize is chosen so that the fewest requests are
 * spent: the maximum for all items, else just the limit.
 */
export async function apiListAll(
	context: SignalWireContext,
	target: Target,
	itemIndex: number,
	options: ListOptions & { limit?: number },
): Promise<IDataObject[]> {
	const { limit } = options;
	const pageSize = limit === undefined ? MAX_PAGE_SIZE : Math.min(limit, MAX_PAGE_SIZE);
	const space = await getSpace(context, itemIndex);
	const call = callOf(space, target, itemIndex, {
		query: { ...options.query, PageSize: pageSize },
	});
	const collected: IDataObject[] = [];
	const followed = new Set<string>();
	let page = await readPage(context, space, call, options.listKey);
	for (let pageNumber = 1; ; pageNumber++) {
		if (page.items.length > pageSize) {
			throw apiErrorFromProblem(
				context.getNode(),
				`SignalWire returned ${page.items.length} items for a page of at most ${pageSize}; paging stopped`,
				"The answer does not follow SignalWire's paging. Check the Space URL in the credentials: it must point at your SignalWire space.",
				itemIndex,
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
				itemIndex,
				space.secrets,
			);
		}
		if (pageNumber >= maxPages(pageSize)) {
			throw tooManyPages(context, itemIndex, pageNumber, collected.length);
		}
		followed.add(page.nextPageUri);
		page = await readPage(context, space, call, options.listKey, page.nextPageUri);
	}
}
