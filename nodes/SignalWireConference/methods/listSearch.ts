import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { parseApiDate } from '../helpers/apiDate';
import { mapInOrder } from '../helpers/mapInOrder';
import { isUuid } from '../helpers/validation';
import type { ListPage, ListRequest } from '../transport';
import {
	callPath,
	conferencePath,
	conferenceRecordingPath,
	conferenceRecordingsPath,
	conferencesPath,
	participantPath,
	participantsPath,
	signalWireApiListPage,
	signalWireApiRequest,
} from '../transport';
import type { LabelClock } from './labels';
import {
	conferenceLabel,
	participantAddress,
	participantLabel,
	recordingLabel,
	withDistinctNames,
} from './labels';

/** Browsing (nothing typed): one page per call, so that the list opens fast on large projects. */
const BROWSE_PAGE_SIZE = 50;
/** Searching reads bigger pages, since most of what it reads is thrown away. */
const SEARCH_PAGE_SIZE = 200;
/** At most this many pages per call; the pagination token continues where it stopped. */
const SEARCH_PAGES_PER_CALL = 5;
/** A search call stops reading pages once it has this many matches to show. */
const ENOUGH_MATCHES = 25;
/** Participants' calls read at once to find their numbers. */
const CALL_LOOKUPS_AT_ONCE = 8;

function clockOf(context: ILoadOptionsFunctions): LabelClock {
	return { now: Date.now(), timeZone: context.getTimezone() };
}

function createdAt(entry: IDataObject): number {
	return parseApiDate(entry.date_created) ?? 0;
}

const newestFirst = (a: IDataObject, b: IDataObject) => createdAt(b) - createdAt(a);

function includes(value: unknown, needle: string): boolean {
	return String(value ?? '')
		.toLowerCase()
		.includes(needle.toLowerCase());
}

function listPage(
	context: ILoadOptionsFunctions,
	resource: string,
	listKey: string,
	pageSize: number,
	nextPageUri: string | undefined,
	query: ListRequest['query'] = {},
): Promise<ListPage> {
	return signalWireApiListPage(
		context,
		{ resource, listKey, query: { ...query, PageSize: pageSize }, itemIndex: 0 },
		nextPageUri,
	);
}

/**
 * Pages through a list from its first page (or from `nextPageUri`), keeping the entries that
 * match, until ENOUGH_MATCHES are found, SEARCH_PAGES_PER_CALL pages are read or the list ends.
 */
async function scan(
	readPage: (nextPageUri: string | undefined) => Promise<ListPage>,
	matches: (entry: IDataObject) => boolean,
	nextPageUri: string | undefined,
): Promise<{ items: IDataObject[]; next: string | null }> {
	const items: IDataObject[] = [];
	let next: string | null | undefined = nextPageUri;
	for (let pages = 0; pages < SEARCH_PAGES_PER_CALL && items.length < ENOUGH_MATCHES; pages++) {
		const page = await readPage(next);
		items.push(...page.items.filter(matches));
		next = page.nextPageUri;
		if (next === null) break;
	}
	return { items, next: next ?? null };
}

/**
 * The value picked in a "From list" locator of the current node, when there is one. n8n 2.41
 * keeps a picked entry's label only if the entry is among the results of the list shown when it
 * is clicked; it pins the picked entry on top of every list, matching or not, so the first page
 * of every list carries it.
 */
function pickedValue(context: ILoadOptionsFunctions, parameterName: string): string | undefined {
	const locator = context.getCurrentNodeParameter(parameterName) as IDataObject | undefined;
	if (locator?.mode !== 'list') return undefined;
	const value = String(locator.value ?? '').trim();
	return isUuid(value) ? value.toLowerCase() : undefined;
}

