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
import type { QueryValues } from '../transport';
import { apiListPage, apiRequest, spaceOrigin } from '../transport';
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

const createdAt = (entry: IDataObject) => parseApiDate(entry.date_created) ?? 0;
export const newestFirst = (a: IDataObject, b: IDataObject) => createdAt(b) - createdAt(a);

function includes(value: unknown, needle: string): boolean {
	return String(value ?? '')
		.toLowerCase()
		.includes(needle.toLowerCase());
}

/** The SignalWire URL of an entry (its `uri` without `.json`), which n8n links to. */
function urlOf(origin: string, entry: IDataObject): string | undefined {
	const uri = entry.uri;
	return typeof uri === 'string' && uri.startsWith('/')
		? `${origin}${uri.replace(/\.json$/, '')}`
		: undefined;
}

/** A list a picker reads: where, its name in the token, which entries it keeps, in which order. */
export interface PickerList {
	name: string;
	resource: string;
	/** The key of the entries in SignalWire's list envelope. */
	listKey: string;
	/** BROWSE_PAGE_SIZE unless said. */
	pageSize?: number;
	query?: QueryValues;
	keep?: (entry: IDataObject) => boolean;
	order?: (a: IDataObject, b: IDataObject) => number;
}

/** What a picker says of its own; `definePicker` does the rest. */
export interface Picker {
	/** The lists read, in this order, for each call. */
	lists: PickerList[];
	/** What typed text is looked for in: anywhere in any of these values, in any case. */
	searchIn: (entry: IDataObject) => unknown[];
	/** The one line n8n shows for an entry. */
	label: (entry: IDataObject, clock: LabelClock) => string;
	/** The entry's field that is the picked value: `sid` unless said. */
	valueField?: string;
	/** The order of the whole answer, when the lists' own orders are not enough. */
	order?: (a: IDataObject, b: IDataObject) => number;
	/** Completes each page read, before it is searched (what the list's entries lack). */
	completePage?: (entries: IDataObject[]) => Promise<void>;
	/** The locator parameter whose picked entry stays in the list, and how to read one entry by ID. */
	picked?: { parameter: string; get: (id: string) => Promise<IDataObject | undefined> };
	/** A typed ID is read with `picked.get` instead of being searched for. */
	getTypedId?: boolean;
	/** What a failure of the call becomes, when the picker knows better than the transport. */
	failure?: (error: unknown) => Error;
}

/**
 * The one token format of every picker: for each list, where it goes on (a page token), "" before
 * its first page, null once it has ended. Anything else was not made here.
 */
function readToken(
	context: ILoadOptionsFunctions,
	lists: PickerList[],
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

/**
 * The one pager of every picker. Lists are read in order, each from where the token left it.
 * Browsing (no `matches`) reads one page of each list; searching reads up to
 * SEARCH_PAGES_PER_CALL pages of each list until ENOUGH_MATCHES are found. A 429 ends the call with
 * what it has. `notice` says when the list is incomplete in a way the person should know: rate
 * limited, or a search that stopped at its page budget (n8n's editor loads more only for an empty
 * search, so without it a match further down would look like none).
 */
async function readPicker(
	context: ILoadOptionsFunctions,
	picker: Picker,
	token: string | undefined,
	matches?: (entry: IDataObject) => boolean,
): Promise<{ items: IDataObject[]; paginationToken?: string; notice?: string }> {
	const cursors = readToken(context, picker.lists, token);
	const items: IDataObject[] = [];
	let read = 0;
	let rateLimited = false;
	for (const list of picker.lists) {
		const found: IDataObject[] = [];
		for (let pages = 0; cursors[list.name] !== null && !rateLimited; pages++) {
			if (pages === (matches ? SEARCH_PAGES_PER_CALL : 1)) break;
			if (matches && items.length + found.length >= ENOUGH_MATCHES) break;
			let page;
			try {
				page = await apiListPage(context, { resource: list.resource }, 0, {
					listKey: list.listKey,
					query: { ...list.query, PageSize: list.pageSize ?? BROWSE_PAGE_SIZE },
					pageToken: cursors[list.name] || undefined,
				});
				await picker.completePage?.(page.items);
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
	return {
		items,
		paginationToken: more ? JSON.stringify(cursors) : undefined,
		notice: rateLimited
			? 'SignalWire is limiting requests right now: this list shows what was read before. Try again in a moment.'
			: matches && more && items.length < ENOUGH_MATCHES
				? `Searched the ${read} most recent entries: type more of what you look for to narrow it down, or clear the search and scroll to load more`
				: undefined,
	};
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
 * A "From list" search method (n8n's `listSearch`) from what `define` says of the picker for this
 * call and the typed text. Its answer: the entries under distinct names, the picked entry on top
 * of the first page when the list lacks it, and the notice, if any, as a last entry (n8n's list
 * shows entries only, and picking this one leaves the field empty, which the operation then asks
 * to fill).
 */
export function definePicker(define: (context: ILoadOptionsFunctions, needle: string) => Picker) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const needle = (filter ?? '').trim();
		const picker = define(this, needle);
		const clock: LabelClock = { now: Date.now(), timeZone: this.getTimezone() };
		try {
			const origin = await spaceOrigin(this);
			const toResult = (entry: IDataObject): INodeListSearchItems => ({
				name: picker.label(entry, clock),
				value: String(entry[picker.valueField ?? 'sid']),
				url: urlOf(origin, entry),
			});
			if (picker.getTypedId && picker.picked && isUuid(needle)) {
				const found = await picker.picked.get(needle.toLowerCase());
				return { results: found ? [toResult(found)] : [] };
			}
			const matches = (entry: IDataObject) =>
				picker.searchIn(entry).some((value) => includes(value, needle));
			const found = await readPicker(this, picker, paginationToken, needle ? matches : undefined);
			if (picker.order) found.items.sort(picker.order);
			const results = withDistinctNames(found.items.map(toResult));
			const { picked } = picker;
			const pickedId = picked && !paginationToken ? pickedValue(this, picked.parameter) : undefined;
			if (pickedId !== undefined && !results.some((result) => result.value === pickedId)) {
				const entry = await picked?.get(pickedId);
				if (entry) results.unshift(toResult(entry));
			}
			if (found.notice !== undefined) results.push({ name: found.notice, value: '' });
			return { results, paginationToken: found.paginationToken };
		} catch (error) {
			throw picker.failure?.(error) ?? error;
		}
	};
}
