import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ResourceLocatorField } from '../../helpers/validation';
import { getSidFromLocator } from '../../helpers/validation';
import { CONFERENCE_FIELD, conferencePath } from './conferenceLocator';
import { uuidLocator } from './locators';

export const PARTICIPANT_FIELD: ResourceLocatorField = {
	name: 'participantId',
	label: 'Participant',
	collection: 'Participants',
};

export function participantLocator(displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return uuidLocator(
		{
			field: PARTICIPANT_FIELD,
			description: "The participant, identified by its call's ID (call_sid)",
			searchMethod: 'searchParticipants',
		},
		displayOptions,
	);
}

export interface ParticipantTarget {
	conferenceSid: string;
	callSid: string;
	resource: string;
	notFound: string;
}

/** The conference and participant an item points at, both validated before any request. */
export function readParticipantTarget(context: IExecuteFunctions, itemIndex: number): ParticipantTarget {
	const conferenceSid = getSidFromLocator(context, CONFERENCE_FIELD, itemIndex);
	const callSid = getSidFromLocator(context, PARTICIPANT_FIELD, itemIndex);
	return {
		conferenceSid,
		callSid,
		resource: `${conferencePath(conferenceSid)}/Participants/${encodeURIComponent(callSid)}`,
		notFound: `No participant with call ID "${callSid}" is in conference "${conferenceSid}": check both IDs (a participant who left is no longer listed).`,
	};
}
