import type { Target } from '../transport';
import { apiRequest, conferencePath } from '../transport';
import { jsonItems } from '../helpers/jsonItems';
import type { ConferenceChild } from './common/locators';
import {
	liveConferenceLocator,
	PARTICIPANT,
	participantLocator,
	readConferenceChild,
} from './common/locators';
import type { Execute, Operation } from './defineResource';

/* The requests several operations send the same way. */

/** A conference, or one of its lists (`path`): there a 404 means the conference does not exist. */
export function conferenceTarget(sid: string, path = conferencePath): Target {
	return {
		resource: path(sid),
		notFound: `No conference with ID "${sid}" exists in this project: check the conference ID, or pick the conference from the list.`,
	};
}

/** Get: one participant or recording, as SignalWire returns it. */
export function getChild(child: ConferenceChild): Execute {
	return async function (itemIndex) {
		const target = readConferenceChild(this, child, itemIndex);
		return jsonItems(await apiRequest(this, target, itemIndex));
	};
}

/** Delete or Remove: SignalWire answers 204 with no body, so the output says what was deleted. */
export function deleteChild(child: ConferenceChild, sidName: 'callSid' | 'recordingSid'): Execute {
	return async function (itemIndex) {
		const target = readConferenceChild(this, child, itemIndex);
		await apiRequest(this, target, itemIndex, { method: 'DELETE' });
		return jsonItems({ deleted: true, [sidName]: target.sid, conferenceSid: target.conferenceSid });
	};
}

/**
 * Mute, Unmute, Hold and Unhold: the operations people look for by name, each one documented
 * participant update with a single form field.
 */
export function flagOperation(
	option: Operation['option'],
	form: Record<string, string>,
): Operation {
	const execute: Execute = async function (itemIndex) {
		const target = readConferenceChild(this, PARTICIPANT, itemIndex);
		// Setting a flag twice sets it once, so a 503 may be retried.
		const options = { method: 'POST' as const, form, idempotent: true };
		return jsonItems(await apiRequest(this, target, itemIndex, options));
	};
	return { option, properties: [liveConferenceLocator, participantLocator], execute };
}
