import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { incomingPhoneNumbersPath, apiListPage } from '../transport';

const PICKER_PAGE_SIZE = 50;

/**
 * The "From list" picker of the numbers a call can come from: the space's own numbers
 * (IncomingPhoneNumbers), one API page per call, searchable by number or name.
 */
export async function searchPhoneNumbers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	let page;
	try {
		page = await apiListPage(this, { resource: incomingPhoneNumbersPath() }, 0, {
			listKey: 'incoming_phone_numbers',
			query: { PageSize: PICKER_PAGE_SIZE },
			pageToken: paginationToken || undefined,
		});
	} catch (error) {
		// Listing numbers needs the token's Numbers scope, which calls themselves do not.
		const scope = error instanceof NodeApiError && ['401', '403'].includes(String(error.httpCode));
		throw new NodeOperationError(this.getNode(), error as Error, {
			message: scope ? "Could not list the space's phone numbers" : undefined,
			description: scope
				? 'Listing numbers needs the Numbers scope on the API token (SignalWire dashboard → API). Or switch From to By Number and type the number in E.164 format.'
				: ((error as NodeApiError).description ?? undefined),
		});
	}
	const needle = (filter ?? '').trim().toLowerCase();
	const results = page.items
		.filter(
			(entry) =>
				needle === '' ||
				String(entry.phone_number ?? '')
					.toLowerCase()
					.includes(needle) ||
				String(entry.friendly_name ?? '')
					.toLowerCase()
					.includes(needle),
		)
		.map((entry) => ({
			name:
				entry.friendly_name && entry.friendly_name !== entry.phone_number
					? `${String(entry.phone_number)} (${String(entry.friendly_name)})`
					: String(entry.phone_number),
			value: String(entry.phone_number),
		}));
	return page.nextPageToken === null
		? { results }
		: { results, paginationToken: page.nextPageToken };
}
