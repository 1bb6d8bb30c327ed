import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { isUuid } from '../helpers/validation';
import type { QueryValues } from '../transport';
import { conferencePath, conferencesPath } from '../transport';
import { conferenceLabel, withDistinctNames } from './labels';
import {
	BROWSE_PAGE_SIZE,
	clockOf,
	getIfExists,
	includes,
	pickerPage,
	newestFirst,
	pickedValue,
	readSearchToken,
	scan,
	SEARCH_PAGE_SIZE,
	tokenOf,
	withPicked,
} from './pickerPages';
import type { SearchToken } from './pickerPages';

/**
 * The "From list" conference picker. Nothing typed: newest first, 50 per page. Something typed:
 * SignalWire's `FriendlyName` filter (an exact match, across all pages) runs beside a scan of the
 * whole list for names or IDs that contain the text, in any case; an ID finds its conference
 * directly. Each entry says what tells it apart from its namesakes: status, start, duration.
 */
export async function searchConferences(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const clock = clockOf(this);
	const toResult = (conference: IDataObject): INodeListSearchItems => ({
		name: conferenceLabel(conference, clock),
		value: String(conference.sid),
	});
	const needle = (filter ?? '').trim();
	const firstCall = !paginationToken;
	const picked = firstCall ? pickedValue(this, 'conferenceId') : undefined;
	const fetchPicked = async (sid: string) => {
		const conference = await getIfExists(this, conferencePath(sid));
		return conference && toResult(conference);
	};
	const read = (query: QueryValues, pageSize: number) => (next: string | undefined) =>
		pickerPage(this, conferencesPath(), 'conferences', pageSize, next, query);

	if (needle === '') {
		const page = await read({}, BROWSE_PAGE_SIZE)(paginationToken || undefined);
		const results = await withPicked(
			withDistinctNames(page.items.sort(newestFirst).map(toResult)),
			picked,
			fetchPicked,
		);
		return page.nextPageToken === null
			? { results }
			: { results, paginationToken: page.nextPageToken };
	}

	if (isUuid(needle)) {
		const found = await fetchPicked(needle.toLowerCase());
		return { results: found ? [found] : [] };
	}

	const state: SearchToken = firstCall
		? { exact: null, scan: null }
		: readSearchToken(this, paginationToken);
	const [exact, scanned] = await Promise.all([
		firstCall || state.exact !== null
			? read(
					{ FriendlyName: needle },
					SEARCH_PAGE_SIZE,
				)(state.exact ?? undefined).then((page) => ({
					items: page.items,
					next: page.nextPageToken,
				}))
			: { items: [], next: null },
		firstCall || state.scan !== null
			? scan(
					read({}, SEARCH_PAGE_SIZE),
					// Exact namesakes come from the FriendlyName query, across all its pages.
					(conference) =>
						conference.friendly_name !== needle &&
						(includes(conference.friendly_name, needle) || includes(conference.sid, needle)),
					state.scan ?? undefined,
				)
			: { items: [], next: null },
	]);
	const results = await withPicked(
		withDistinctNames(
			[...exact.items.sort(newestFirst), ...scanned.items.sort(newestFirst)].map(toResult),
		),
		picked,
		fetchPicked,
	);
	const next = tokenOf({ exact: exact.next, scan: scanned.next });
	return next === undefined ? { results } : { results, paginationToken: next };
}
