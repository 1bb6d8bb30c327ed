import type { INodeProperties } from 'n8n-workflow';

import { participantPath } from '../../transport';
import type { ConferenceChild } from './conferenceChild';
import { uuidLocator } from './locators';

export const PARTICIPANT: ConferenceChild = {
	field: { name: 'participantId', label: 'Participant', collection: 'Participants' },
	path: participantPath,
	notFound: (conferenceSid, callSid) =>
		`No participant with call ID "${callSid}" is in conference "${conferenceSid}": check both IDs (a participant who left is no longer listed).`,
};

export const participantLocator: INodeProperties = uuidLocator({
	field: PARTICIPANT.field,
	description: "The participant, identified by its call's ID (call_sid)",
	searchMethod: 'searchParticipants',
});
