import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseApiDate } from '../helpers/apiDate';
import { isUuid } from '../helpers/validation';
import {
	conferenceRecordingsPath,
	conferencesPath,
	participantsPath,
	signalWireApiListPage,
} from '../transport';

const PICKER_PAGE_SIZE = 50;

interface Picker {
	resource: string;
	listKey: string;
	/** Whether an entry matches what the user typed into the search box (lower case). */
	matches: (entry: IDataObject, needle: string) => boolean;
	toResult: (entry: IDataObject) => INodeListSearchItems;
	order?: (a: IDataObject, b: IDataObject) => number;
}

/**
 * One API page per call, so that the picker opens fast on large projects; `next_page_uri` is the
 * string token n8n hands back for the next page.
 */
async function searchPage(
	context: ILoadOptionsFunctions,
	picker: Picker,
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const page = await signalWireApiListPage(
		context,
		{
			resource: picker.resource,
			listKey: picker.listKey,
			query: { PageSize: PICKER_PAGE_SIZE },
			itemIndex: 0,
		},
		paginationToken || undefined,
	);
	const needle = (filter ?? '').trim().toLowerCase();
	const entries = page.items.filter((entry) => needle === '' || picker.matches(entry, needle));
	if (picker.order) entries.sort(picker.order);
	const results = entries.map(picker.toResult);
	return page.nextPageUri === null ? { results } : { results, paginationToken: page.nextPageUri };
}

function createdAt(entry: IDataObject): number {
	return parseApiDate(entry.date_created) ?? 0;
}

function includes(value: unknown, needle: string): boolean {
	return String(value ?? '')
		.toLowerCase()
		.includes(needle);
}

/** The "From list" conference picker: newest first, searchable by name or ID. */
export async function searchConferences(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(
		this,
		{
			resource: conferencesPath(),
			listKey: 'conferences',
			matches: (conference, needle) =>
				includes(conference.friendly_name, needle) || includes(conference.sid, needle),
			order: (a, b) => createdAt(b) - createdAt(a),
			toResult: (conference) => ({
				name: `${String(conference.friendly_name ?? conference.sid)} (${String(conference.status ?? 'unknown')})`,
				value: String(conference.sid),
				description: String(conference.date_created ?? ''),
			}),
		},
		filter,
		paginationToken,
	);
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

function flags(participant: IDataObject): string {
	const states = [
		participant.muted === true ? 'muted' : '',
		participant.hold === true ? 'on hold' : '',
	]
		.filter(Boolean)
		.join(', ');
	return states ? ` (${states})` : '';
}

/** A picker of what lives in the conference chosen above it: its participants or recordings. */
function conferenceChildPicker(
	path: (conferenceSid: string) => string,
	picker: Omit<Picker, 'resource'>,
) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		return await searchPage(
			this,
			{ ...picker, resource: path(chosenConference(this)) },
			filter,
			paginationToken,
		);
	};
}

/** Active participants of the chosen conference, by call ID, in the order they joined. */
export const searchParticipants = conferenceChildPicker(participantsPath, {
	listKey: 'participants',
	matches: (participant, needle) => includes(participant.call_sid, needle),
	toResult: (participant) => ({
		name: `${String(participant.call_sid)}${flags(participant)}`,
		value: String(participant.call_sid),
		description: `Joined ${String(participant.date_created ?? '')}`,
	}),
});

/** Recordings of the chosen conference, newest first. */
export const searchConferenceRecordings = conferenceChildPicker(conferenceRecordingsPath, {
	listKey: 'recordings',
	matches: (recording, needle) => includes(recording.sid, needle),
	order: (a, b) => createdAt(b) - createdAt(a),
	toResult: (recording) => ({
		name: `${String(recording.date_created ?? recording.sid)} (${String(recording.status ?? 'unknown')}, ${String(recording.duration ?? 0)} s)`,
		value: String(recording.sid),
		description: String(recording.sid),
	}),
});
