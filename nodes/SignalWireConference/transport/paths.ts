import type { Call } from './types';

/**
 * The one place that knows SignalWire's URL layout. Every id is validated (a UUID, or a safe stream
 * name) before it gets here; encoding is kept anyway so that no value can ever change a path.
 */
export const API_PREFIX = '/api/laml/2010-04-01';
const segment = encodeURIComponent;

export const accountPath = (projectId: string) => `${API_PREFIX}/Accounts/${segment(projectId)}`;
export const conferencesPath = () => '/Conferences';
export const conferencePath = (sid: string) => `/Conferences/${segment(sid)}`;
export const participantsPath = (sid: string) => `${conferencePath(sid)}/Participants`;
export const participantPath = (sid: string, callSid: string) =>
	`${participantsPath(sid)}/${segment(callSid)}`;
export const conferenceRecordingsPath = (sid: string) => `${conferencePath(sid)}/Recordings`;
export const conferenceRecordingPath = (sid: string, recordingSid: string) =>
	`${conferenceRecordingsPath(sid)}/${segment(recordingSid)}`;
/** A recording's audio, account-wide: `.mp3`, or `.wav` (also served without an extension). */
export const recordingMediaPath = (recordingSid: string, extension: 'mp3' | 'wav') =>
	`/Recordings/${segment(recordingSid)}.${extension}`;
export const conferenceStreamsPath = (sid: string) => `${conferencePath(sid)}/Streams`;
export const conferenceStreamPath = (sid: string, streamSidOrName: string) =>
	`${conferenceStreamsPath(sid)}/${segment(streamSidOrName)}`;
export const callsPath = () => '/Calls';
/** A call: where a participant's phone number or SIP address lives (`from`, `to`). */
export const callPath = (callSid: string) => `/Calls/${segment(callSid)}`;
/** cXML Scripts ("LamlBins" in the API): the documents the node writes for SignalWire to fetch. */
export const cxmlScriptsPath = () => '/LamlBins';
export const incomingPhoneNumbersPath = () => '/IncomingPhoneNumbers';

/** The URL of the call's resource in the space's account; empty query values are left out. */
export function resourceUrl({ space, resource, query }: Call): string {
	const params = new URLSearchParams();
	for (const [name, value] of Object.entries(query ?? {})) {
		if (value !== undefined && value !== '') params.append(name, String(value));
	}
	const serialized = params.toString();
	return `${space.origin}${space.accountPath}${resource}${serialized ? `?${serialized}` : ''}`;
}