/** A single GET; undefined when it no longer exists (then n8n shows the label it kept). */
async function getIfExists(
	context: ILoadOptionsFunctions,
	resource: string,
): Promise<IDataObject | undefined> {
	const outcome = await signalWireApiRequest(context, {
		method: 'GET',
		resource,
		itemIndex: 0,
	}).then(
		(body) => ({ body, failure: undefined }),
		(failure: unknown) => ({ body: undefined, failure }),
	);
	if (outcome.failure === undefined) return outcome.body;
	if (outcome.failure instanceof NodeApiError && outcome.failure.httpCode === '404')
		return undefined;
	throw outcome.failure;
}

async function withPicked(
	results: INodeListSearchItems[],
	picked: string | undefined,
	fetchPicked: (value: string) => Promise<INodeListSearchItems | undefined>,
): Promise<INodeListSearchItems[]> {
	if (picked === undefined || results.some((result) => result.value === picked)) return results;
	const entry = await fetchPicked(picked);
	return entry ? [entry, ...results] : results;
}

interface SearchToken {
	/** The next page of the server-side exact-name query. */
	exact: string | null;
	/** The next page of the client-side substring scan. */
	scan: string | null;
}

function readSearchToken(context: ILoadOptionsFunctions, token: string): SearchToken {
	try {
		const parsed = JSON.parse(token) as Partial<SearchToken>;
		const valid = (value: unknown) => value === null || typeof value === 'string';
		if (valid(parsed.exact) && valid(parsed.scan)) return parsed as SearchToken;
	} catch {
		// Reported below.
	}
	throw new NodeOperationError(context.getNode(), 'The list could not load more entries', {
		description: 'Close the list and open it again.',
	});
}

function tokenOf(state: SearchToken): string | undefined {
	return state.exact === null && state.scan === null ? undefined : JSON.stringify(state);
}

/**
 * The "From list" conference picker. Nothing typed: newest first, 50 per page. Something typed:
 * SignalWire's `FriendlyName` filter (an exact match, across all pages) runs beside a scan of the
 * whole list for names or IDs that contain the text, in any case; an ID finds its conference
 * directly. Each entry says what tells it apart from its namesakes: status, start, duration.
 */
