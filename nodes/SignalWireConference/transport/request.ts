import type { IDataObject } from 'n8n-workflow';

import { answerOf, HttpFailure, parseJsonBody, readJsonText, readListPage } from './answer';
import { apiErrorFromProblem, CHECK_SPACE_URL, quoteFromServer } from './errors';
import { resourceUrl } from './paths';
import { withRetries } from './reliability';
import { nextPageUrl, startCall } from './space';
import type { Call, CallOptions, QueryValues, SignalWireContext, Target } from './types';

/* JSON requests: one resource, one page of a list, or a whole list. */

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

const MAX_PAGE_SIZE = 1000;

/** A server that keeps sending next links (fresh ones, or one item per page) is stopped here. */
const MAX_LIST_ITEMS = 100_000;

/** Every page but the last is full, so a list of MAX_LIST_ITEMS takes at most this many. */
const maxPages = (pageSize: number) => Math.ceil(MAX_LIST_ITEMS / Math.max(1, pageSize)) + 1;

/** One JSON object from `url`: the call's resource, or a next link paging has checked. */
async function requestJson(
	context: SignalWireContext,
	call: Call,
	url: string,
): Promise<IDataObject> {
	const text = await withRetries(context, call, async (deadline) => {
		const answer = await answerOf(context, call, url, 'application/json', deadline);
		const body = await readJsonText(answer, deadline);
		if (!answer.ok) throw new HttpFailure(answer.status, answer.headers, body);
		return body;
	});
	return parseJsonBody(context, call, text, url);
}

/** A request to one resource of the space; a DELETE's empty 204 gives `{}`. */
export async function apiRequest(
	context: SignalWireContext,
	target: Target,
	itemIndex: number,
	options: CallOptions = {},
): Promise<IDataObject> {
	const call = await startCall(context, target, itemIndex, options);
	return await requestJson(context, call, resourceUrl(call));
}

function tooManyPages(context: SignalWireContext, call: Call, pages: number, read?: number) {
	const itemsRead = read === undefined ? '' : ` ${read} items had been read.`;
	return apiErrorFromProblem(
		context.getNode(),
		call,
		`SignalWire kept sending next page links after ${pages} pages; paging stopped`,
		`One list is read to at most ${MAX_LIST_ITEMS.toLocaleString('en-US')} items.${itemsRead} Narrow the list with filters (e.g. dates), or check the Space URL in the credentials.`,
	);
}

/** One page of a list: the first, or the one a next link leads to once it is checked. */
async function readPage(context: SignalWireContext, call: Call, listKey: string, next?: string) {
	const url = next === undefined ? resourceUrl(call) : nextPageUrl(context, call, next);
	return readListPage(context, call, await requestJson(context, call, url), listKey);
}

/**
 * A page token is the next link with the number of the page it leads to in a fragment (never
 * sent), so that paging across calls (a picker's "load more") is bounded like paging in one list.
 */
const PAGE_NUMBER_MARK = '#page-number=';

function readPageToken(token?: string): { uri?: string; pageNumber: number } {
	if (token === undefined) return { pageNumber: 1 };
	const at = token.lastIndexOf(PAGE_NUMBER_MARK);
	if (at === -1) return { uri: token, pageNumber: 2 };
	const pageNumber = Number(token.slice(at + PAGE_NUMBER_MARK.length));
	return {
		uri: token.slice(0, at),
		pageNumber: Number.isInteger(pageNumber) && pageNumber > 1 ? pageNumber : 2,
	};
}

export async function apiListPage(
	context: SignalWireContext,
	target: Target,
	itemIndex: number,
	options: ListOptions & { pageToken?: string },
): Promise<ListPage> {
	const call = await startCall(context, target, itemIndex, { query: options.query });
	const { uri, pageNumber } = readPageToken(options.pageToken);
	const asked = Number(options.query?.PageSize);
	const pageSize = Number.isInteger(asked) && asked > 0 ? Math.min(asked, MAX_PAGE_SIZE) : 50;
	if (pageNumber > maxPages(pageSize)) throw tooManyPages(context, call, pageNumber - 1);
	const page = await readPage(context, call, options.listKey, uri);
	const next = page.nextPageUri?.split('#')[0];
	return {
		items: page.items,
		nextPageToken: next === undefined ? null : `${next}${PAGE_NUMBER_MARK}${pageNumber + 1}`,
	};
}

/** Every item of a list, or the first `limit`, in as few pages as PageSize allows. */
export async function apiListAll(
	context: SignalWireContext,
	target: Target,
	itemIndex: number,
	options: ListOptions & { limit?: number },
): Promise<IDataObject[]> {
	const { limit = Infinity } = options;
	const pageSize = Math.min(limit, MAX_PAGE_SIZE);
	const call = await startCall(context, target, itemIndex, {
		query: { ...options.query, PageSize: pageSize },
	});
	const collected: IDataObject[] = [];
	const followed = new Set<string>();
	let next: string | undefined;
	for (let pageNumber = 1; ; pageNumber++) {
		const page = await readPage(context, call, options.listKey, next);
		if (page.items.length > pageSize) {
			throw apiErrorFromProblem(
				context.getNode(),
				call,
				`SignalWire returned ${page.items.length} items for a page of at most ${pageSize}; paging stopped`,
				`The answer does not follow SignalWire's paging. ${CHECK_SPACE_URL}`,
			);
		}
		collected.push(...page.items.slice(0, limit - collected.length));
		if (page.nextPageUri === null || collected.length >= limit) return collected;
		if (followed.has(page.nextPageUri)) {
			throw apiErrorFromProblem(
				context.getNode(),
				call,
				'SignalWire returned the same next page link twice; paging stopped',
				`The link "${quoteFromServer(page.nextPageUri, call.secrets)}" was already followed, so following it again would loop forever. ${collected.length} items had been read. Try again later, or narrow the filters.`,
			);
		}
		if (pageNumber >= maxPages(pageSize)) {
			throw tooManyPages(context, call, pageNumber, collected.length);
		}
		next = page.nextPageUri;
		followed.add(next);
	}
}
