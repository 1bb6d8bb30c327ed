import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { incomingPhoneNumbersPath, spaceOrigin } from '../transport';
import { BROWSE_PAGE_SIZE, includes, pickerPage, readPicker, urlOf } from './pickerPages';

/**
 * The "From list" picker of the numbers a call can come from: the space's own numbers
 * (IncomingPhoneNumbers), one page per call, searchable by number or name across pages.
 */
export async function searchPhoneNumbers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim();
	const numbers = {
		name: 'numbers',
		read: pickerPage(this, incomingPhoneNumbersPath(), 'incoming_phone_numbers', BROWSE_PAGE_SIZE),
	};
	const matches = (entry: IDataObject) =>
		includes(entry.phone_number, needle) || includes(entry.friendly_name, needle);
	let found;
	try {
		found = await readPicker(this, [numbers], paginationToken, needle ? matches : undefined);
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
	const origin = await spaceOrigin(this);
	const results = found.items.map((entry) => ({
		name:
			entry.friendly_name && entry.friendly_name !== entry.phone_number
				? `${String(entry.phone_number)} (${String(entry.friendly_name)})`
				: String(entry.phone_number),
		value: String(entry.phone_number),
		url: urlOf(origin, entry),
	}));
	return { results, paginationToken: found.paginationToken };
}
