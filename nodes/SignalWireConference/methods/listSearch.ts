import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { NodeOperationError } from 'n8n-workflow';

import { isUuid } from '../helpers/validation';
import { signalWireApiListPage } from '../transport/request';

const PICKER_PAGE_SIZE = 50;

function createdAt(conference: IDataObject): number {
	const time = Date.parse(String(conference.date_created ?? '').replace(/\bSept\b/, 'Sep'));
	return Number.isNaN(time) ? 0 : time;
}

function matches(conference: IDataObject, filter: string): boolean {
	const needle = filter.trim().toLowerCase();
	return (
		String(conference.friendly_name ?? '').toLowerCase().includes(needle) ||
		String(conference.sid ?? '').toLowerCase().includes(needle)
	);
}

/**
 * The "From list" picker: one API page per call, newest first, and `next_page_uri` as the string
 * token n8n hands back for the next page.
 */
export async function searchConferences(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await signalWireApiListPage(
		this,
		{
			resource: '/Conferences',
			listKey: 'conferences',
			query: { PageSize: PICKER_PAGE_SIZE },
			itemIndex: 0,
		},
		paginationToken || undefined,
	);
	const results: INodeListSearchItems[] = page.items
		.filter((conference) => !filter || matches(conference, filter))
		.sort((a, b) => createdAt(b) - createdAt(a))
		.map((conference) => ({
			name: `${String(conference.friendly_name ?? conference.sid)} (${String(conference.status ?? 'unknown')})`,
			value: String(conference.sid),
			description: String(conference.date_created ?? ''),
		}));
	return page.nextPageUri === null ? { results } : { results, paginationToken: page.nextPageUri };
}

/** The conference chosen above the participant or recording picker, whatever its mode. */
function chosenConference(context: ILoadOptionsFunctions): string {
	const value = String(context.getCurrentNodeParameter('conferenceId', { extractValue: true }) ?? '').trim();
	if (!isUuid(value)) {
		throw new NodeOperationError(context.getNode(), 'Choose the conference first', {
			description: 'The list shows the participants or recordings of the conference selected above.',
		});
	}
	return value.toLowerCase();
}

function flags(participant: IDataObject): string {
	const states = [participant.muted === true ? 'muted' : '', participant.hold === true ? 'on hold' : '']
		.filter(Boolean)
		.join(', ');
	return states ? ` (${states})` : '';
}

/** Active participants of the chosen conference, by call ID, in the order they joined. */
export async function searchParticipants(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const conferenceSid = chosenConference(this);
	const page = await signalWireApiListPage(
		this,
		{
			resource: `/Conferences/${encodeURIComponent(conferenceSid)}/Participants`,
			listKey: 'participants',
			query: { PageSize: PICKER_PAGE_SIZE },
			itemIndex: 0,
		},
		paginationToken || undefined,
	);
	const results: INodeListSearchItems[] = page.items
		.filter((participant) => !filter || String(participant.call_sid ?? '').includes(filter.trim().toLowerCase()))
		.map((participant) => ({
			name: `${String(participant.call_sid)}${flags(participant)}`,
			value: String(participant.call_sid),
			description: `Joined ${String(participant.date_created ?? '')}`,
		}));
	return page.nextPageUri === null ? { results } : { results, paginationToken: page.nextPageUri };
}

/** Recordings of the chosen conference, newest first. */
export async function searchConferenceRecordings(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const conferenceSid = chosenConference(this);
	const page = await signalWireApiListPage(
		this,
		{
			resource: `/Conferences/${encodeURIComponent(conferenceSid)}/Recordings`,
			listKey: 'recordings',
			query: { PageSize: PICKER_PAGE_SIZE },
			itemIndex: 0,
		},
		paginationToken || undefined,
	);
	const results: INodeListSearchItems[] = page.items
		.filter((recording) => !filter || String(recording.sid ?? '').includes(filter.trim().toLowerCase()))
		.map((recording) => ({
			name: `${String(recording.date_created ?? recording.sid)} (${String(recording.status ?? 'unknown')}, ${String(recording.duration ?? 0)} s)`,
			value: String(recording.sid),
			description: String(recording.sid),
		}));
	return page.nextPageUri === null ? { results } : { results, paginationToken: page.nextPageUri };
}