export async function searchConferences(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const clock = clockOf(this);
	const toResult = (conference: IDataObject): INodeListSearchItems => ({
		name: conferenceLabel(conference, clock),
		value: String(conference.sid),
	});
	const needle = (filter ?? '').trim();
	const firstCall = !paginationToken;
	const picked = firstCall ? pickedValue(this, 'conferenceId') : undefined;
	const fetchPicked = async (sid: string) => {
		const conference = await getIfExists(this, conferencePath(sid));
		return conference && toResult(conference);
	};
	const read = (query: ListRequest['query'], pageSize: number) => (next: string | undefined) =>
		listPage(this, conferencesPath(), 'conferences', pageSize, next, query);

	if (needle === '') {
		const page = await read({}, BROWSE_PAGE_SIZE)(paginationToken || undefined);
		const results = await withPicked(
			withDistinctNames(page.items.sort(newestFirst).map(toResult)),
			picked,
			fetchPicked,
		);
		return page.nextPageUri === null ? { results } : { results, paginationToken: page.nextPageUri };
	}

	if (isUuid(needle)) {
		const found = await fetchPicked(needle.toLowerCase());
		return { results: found ? [found] : [] };
	}

	const state: SearchToken = firstCall
		? { exact: null, scan: null }
		: readSearchToken(this, paginationToken);
	const [exact, scanned] = await Promise.all([
		firstCall || state.exact !== null
			? read(
					{ FriendlyName: needle },
					SEARCH_PAGE_SIZE,
				)(state.exact ?? undefined).then((page) => ({
					items: page.items,
					next: page.nextPageUri,
				}))
			: { items: [], next: null },
		firstCall || state.scan !== null
			? scan(
					read({}, SEARCH_PAGE_SIZE),
					// Exact namesakes come from the FriendlyName query, across all its pages.
					(conference) =>
						conference.friendly_name !== needle &&
						(includes(conference.friendly_name, needle) || includes(conference.sid, needle)),
					state.scan ?? undefined,
				)
			: { items: [], next: null },
	]);
	const results = await withPicked(
		withDistinctNames(
			[...exact.items.sort(newestFirst), ...scanned.items.sort(newestFirst)].map(toResult),
		),
		picked,
		fetchPicked,
	);
	const next = tokenOf({ exact: exact.next, scan: scanned.next });
	return next === undefined ? { results } : { results, paginationToken: next };
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
 * time; a call that cannot be read leaves the participant labelled by its call ID rather than
 * failing the whole list.
 */
async function withAddresses(
	context: ILoadOptionsFunctions,
	participants: IDataObject[],
): Promise<Array<{ participant: IDataObject; address: string | undefined }>> {
	return await mapInOrder(participants.length, CALL_LOOKUPS_AT_ONCE, async (index) => {
		const participant = participants[index];
		const callSid = String(participant.call_sid ?? '');
		let address: string | undefined;
		if (isUuid(callSid)) {
			try {
				address = participantAddress(
					await signalWireApiRequest(context, {
						method: 'GET',
						resource: callPath(callSid),
						itemIndex: 0,
					}),
				);
			} catch {
				address = undefined;
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
	const needle = (filter ?? '').trim();
	const read = (next: string | undefined) =>
		listPage(this, participantsPath(conferenceSid), 'participants', BROWSE_PAGE_SIZE, next);
	const label = ({ participant, address }: { participant: IDataObject; address?: string }) => ({
		name: participantLabel(participant, address, clock),
		value: String(participant.call_sid),
	});

	let participants: Array<{ participant: IDataObject; address: string | undefined }>;
	let next: string | null;
	if (needle === '') {
		const page = await read(paginationToken || undefined);
		participants = await withAddresses(this, page.items);
		next = page.nextPageUri;
	} else {
		// The API cannot search participants: read pages, look up their numbers, keep the matches.
		participants = [];
		next = paginationToken || null;
		let pages = 0;
		do {
			const page = await read(next ?? undefined);
			participants.push(
				...(await withAddresses(this, page.items)).filter(
					({ participant, address }) =>
						includes(address, needle) || includes(participant.call_sid, needle),
				),
			);
			next = page.nextPageUri;
		} while (
			next !== null &&
			++pages < SEARCH_PAGES_PER_CALL &&
			participants.length < ENOUGH_MATCHES
		);
	}
	const results = await withPicked(
		withDistinctNames(participants.map(label)),
		paginationToken ? undefined : pickedValue(this, 'participantId'),
		async (callSid) => {
			const participant = await getIfExists(this, participantPath(conferenceSid, callSid));
			return participant && label((await withAddresses(this, [participant]))[0]);
		},
	);
	return next === null ? { results } : { results, paginationToken: next };
}

/** Recordings of the chosen conference, newest first; typed text matches the ID, across pages. */
export async function searchConferenceRecordings(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const conferenceSid = chosenConference(this);
	const clock = clockOf(this);
	const needle = (filter ?? '').trim();
	const read = (next: string | undefined) =>
		listPage(this, conferenceRecordingsPath(conferenceSid), 'recordings', BROWSE_PAGE_SIZE, next);
	const toResult = (recording: IDataObject): INodeListSearchItems => ({
		name: recordingLabel(recording, clock),
		value: String(recording.sid),
	});
	const found =
		needle === ''
			? await read(paginationToken || undefined).then((page) => ({
					items: page.items,
					next: page.nextPageUri,
				}))
			: await scan(
					read,
					(recording) => includes(recording.sid, needle),
					paginationToken || undefined,
				);
	const results = await withPicked(
		withDistinctNames(found.items.sort(newestFirst).map(toResult)),
		paginationToken ? undefined : pickedValue(this, 'recordingId'),
		async (sid) => {
			const recording = await getIfExists(this, conferenceRecordingPath(conferenceSid, sid));
			return recording && toResult(recording);
		},
	);
	return found.next === null ? { results } : { results, paginationToken: found.next };
}
