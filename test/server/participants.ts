import type { Reply } from './replies';
import { badRequest, isHttpUrl, notFound, parseBoolean, unprocessable } from './replies';
import type { ConferenceRecord, Store } from './store';
import { participantJson } from './store';

const METHODS = ['GET', 'POST'];

/** Only active participants are listed, as SignalWire documents. */
export function listParticipants(
	store: Store,
	conference: ConferenceRecord,
	query: URLSearchParams,
) {
	const muted = parseBoolean(query.get('Muted'));
	const hold = parseBoolean(query.get('Hold'));
	if (muted === 'invalid' || hold === 'invalid') {
		return { error: badRequest(20001, 'Muted and Hold must be true or false') };
	}
	const items = [...conference.participants.values()]
		.filter((participant) => participant.status === 'in-progress')
		.filter((participant) => muted === undefined || participant.muted === muted)
		.filter((participant) => hold === undefined || participant.hold === hold)
		.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
		.map((participant) => participantJson(store, participant));
	return { items };
}

export function getParticipant(
	store: Store,
	conference: ConferenceRecord,
	callSid: string,
	path: string,
): Reply {
	const participant = conference.participants.get(callSid);
	return participant ? { status: 200, body: participantJson(store, participant) } : notFound(path);
}

export function updateParticipant(
	store: Store,
	conference: ConferenceRecord,
	callSid: string,
	path: string,
	form: URLSearchParams,
): Reply {
	const participant = conference.participants.get(callSid);
	if (!participant) return notFound(path);
	const muted = parseBoolean(form.get('Muted'));
	const hold = parseBoolean(form.get('Hold'));
	const coaching = parseBoolean(form.get('Coaching'));
	if (muted === 'invalid' || hold === 'invalid' || coaching === 'invalid') {
		return unprocessable(21208, 'Muted, Hold and Coaching must be true or false');
	}
	for (const name of ['HoldUrl', 'AnnounceUrl', 'WaitUrl']) {
		const value = form.get(name);
		if (value !== null && !isHttpUrl(value))
			return unprocessable(21205, `${name} is not a valid URL: ${value}`);
	}
	for (const name of ['HoldMethod', 'AnnounceMethod', 'WaitMethod']) {
		const value = form.get(name);
		if (value !== null && !METHODS.includes(value))
			return unprocessable(21207, `${name} must be GET or POST`);
	}
	const callSidToCoach = form.get('CallSidToCoach');
	if (coaching === true && callSidToCoach === null) {
		return unprocessable(21209, 'CallSidToCoach is required when Coaching is true');
	}
	if (
		callSidToCoach !== null &&
		conference.participants.get(callSidToCoach)?.status !== 'in-progress'
	) {
		return unprocessable(
			21210,
			`CallSidToCoach ${callSidToCoach} is not a participant of this conference`,
		);
	}
	if (participant.status !== 'in-progress') {
		return unprocessable(10000, 'Participant is no longer in the conference and cannot be updated');
	}
	const events: Array<
		'participant-mute' | 'participant-unmute' | 'participant-hold' | 'participant-unhold'
	> = [];
	if (muted !== undefined && muted !== participant.muted)
		events.push(muted ? 'participant-mute' : 'participant-unmute');
	if (hold !== undefined && hold !== participant.hold)
		events.push(hold ? 'participant-hold' : 'participant-unhold');
	if (muted !== undefined) participant.muted = muted;
	if (hold !== undefined) participant.hold = hold;
	if (coaching !== undefined) participant.coaching = coaching;
	if (callSidToCoach !== null) participant.callSidToCoach = callSidToCoach;
	for (const [name, value] of form) {
		if (/(Url|Method)$/.test(name)) participant.settings[name] = value;
	}
	participant.updatedAt = store.now();
	for (const event of events) store.onEvent(event, conference, participant);
	return { status: 200, body: participantJson(store, participant) };
}

/** Removing (kicking) a participant: 204 with no body; it then leaves the list. */
export function removeParticipant(
	store: Store,
	conference: ConferenceRecord,
	callSid: string,
	path: string,
): Reply {
	const participant = conference.participants.get(callSid);
	if (!participant || participant.status !== 'in-progress') return notFound(path);
	participant.status = 'completed';
	participant.updatedAt = store.now();
	store.onEvent('participant-leave', conference, participant);
	return { status: 204 };
}
