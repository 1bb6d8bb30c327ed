import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { signalWireApiListPage } from '../transport/request';

const PICKER_PAGE_SIZE = 50;

function createdAt(conference: IDataObject): number {
	const time = Date.parse(String(conference.date_created ?? '').replace(/\bSept\b/, 'Sep'));
	return Number.isNaN(time) ? 0 : time;
}

function matches(conference: IDataObject, filter: string): boolean {
	const needle = filter.trim().toLowerCase();
	return (
		String(conference.friendly_name ?? '').toLowerCase().includes(needle) ||
		String(conference.sid ?? '').toLowerCase().includes(needle)
	);
}

/**
 * The "From list" picker: one API page per call, newest first, and `next_page_uri` as the string
 * token n8n hands back for the next page.
 */
export async function searchConferences(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await signalWireApiListPage(
		this,
		{
			resource: '/Conferences',
			listKey: 'conferences',
			query: { PageSize: PICKER_PAGE_SIZE },
			itemIndex: 0,
		},
		paginationToken || undefined,
	);
	const results: INodeListSearchItems[] = page.items
		.filter((conference) => !filter || matches(conference, filter))
		.sort((a, b) => createdAt(b) - createdAt(a))
		.map((conference) => ({
			name: `${String(conference.friendly_name ?? conference.sid)} (${String(conference.status ?? 'unknown')})`,
			value: String(conference.sid),
			description: String(conference.date_created ?? ''),
		}));
	return page.nextPageUri === null ? { results } : { results, paginationToken: page.nextPageUri };
}
