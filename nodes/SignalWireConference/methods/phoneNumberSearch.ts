import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { incomingPhoneNumbersPath } from '../transport';
import { phoneNumberLabel } from './labels';
import { definePicker } from './pickerPages';

/**
 * The "From list" picker of the numbers a call can come from: the space's own numbers
 * (IncomingPhoneNumbers), one page per call, searchable by number or name across pages.
 */
export const searchPhoneNumbers = definePicker((context) => ({
	lists: [
		{ name: 'numbers', resource: incomingPhoneNumbersPath(), listKey: 'incoming_phone_numbers' },
	],
	searchIn: (entry) => [entry.phone_number, entry.friendly_name],
	label: phoneNumberLabel,
	valueField: 'phone_number',
	failure: (error) => {
		// Listing numbers needs the token's Numbers scope, which calls themselves do not.
		const scope = error instanceof NodeApiError && ['401', '403'].includes(String(error.httpCode));
		return new NodeOperationError(context.getNode(), error as Error, {
			message: scope ? "Could not list the space's phone numbers" : undefined,
			description: scope
				? 'Listing numbers needs the Numbers scope on the API token (SignalWire dashboard → API). Or switch From to By Number and type the number in E.164 format.'
				: ((error as NodeApiError).description ?? undefined),
		});
	},
}));
