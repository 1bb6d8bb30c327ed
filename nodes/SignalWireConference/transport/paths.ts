import type { QueryValues, Space } from './types';

/**
 * The one place that knows SignalWire's URL layout. Every id is validated (a UUID, or a safe stream
 * name) before it gets here; encoding is kept anyway so that no value can ever change a path.
 */
export const API_PREFIX = '/api/laml/2010-04-01';

const segment = encodeURIComponent;

export function accountPath(projectId: string): string {
	return `${API_PREFIX}/Accounts/${segment(projectId)}`;
}

export const conferencesPath = (): string => '/Conferences';

export const conferencePath = (conferenceSid: string): string =>
	`${conferencesPath()}/${segment(conferenceSid)}`;

export const participantsPath = (conferenceSid: string): string =>
	`${conferencePath(conferenceSid)}/Participants`;

export const participantPath = (conferenceSid: string, callSid: string): string =>
	`${participantsPath(conferenceSid)}/${segment(callSid)}`;

export const conferenceRecordingsPath = (conferenceSid: string): string =>
	`${conferencePath(conferenceSid)}/Recordings`;

export const conferenceRecordingPath = (conferenceSid: string, recordingSid: string): string =>
	`${conferenceRecordingsPath(conferenceSid)}/${segment(recordingSid)}`;

/** The account-wide media of a recording: `.mp3`, or `.wav` (SignalWire also serves WAV without an extension). */
export const recordingMediaPath = (recordingSid: string, extension: 'mp3' | 'wav'): string =>
	`/Recordings/${segment(recordingSid)}.${extension}`;

export const conferenceStreamsPath = (conferenceSid: string): string =>
	`${conferencePath(conferenceSid)}/Streams`;

export const conferenceStreamPath = (conferenceSid: string, streamSidOrName: string): string =>
	`${conferenceStreamsPath(conferenceSid)}/${segment(streamSidOrName)}`;

/** A call: where a participant's phone number or SIP address lives (`from`, `to`). */
export const callPath = (callSid: string): string => `/Calls/${segment(callSid)}`;

export function toQueryString(query: QueryValues | undefined): string {
	const params = new URLSearchParams();
	for (const [name, value] of Object.entries(query ?? {})) {
		if (value !== undefined && value !== '') params.append(name, String(value));
	}
	const serialized = params.toString();
	return serialized ? `?${serialized}` : '';
}

export function resourceUrl(space: Space, resource: string, query?: QueryValues): string {
	return `${space.origin}${space.accountPath}${resource}${toQueryString(query)}`;
}

/** cXML Scripts ("LamlBins" in the API): the documents the node writes for SignalWire to fetch. */
export const cxmlScriptsPath = (): string => '/LamlBins';

export const cxmlScriptPath = (scriptSid: string): string =>
	`${cxmlScriptsPath()}/${segment(scriptSid)}`;

export const callsPath = (): string => '/Calls';

export const incomingPhoneNumbersPath = (): string => '/IncomingPhoneNumbers';
