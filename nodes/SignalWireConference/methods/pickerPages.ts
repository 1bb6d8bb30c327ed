import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { parseApiDate } from '../helpers/apiDate';
import { isUuid } from '../helpers/validation';
import type { ListPage, QueryValues } from '../transport';
import { apiListPage, apiRequest } from '../transport';
import type { LabelClock } from './labels';

/** What the pickers share: page sizes, paging and search tokens, the picked entry. */

/** Browsing (nothing typed): one page per call, so that the list opens fast on large projects. */
export const BROWSE_PAGE_SIZE = 50;
/** Searching reads bigger pages, since most of what it reads is thrown away. */
export const SEARCH_PAGE_SIZE = 200;
/** At most this many pages per call; the pagination token continues where it stopped. */
export const SEARCH_PAGES_PER_CALL = 5;
/** A search call stops reading pages once it has this many matches to show. */
export const ENOUGH_MATCHES = 25;

export function clockOf(context: ILoadOptionsFunctions): LabelClock {
	return { now: Date.now(), timeZone: context.getTimezone() };
}

export function createdAt(entry: IDataObject): number {
	return parseApiDate(entry.date_created) ?? 0;
}

export const newestFirst = (a: IDataObject, b: IDataObject) => createdAt(b) - createdAt(a);

export function includes(value: unknown, needle: string): boolean {
	return String(value ?? '')
		.toLowerCase()
		.includes(needle.toLowerCase());
}

export function pickerPage(
	context: ILoadOptionsFunctions,
	resource: string,
	listKey: string,
	pageSize: number,
	pageToken: string | undefined,
	query: QueryValues = {},
): Promise<ListPage> {
	return apiListPage(context, { resource }, 0, {
		listKey,
		query: { ...query, PageSize: pageSize },
		pageToken,
	});
}

/**
 * Pages through a list from its first page (or from `nextPageUri`), keeping the entries that
 * match, until ENOUGH_MATCHES are found, SEARCH_PAGES_PER_CALL pages are read or the list ends.
 */
export async function scan(
	readPage: (nextPageUri: string | undefined) => Promise<ListPage>,
	matches: (entry: IDataObject) => boolean,
	nextPageUri: string | undefined,
): Promise<{ items: IDataObject[]; next: string | null }> {
	const items: IDataObject[] = [];
	let next: string | null | undefined = nextPageUri;
	for (let pages = 0; pages < SEARCH_PAGES_PER_CALL && items.length < ENOUGH_MATCHES; pages++) {
		const page = await readPage(next);
		items.push(...page.items.filter(matches));
		next = page.nextPageToken;
		if (next === null) break;
	}
	return { items, next: next ?? null };
}

/**
 * The value picked in a "From list" locator of the current node, when there is one. n8n 2.41
 * keeps a picked entry's label only if the entry is among the results of the list shown when it
 * is clicked; it pins the picked entry on top of every list, matching or not, so the first page
 * of every list carries it.
 */
export function pickedValue(
	context: ILoadOptionsFunctions,
	parameterName: string,
): string | undefined {
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
	const outcome = await apiRequest(context, { resource }, 0).then(
		(body) => ({ body, failure: undefined }),
		(failure: unknown) => ({ body: undefined, failure }),
	);
	if (outcome.failure === undefined) return outcome.body;
	if (outcome.failure instanceof NodeApiError && outcome.failure.httpCode === '404')
		return undefined;
	throw outcome.failure;
}

export async function withPicked(
	results: INodeListSearchItems[],
	picked: string | undefined,
	fetchPicked: (value: string) => Promise<INodeListSearchItems | undefined>,
): Promise<INodeListSearchItems[]> {
	if (picked === undefined || results.some((result) => result.value === picked)) return results;
	const entry = await fetchPicked(picked);
	return entry ? [entry, ...results] : results;
}

export interface SearchToken {
	/** The next page of the server-side exact-name query. */
	exact: string | null;
	/** The next page of the client-side substring scan. */
	scan: string | null;
}

export function readSearchToken(context: ILoadOptionsFunctions, token: string): SearchToken {
	try {
		const parsed = JSON.parse(token) as Partial<SearchToken>;
		const valid = (value: unknown) => value === null || typeof value === 'string';
		if (valid(parsed.exact) && valid(parsed.scan)) return parsed as SearchToken;
	} catch {
		// Reported below.
	}
	throw new NodeOperationError(context.getNode(), 'The list could not load more entries', {
		description: 'Close the list and open it again.',
	});
}

export function tokenOf(state: SearchToken): string | undefined {
	return state.exact === null && state.scan === null ? undefined : JSON.stringify(state);
}
