import { createHmac } from 'node:crypto';

import { rfc2822 } from './format';
import type { ConferenceRecord, ParticipantRecord, Store } from './store';

/** The StatusCallbackEvent values of SignalWire's conference status callbacks. */
export const CONFERENCE_EVENTS = [
	'conference-start',
	'conference-end',
	'participant-join',
	'participant-leave',
	'participant-mute',
	'participant-unmute',
	'participant-hold',
	'participant-unhold',
	'participant-speech-start',
	'participant-speech-stop',
] as const;

export type ConferenceEvent = (typeof CONFERENCE_EVENTS)[number];

export interface CallbackTarget {
	url: string;
	signingKey: string;
	/** Only events asked for through the control endpoint: no callbacks for API calls. */
	requestedOnly?: boolean;
}

/** SignalWire's signature of a form callback: base64 HMAC-SHA1 of the URL and the sorted pairs. */
export function signCallback(signingKey: string, url: string, form: URLSearchParams): string {
	const pairs = [...form].sort(([a, va], [b, vb]) =>
		a === b ? (va < vb ? -1 : 1) : a < b ? -1 : 1,
	);
	return createHmac('sha1', signingKey)
		.update(url + pairs.map(([name, value]) => name + value).join(''))
		.digest('base64');
}

/** The form fields SignalWire posts for a conference status callback. */
export function callbackForm(
	store: Store,
	event: ConferenceEvent,
	conference: ConferenceRecord,
	sequenceNumber: number,
	participant?: ParticipantRecord,
): URLSearchParams {
	const form = new URLSearchParams({
		AccountSid: store.projectId,
		ConferenceSid: conference.sid,
		FriendlyName: conference.friendlyName,
		StatusCallbackEvent: event,
		SequenceNumber: String(sequenceNumber),
		Timestamp: rfc2822(store.now()),
	});
	if (participant) {
		form.set('CallSid', participant.callSid);
		form.set('Muted', String(participant.muted));
		form.set('Hold', String(participant.hold));
		form.set('Coaching', String(participant.coaching));
		form.set('EndConferenceOnExit', String(participant.endConferenceOnExit));
		form.set('StartConferenceOnEnter', String(participant.startConferenceOnEnter));
	}
	return form;
}

/** Posts one signed callback; SignalWire's delivery is best effort, so a failure is only reported. */
export async function deliverCallback(
	target: CallbackTarget,
	form: URLSearchParams,
): Promise<number> {
	const response = await fetch(target.url, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/x-www-form-urlencoded',
			'X-SignalWire-Signature': signCallback(target.signingKey, target.url, form),
		},
		body: form.toString(),
	});
	await response.arrayBuffer();
	return response.status;
}
