import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
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
	spaceOrigin,
} from '../transport';
import { participantAddress, participantLabel, recordingLabel } from './labels';
import {
	BROWSE_PAGE_SIZE,
	clockOf,
	getIfExists,
	includes,
	isRateLimited,
	newestFirst,
	pickerAnswer,
	pickerPage,
	readPicker,
	urlOf,
} from './pickerPages';

/** Participants' calls read at once to find their numbers. */
const CALL_LOOKUPS_AT_ONCE = 8;
/** At most this many participants' calls are read per picker call; the rest show their call ID. */
export const CALL_LOOKUPS_PER_CALL = 100;

interface Participant {
	participant: IDataObject;
	address: string | undefined;
}

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
async function withAddresses(
	context: ILoadOptionsFunctions,
	participants: IDataObject[],
	budget = { left: CALL_LOOKUPS_PER_CALL, rateLimited: false },
): Promise<Participant[]> {
	return await mapInOrder(participants.length, CALL_LOOKUPS_AT_ONCE, async (index) => {
		const participant = participants[index];
		const callSid = String(participant.call_sid ?? '');
		let address: string | undefined;
		if (isUuid(callSid) && budget.left > 0 && !budget.rateLimited) {
			budget.left--;
			try {
				address = participantAddress(await apiRequest(context, { resource: callPath(callSid) }, 0));
			} catch (error) {
				if (isRateLimited(error)) budget.rateLimited = true;
			}
		}
		return { participant, address };
	});
}

/**
 * Active participants of the chosen conference, in the order they joined, each shown by the
 * number or SIP address they are on, their state (muted, on hold, coaching) and when they joined.
 * Typed text matches the number, address or call ID, across pages.
 */
export async function searchParticipants(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const conferenceSid = chosenConference(this);
	const clock = clockOf(this);
	const origin = await spaceOrigin(this);
	const needle = (filter ?? '').trim();
	const read = pickerPage(this, participantsPath(conferenceSid), 'participants', BROWSE_PAGE_SIZE);
	// The API cannot search participants: their numbers are looked up page by page, then matched.
	const budget = { left: CALL_LOOKUPS_PER_CALL, rateLimited: false };
	const withNumbers = async (pageToken: string | undefined) => {
		const page = await read(pageToken);
		return { ...page, items: await withAddresses(this, page.items, budget) };
	};
	const found = await readPicker<Participant>(
		this,
		[{ name: 'participants', read: withNumbers }],
		paginationToken,
		needle === ''
			? undefined
			: ({ participant, address }) =>
					includes(address, needle) || includes(participant.call_sid, needle),
	);
	const toResult = ({ participant, address }: Participant) => ({
		name: participantLabel(participant, address, clock),
		value: String(participant.call_sid),
		url: urlOf(origin, participant),
	});
	return await pickerAnswer(
		this,
		found,
		toResult,
		paginationToken,
		'participantId',
		async (sid) => {
			const participant = await getIfExists(this, participantPath(conferenceSid, sid));
			return participant && (await withAddresses(this, [participant]))[0];
		},
	);
}

/** Recordings of the chosen conference, newest first; typed text matches the ID, across pages. */
export async function searchConferenceRecordings(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const conferenceSid = chosenConference(this);
	const clock = clockOf(this);
	const origin = await spaceOrigin(this);
	const needle = (filter ?? '').trim();
	const recordings = {
		name: 'recordings',
		read: pickerPage(this, conferenceRecordingsPath(conferenceSid), 'recordings', BROWSE_PAGE_SIZE),
		order: newestFirst,
	};
	const found = await readPicker(
		this,
		[recordings],
		paginationToken,
		needle === '' ? undefined : (recording) => includes(recording.sid, needle),
	);
	const toResult = (recording: IDataObject) => ({
		name: recordingLabel(recording, clock),
		value: String(recording.sid),
		url: urlOf(origin, recording),
	});
	return await pickerAnswer(
		this,
		found,
		toResult,
		paginationToken,
		'recordingId',
		async (sid) => await getIfExists(this, conferenceRecordingPath(conferenceSid, sid)),
	);
}
