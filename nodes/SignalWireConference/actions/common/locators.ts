import type { IExecuteFunctions, INodeProperties, INodePropertyMode } from 'n8n-workflow';

import type { ResourceLocatorField } from '../../helpers/validation';
import {
	getSidFromLocator,
	inputError,
	isUuid,
	readLocator,
	UUID_REGEX,
} from '../../helpers/validation';
import type { Target } from '../../transport';
import { conferenceRecordingPath, participantPath } from '../../transport';

/** Every resource locator of the node: conference, participant, recording, stream. */

interface PatternMode {
	placeholder: string;
	/** What a valid value matches, checked by the editor. */
	regex: string;
	errorMessage: string;
}

function patternMode(name: string, displayName: string, mode: PatternMode): INodePropertyMode {
	return {
		displayName,
		name,
		// Not a bare 'string': n8n's lint would read this mode as a parameter without a default.
		type: 'string' as const,
		placeholder: mode.placeholder,
		validation: [
			{
				type: 'regex',
				properties: { regex: mode.regex, errorMessage: mode.errorMessage },
			},
		],
	};
}

/**
 * A resource locator for a SignalWire resource whose ID is a UUID: From List when the API can list
 * them (`searchMethod`, a `methods.listSearch` function), By ID, then the resource's own modes.
 */
function uuidLocator(
	field: ResourceLocatorField,
	description: string,
	searchMethod?: string,
	ownModes: INodePropertyMode[] = [],
): INodeProperties {
	const noun = field.label.toLowerCase();
	return {
		displayName: field.label,
		name: field.name,
		type: 'resourceLocator',
		default: { mode: searchMethod ? 'list' : 'id', value: '' },
		required: true,
		description,
		modes: [
			...(searchMethod
				? [
						{
							displayName: 'From List',
							name: 'list',
							type: 'list' as const,
							placeholder: `Select a ${noun}...`,
							typeOptions: { searchListMethod: searchMethod, searchable: true },
						},
					]
				: []),
			patternMode('id', 'By ID', {
				placeholder: 'b3877c40-da60-4998-90ad-b792e98472cf',
				regex: `^\\s*${UUID_REGEX}\\s*$`,
				errorMessage: `Not a ${noun} ID: SignalWire IDs are UUIDs`,
			}),
			...ownModes,
		],
	};
}

export const CONFERENCE_FIELD: ResourceLocatorField = {
	name: 'conferenceId',
	label: 'Conference',
	collection: 'Conferences',
};

export const MAX_CONFERENCE_NAME_LENGTH = 64;

const conferencePicker = (
	searchMethod: string,
	description = 'The conference to act on',
	...extraModes: INodePropertyMode[]
) =>
	uuidLocator(CONFERENCE_FIELD, description, searchMethod, [
		// A SignalWire conference URL or a conference's `uri` field.
		{
			...patternMode('url', 'By URL', {
				placeholder:
					'https://example.signalwire.com/api/laml/2010-04-01/Accounts/…/Conferences/b3877c40-da60-4998-90ad-b792e98472cf',
				regex: `.*/Conferences/${UUID_REGEX}(\\.json)?([?#].*)?\\s*$`,
				errorMessage: 'Not a SignalWire conference URL',
			}),
			extractValue: { type: 'regex', regex: `/Conferences/(${UUID_REGEX})` },
		},
		...extraModes,
	]);

/** The conference picker shared by every operation that acts on one conference. */
export const conferenceLocator = conferencePicker('searchConferences');
/** The conference picker of operations on a live conference: running conferences listed first. */
export const liveConferenceLocator = conferencePicker('searchConferencesRunningFirst');

/**
 * The conference picker of the operations an agent or a workflow most often addresses by name
 * ("announce in the All hands conference"): running conferences first, plus By Name.
 */
export const conferenceLocatorWithName = (description: string) =>
	conferencePicker(
		'searchConferencesRunningFirst',
		description,
		patternMode('name', 'By Name', {
			placeholder: 'All hands',
			regex: `^\\s*\\S.{0,${MAX_CONFERENCE_NAME_LENGTH - 1}}$`,
			errorMessage: `A conference name has 1 to ${MAX_CONFERENCE_NAME_LENGTH} characters`,
		}),
	);

/** Something that lives inside one conference: a participant or a recording. */
export interface ConferenceChild {
	field: ResourceLocatorField;
	path: (conferenceSid: string, sid: string) => string;
	notFound: (conferenceSid: string, sid: string) => string;
}

/** The conference and the child an item points at, both validated before any request. */
export function readConferenceChild(
	context: IExecuteFunctions,
	child: ConferenceChild,
	itemIndex: number,
): Target & { conferenceSid: string; sid: string } {
	const conferenceSid = getSidFromLocator(context, CONFERENCE_FIELD, itemIndex);
	const sid = getSidFromLocator(context, child.field, itemIndex);
	return {
		conferenceSid,
		sid,
		resource: child.path(conferenceSid, sid),
		notFound: child.notFound(conferenceSid, sid),
	};
}

export const PARTICIPANT: ConferenceChild = {
	field: { name: 'participantId', label: 'Participant', collection: 'Participants' },
	path: participantPath,
	notFound: (conferenceSid, callSid) =>
		`No participant with call ID "${callSid}" is in conference "${conferenceSid}": check both IDs (a participant who left is no longer listed).`,
};

export const participantLocator = uuidLocator(
	PARTICIPANT.field,
	"The participant, identified by its call's ID (call_sid)",
	'searchParticipants',
);

export const RECORDING: ConferenceChild = {
	field: { name: 'recordingId', label: 'Recording', collection: 'Recordings' },
	path: conferenceRecordingPath,
	notFound: (conferenceSid, recordingSid) =>
		`No recording with ID "${recordingSid}" belongs to conference "${conferenceSid}": check both IDs.`,
};

export const recordingLocator = uuidLocator(
	RECORDING.field,
	'The recording of the conference',
	'searchConferenceRecordings',
);

/** Names go into the URL when a stream is stopped by name, so they are kept to URL-safe characters. */
const STREAM_NAME_REGEX = '^[A-Za-z0-9_-]{1,64}$';
export const STREAM_NAME_PATTERN = new RegExp(STREAM_NAME_REGEX);

export const streamLocator = uuidLocator(
	{ name: 'streamId', label: 'Stream', collection: 'Streams' },
	'The stream: its ID, or the name it was started with',
	undefined,
	[
		patternMode('name', 'By Name', {
			placeholder: 'transcriber',
			regex: STREAM_NAME_REGEX,
			errorMessage: 'Stream names use letters, digits, "_" and "-" only',
		}),
	],
);

/** The stream's ID or name, checked so that it cannot change the request path. */
export function readStreamReference(context: IExecuteFunctions, itemIndex: number): string {
	const { mode, value } = readLocator(context, 'streamId', itemIndex);
	if (mode === 'name') {
		if (!STREAM_NAME_PATTERN.test(value)) {
			throw inputError(
				context,
				itemIndex,
				`Stream name "${value.slice(0, 100)}" is not valid`,
				'Stream names use letters, digits, "_" and "-" only (up to 64 characters).',
			);
		}
		return value;
	}
	if (!isUuid(value)) {
		throw inputError(
			context,
			itemIndex,
			`Stream ID "${value.slice(0, 100)}" is not a valid ID: SignalWire IDs are UUIDs`,
			'Use the sid returned by Start, or choose "By Name" and give the stream\'s name.',
		);
	}
	return value.toLowerCase();
}
