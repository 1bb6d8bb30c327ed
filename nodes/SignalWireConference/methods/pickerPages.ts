import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { parseApiDate } from '../helpers/apiDate';
import { asNodeError } from '../helpers/errorDetails';
import { isUuid } from '../helpers/validation';
import type { ListPage, QueryValues } from '../transport';
import { apiListPage, apiRequest } from '../transport';
import type { LabelClock } from './labels';
import { withDistinctNames } from './labels';

/** What every picker shares: one pager, one token format, the picked entry, links. */

/** Browsing (nothing typed): one page per call, so that the list opens fast on large projects. */
export const BROWSE_PAGE_SIZE = 50;
/** Searching reads bigger pages, since most of what it reads is thrown away. */
export const SEARCH_PAGE_SIZE = 200;
/** At most this many pages per list and call; the pagination token continues where it stopped. */
const SEARCH_PAGES_PER_CALL = 5;
/** A search call stops reading pages once it has this many matches to show. */
const ENOUGH_MATCHES = 25;

export function clockOf(context: ILoadOptionsFunctions): LabelClock {
	return { now: Date.now(), timeZone: context.getTimezone() };
}

const createdAt = (entry: IDataObject) => parseApiDate(entry.date_created) ?? 0;
export const newestFirst = (a: IDataObject, b: IDataObject) => createdAt(b) - createdAt(a);

export function includes(value: unknown, needle: string): boolean {
	return String(value ?? '')
		.toLowerCase()
		.includes(needle.toLowerCase());
}

/** The SignalWire URL of an entry (its `uri` without `.json`), which n8n links to. */
export function urlOf(origin: string, entry: IDataObject): string | undefined {
	const uri = entry.uri;
	return typeof uri === 'string' && uri.startsWith('/')
		? `${origin}${uri.replace(/\.json$/, '')}`
		: undefined;
}

/** One page of a list, the first or the one `pageToken` names. */
export function pickerPage(
	context: ILoadOptionsFunctions,
	resource: string,
	listKey: string,
	pageSize: number,
	query: QueryValues = {},
) {
	return async (pageToken: string | undefined): Promise<ListPage> =>
		await apiListPage(context, { resource }, 0, {
			listKey,
			query: { ...query, PageSize: pageSize },
			pageToken,
		});
}

/** A list a picker reads: its pages, which entries it keeps, in which order it shows them. */
export interface PickerList<T = IDataObject> {
	name: string;
	read: (pageToken: string | undefined) => Promise<{ items: T[]; nextPageToken: string | null }>;
	keep?: (entry: T) => boolean;
	order?: (a: T, b: T) => number;
}

/**
 * The one token format of every picker: for each list, where it goes on (a page token), "" before
 * its first page, null once it has ended. Anything else was not made here.
 */
function readToken<T>(
	context: ILoadOptionsFunctions,
	lists: Array<PickerList<T>>,
	token: string | undefined,
): Record<string, string | null> {
	if (!token) return Object.fromEntries(lists.map((list) => [list.name, '']));
	try {
		const parsed = JSON.parse(token) as Record<string, unknown>;
		const valid = (value: unknown) => value === null || typeof value === 'string';
		if (lists.every((list) => valid(parsed[list.name]))) {
			return parsed as Record<string, string | null>;
		}
	} catch {
		// Reported below.
	}
	throw new NodeOperationError(context.getNode(), 'The list could not load more entries', {
		description: 'Close the list and open it again.',
	});
}

/** Whether SignalWire said "too many requests". */
export function isRateLimited(error: unknown): boolean {
	return error instanceof NodeApiError && String(error.httpCode) === '429';
}

interface Found<T> {
	items: T[];
	paginationToken?: string;
	notice?: string;
}

/**
 * The one pager of every picker. Lists are read in order, each from where the token left it.
 * Browsing (no `matches`) reads one page of each list; searching reads up to
 * SEARCH_PAGES_PER_CALL pages of each list until ENOUGH_MATCHES are found. A 429 ends the call with
 * what it has. `notice` says when the list is incomplete in a way the person should know: rate
 * limited, or a search that stopped at its page budget (n8n's editor loads more only for an empty
 * search, so without it a match further down would look like none).
 */
