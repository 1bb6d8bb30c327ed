import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { mapInOrder } from '../helpers/mapInOrder';
import { isUuid } from '../helpers/validation';
import {
	callPath,
	conferenceRecordingPath,
	conferenceRecordingsPath,
	participantPath,
	participantsPath,
	apiRequest,
} from '../transport';
import { participantAddress, participantLabel, recordingLabel } from './labels';
import { getIfExists, isRateLimited, definePicker, newestFirst } from './pickerPages';

/** Participants' calls read at once to find their numbers. */
const CALL_LOOKUPS_AT_ONCE = 8;
/** At most this many participants' calls are read per picker call; the rest show their call ID. */
export const CALL_LOOKUPS_PER_CALL = 100;

/** The conference chosen above the participant or recording picker, whatever its mode. */
function chosenConference(context: ILoadOptionsFunctions): string {
	const value = String(
		context.getCurrentNodeParameter('conferenceId', { extractValue: true }) ?? '',
	).trim();
	if (!isUuid(value)) {
		throw new NodeOperationError(context.getNode(), 'Choose the conference first', {
			description:
				'The list shows the participants or recordings of the conference selected above.',
		});
	}
	return value.toLowerCase();
}

/**
 * Participant objects carry no phone number: it is on their call. The calls are read a few at a
 * time, within the picker call's budget (shared by every page it reads); once SignalWire answers
 * 429 no more are read. A call not read (budget, 429, any failure) leaves the participant labelled
 * by its call ID and state rather than failing the whole list.
 */
async function lookUpAddresses(
	context: ILoadOptionsFunctions,
	participants: IDataObject[],
	addresses: Map<IDataObject, string | undefined>,
	budget = { left: CALL_LOOKUPS_PER_CALL, rateLimited: false },
): Promise<void> {
	await mapInOrder(participants.length, CALL_LOOKUPS_AT_ONCE, async (index) => {
		const participant = participants[index];
		const callSid = String(participant.call_sid ?? '');
		if (isUuid(callSid) && budget.left > 0 && !budget.rateLimited) {
			budget.left--;
			try {
				const call = await apiRequest(context, { resource: callPath(callSid) }, 0);
				addresses.set(participant, participantAddress(call));
			} catch (error) {
				if (isRateLimited(error)) budget.rateLimited = true;
			}
		}
	});
}

/**
 * Active participants of the chosen conference, in the order they joined, each shown by the
 * number or SIP address they are on, their state (muted, on hold, coaching) and when they joined.
 * Typed text matches the number, address or call ID, across pages.
 */
export const searchParticipants = definePicker((context) => {
	const conferenceSid = chosenConference(context);
	const addresses = new Map<IDataObject, string | undefined>();
	const budget = { left: CALL_LOOKUPS_PER_CALL, rateLimited: false };
	return {
		lists: [
			{ name: 'participants', resource: participantsPath(conferenceSid), listKey: 'participants' },
		],
		// The API cannot search participants: their numbers are looked up page by page, then matched.
		completePage: async (page) => await lookUpAddresses(context, page, addresses, budget),
		searchIn: (participant) => [addresses.get(participant), participant.call_sid],
		label: (participant, clock) => participantLabel(participant, addresses.get(participant), clock),
		valueField: 'call_sid',
		picked: {
			parameter: 'participantId',
			get: async (sid) => {
				const participant = await getIfExists(context, participantPath(conferenceSid, sid));
				// A budget of its own, so that the picked entry keeps its number whatever the pages used.
				if (participant) await lookUpAddresses(context, [participant], addresses);
				return participant;
			},
		},
	};
});

/** Recordings of the chosen conference, newest first; typed text matches the ID, across pages. */
export const searchConferenceRecordings = definePicker((context) => {
	const conferenceSid = chosenConference(context);
	return {
		lists: [
			{
				name: 'recordings',
				resource: conferenceRecordingsPath(conferenceSid),
				listKey: 'recordings',
				order: newestFirst,
			},
		],
		searchIn: (recording) => [recording.sid],
		label: recordingLabel,
		picked: {
			parameter: 'recordingId',
			get: async (sid) => await getIfExists(context, conferenceRecordingPath(conferenceSid, sid)),
		},
	};
});
