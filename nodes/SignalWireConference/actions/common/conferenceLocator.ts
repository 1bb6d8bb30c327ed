import type { INodeProperties } from 'n8n-workflow';

import type { ResourceLocatorField } from '../../helpers/validation';

export const CONFERENCE_FIELD: ResourceLocatorField = {
	name: 'conferenceId',
	label: 'Conference',
	collection: 'Conferences',
};

const UUID_REGEX = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** The conference picker shared by every operation that acts on one conference. */
export function conferenceLocator(displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Conference',
		name: CONFERENCE_FIELD.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The conference to act on',
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a conference...',
				typeOptions: {
					searchListMethod: 'searchConferences',
					searchable: true,
				},
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'b3877c40-da60-4998-90ad-b792e98472cf',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `^\\s*${UUID_REGEX}\\s*$`,
							errorMessage: 'Not a conference ID: SignalWire IDs are UUIDs',
						},
					},
				],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder:
					'https://example.signalwire.com/api/laml/2010-04-01/Accounts/…/Conferences/b3877c40-da60-4998-90ad-b792e98472cf',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `.*/Conferences/${UUID_REGEX}(\\.json)?([?#].*)?\\s*$`,
							errorMessage: 'Not a SignalWire conference URL',
						},
					},
				],
				extractValue: {
					type: 'regex',
					regex: `/Conferences/(${UUID_REGEX})`,
				},
			},
		],
	};
}

export function conferencePath(conferenceSid: string): string {
	return `/Conferences/${encodeURIComponent(conferenceSid)}`;
}

export function conferenceNotFound(conferenceSid: string): string {
	return `No conference with ID "${conferenceSid}" exists in this project: check the conference ID, or pick the conference from the list.`;
}