export async function readPicker<T = IDataObject>(
	context: ILoadOptionsFunctions,
	lists: Array<PickerList<T>>,
	token: string | undefined,
	matches?: (entry: T) => boolean,
): Promise<Found<T>> {
	const cursors = readToken(context, lists, token);
	const items: T[] = [];
	let read = 0;
	let rateLimited = false;
	for (const list of lists) {
		const found: T[] = [];
		for (let pages = 0; cursors[list.name] !== null && !rateLimited; pages++) {
			if (pages === (matches ? SEARCH_PAGES_PER_CALL : 1)) break;
			if (matches && items.length + found.length >= ENOUGH_MATCHES) break;
			let page;
			try {
				page = await list.read(cursors[list.name] || undefined);
			} catch (error) {
				if (!isRateLimited(error)) throw asNodeError(context.getNode(), error);
				rateLimited = true;
				break;
			}
			read += page.items.length;
			found.push(
				...page.items.filter((entry) => (list.keep?.(entry) ?? true) && (matches?.(entry) ?? true)),
			);
			cursors[list.name] = page.nextPageToken;
		}
		items.push(...(list.order ? found.sort(list.order) : found));
	}
	const more = Object.values(cursors).some((cursor) => cursor !== null);
	const notice = rateLimited
		? 'SignalWire is limiting requests right now: this list shows what was read before. Try again in a moment.'
		: matches && more && items.length < ENOUGH_MATCHES
			? `Searched the ${read} most recent entries: type more of what you look for to narrow it down, or clear the search and scroll to load more`
			: undefined;
	return {
		items,
		...(more ? { paginationToken: JSON.stringify(cursors) } : {}),
		...(notice ? { notice } : {}),
	};
}

/**
 * A picker's results with its notice, if any, as a last entry: n8n's list shows entries only, and
 * picking this one leaves the field empty, which the operation then asks to fill.
 */
export function withNotice(
	results: INodeListSearchItems[],
	notice: string | undefined,
): INodeListSearchItems[] {
	return notice === undefined ? results : [...results, { name: notice, value: '' }];
}

/**
 * The value picked in a "From list" locator of the current node, when there is one. n8n 2.41
 * keeps a picked entry's label only if the entry is among the results of the list shown when it
 * is clicked; it pins the picked entry on top of every list, matching or not, so the first page
 * of every list carries it.
 */
function pickedValue(context: ILoadOptionsFunctions, parameterName: string): string | undefined {
	const locator = context.getCurrentNodeParameter(parameterName) as IDataObject | undefined;
	if (locator?.mode !== 'list') return undefined;
	const value = String(locator.value ?? '').trim();
	return isUuid(value) ? value.toLowerCase() : undefined;
}

/** A single GET; undefined when it no longer exists (then n8n shows the label it kept). */
export async function getIfExists(
	context: ILoadOptionsFunctions,
	resource: string,
): Promise<IDataObject | undefined> {
	try {
		return await apiRequest(context, { resource }, 0);
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') return undefined;
		throw asNodeError(context.getNode(), error);
	}
}

/**
 * A picker's answer: its entries under distinct names, the picked entry (`fetchPicked` reads it)
 * on top of the first page when the list lacks it, and the notice, if any, as a last entry.
 */
export async function pickerAnswer<T>(
	context: ILoadOptionsFunctions,
	found: Found<T>,
	toResult: (entry: T) => INodeListSearchItems,
	token: string | undefined,
	pickedParameter: string,
	fetchPicked: (value: string) => Promise<T | undefined>,
): Promise<INodeListSearchResult> {
	const results = withDistinctNames(found.items.map(toResult));
	const picked = token ? undefined : pickedValue(context, pickedParameter);
	if (picked !== undefined && !results.some((result) => result.value === picked)) {
		const entry = await fetchPicked(picked);
		if (entry) results.unshift(toResult(entry));
	}
	return { results: withNotice(results, found.notice), paginationToken: found.paginationToken };
}
