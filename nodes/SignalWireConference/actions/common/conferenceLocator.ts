import type { INodeProperties } from 'n8n-workflow';

import type { ResourceLocatorField } from '../../helpers/validation';
import { UUID_REGEX } from '../../helpers/validation';
import type { LocatorOptions } from './locators';
import { uuidLocator } from './locators';

export const CONFERENCE_FIELD: ResourceLocatorField = {
	name: 'conferenceId',
	label: 'Conference',
	collection: 'Conferences',
};

/** "By URL": a SignalWire conference URL or a conference's `uri` field. */
export const CONFERENCE_URL_MODE: NonNullable<LocatorOptions['urlMode']> = {
	placeholder:
		'https://example.signalwire.com/api/laml/2010-04-01/Accounts/…/Conferences/b3877c40-da60-4998-90ad-b792e98472cf',
	regex: `.*/Conferences/${UUID_REGEX}(\\.json)?([?#].*)?\\s*$`,
	errorMessage: 'Not a SignalWire conference URL',
	extractRegex: `/Conferences/(${UUID_REGEX})`,
};

/** The conference picker shared by every operation that acts on one conference. */
export const conferenceLocator: INodeProperties = uuidLocator({
	field: CONFERENCE_FIELD,
	description: 'The conference to act on',
	searchMethod: 'searchConferences',
	urlMode: CONFERENCE_URL_MODE,
});

export function conferenceNotFound(conferenceSid: string): string {
	return `No conference with ID "${conferenceSid}" exists in this project: check the conference ID, or pick the conference from the list.`;
}
