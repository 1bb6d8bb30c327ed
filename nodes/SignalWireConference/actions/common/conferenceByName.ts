import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { characterNotInXml } from '../../helpers/cxml';
import { getSidFromLocator, inputError, readLocator } from '../../helpers/validation';
import { conferencesPath, apiListAll, apiRequest } from '../../transport';
import { conferenceTarget } from '../sharedRequests';
import { CONFERENCE_FIELD, MAX_CONFERENCE_NAME_LENGTH } from './locators';

interface ConferenceRef {
	/** Null when a dial-out will start the conference by its name. */
	sid: string | null;
	friendlyName: string;
	status: string | null;
}

/** The conference an item chose (by ID, URL or name), checked; nothing is sent. */
export function readConferenceChoice(
	context: IExecuteFunctions,
	itemIndex: number,
): { byName: string } | { sid: string } {
	const { mode, value: name } = readLocator(context, CONFERENCE_FIELD.name, itemIndex);
	if (mode !== 'name') return { sid: getSidFromLocator(context, CONFERENCE_FIELD, itemIndex) };
	const refuse = (message: string, description: string) =>
		inputError(context, itemIndex, message, description);
	if (name === '') {
		throw refuse('Conference name is empty', 'Enter the conference name, e.g. All hands.');
	}
	if ([...name].length > MAX_CONFERENCE_NAME_LENGTH) {
		throw refuse(
			`Conference name is longer than ${MAX_CONFERENCE_NAME_LENGTH} characters`,
			`SignalWire conference names have at most ${MAX_CONFERENCE_NAME_LENGTH} characters.`,
		);
	}
	if (characterNotInXml(name) !== undefined) {
		throw refuse(
			'Conference name contains a control character',
			'Remove control characters (other than tab and line breaks) from the name.',
		);
	}
	return { byName: name };
}

function toRef(conference: IDataObject): ConferenceRef {
	return {
		sid: String(conference.sid),
		friendlyName: String(conference.friendly_name ?? ''),
		status: typeof conference.status === 'string' ? conference.status : null,
	};
}

interface Requirement {
	/** What the operation is about to do, for error messages, e.g. "nothing was announced". */
	consequence: string;
	/** By Name with no running conference of that name: dial the name (which starts it). */
	startsByName?: boolean;
	/** True for a state the operation refuses (checked with a GET before anything is written). */
	refuses: (status: string) => boolean;
}

/**
 * The one conference named `name` that is running now (two are enough to know it is ambiguous);
 * when none is, undefined if the operation starts it by its name, else an input error.
 */
async function runningNamed(
	context: IExecuteFunctions,
	name: string,
	{ consequence, startsByName }: Pick<Requirement, 'consequence' | 'startsByName'>,
	itemIndex: number,
): Promise<ConferenceRef | undefined> {
	const found = await apiListAll(context, { resource: conferencesPath() }, itemIndex, {
		listKey: 'conferences',
		query: { FriendlyName: name, Status: 'in-progress' },
		limit: 2,
	});
	if (found.length > 1) {
		throw inputError(
			context,
			itemIndex,
			`Several conferences named "${name}" are in progress`,
			'Choose the conference from the list or by its ID instead.',
		);
	}
	if (found.length === 1) return toRef(found[0]);
	if (startsByName) return undefined;
	throw inputError(
		context,
		itemIndex,
		`No conference named "${name}" is in progress: ${consequence}`,
		'Check the name (it must match exactly, including case), or choose the conference from the list.',
	);
}

/**
 * The conference an item points at, looked up (by ID or by name) and checked against what the
 * operation needs, before anything is written.
 */
export async function resolveConference(
	context: IExecuteFunctions,
	itemIndex: number,
	requirement: Requirement,
): Promise<ConferenceRef> {
	const choice = readConferenceChoice(context, itemIndex);
	const conference =
		'byName' in choice
			? ((await runningNamed(context, choice.byName, requirement, itemIndex)) ?? {
					sid: null,
					friendlyName: choice.byName,
					status: null,
				})
			: toRef(await apiRequest(context, conferenceTarget(choice.sid), itemIndex));
	if (conference.status !== null && requirement.refuses(conference.status)) {
		throw inputError(
			context,
			itemIndex,
			`Conference "${conference.friendlyName}" is not in progress (status: ${conference.status}): ${requirement.consequence}`,
			conference.status === 'init'
				? 'Nobody has joined it yet. Try again once it has started.'
				: 'It has ended. Choose a running conference.',
		);
	}
	return conference;
}

/** Refuses all but a conference in progress: only that one can hear an announcement. */
export const refuseUnlessRunning = (status: string): boolean => status !== 'in-progress';

/** Refuses an ended conference: nobody can join it any more. */
export const refuseIfEnded = (status: string): boolean => status === 'completed';

/**
 * The conference ID alone, for operations whose own request says whether the conference exists:
 * by ID without a lookup, by name the one running conference of that name.
 */
export async function conferenceSidFor(
	context: IExecuteFunctions,
	itemIndex: number,
	consequence: string,
): Promise<string> {
	const choice = readConferenceChoice(context, itemIndex);
	if ('sid' in choice) return choice.sid;
	return (await runningNamed(context, choice.byName, { consequence }, itemIndex))!.sid!;
}
