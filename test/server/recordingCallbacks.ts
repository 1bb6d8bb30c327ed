import { rfc2822 } from './format';
import type { ConferenceRecord, RecordingRecord, Store } from './store';

/** The RecordingStatus values of SignalWire's recording status callback. */
export const RECORDING_STATUSES = ['in-progress', 'completed', 'absent'] as const;

export type RecordingCallbackStatus = (typeof RECORDING_STATUSES)[number];

/** How the sandbox names a recording callback in its log of delivered callbacks. */
export type RecordingEvent = `recording-${RecordingCallbackStatus}`;

export function isRecordingEvent(event: string | undefined): event is RecordingEvent {
	return (
		event === 'recording-in-progress' ||
		event === 'recording-completed' ||
		event === 'recording-absent'
	);
}

/**
 * The form SignalWire posts to a `<Conference recordingStatusCallback>`: the fields its
 * RecordingStatusCallbackPayload names, plus ConferenceSid (the conference the recording belongs
 * to). CallSid is the first participant's, whose cXML set the callback.
 */
export function recordingCallbackForm(
	store: Store,
	origin: string,
	conference: ConferenceRecord,
	recording: RecordingRecord,
	status: RecordingCallbackStatus,
): URLSearchParams {
	const firstParticipant = [...conference.participants.values()].sort(
		(a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
	)[0];
	const form = new URLSearchParams({
		AccountSid: store.projectId,
		ConferenceSid: conference.sid,
		RecordingSid: recording.sid,
		RecordingUrl: `${origin}${store.accountPath()}/Recordings/${recording.sid}`,
		RecordingStatus: status,
		RecordingDuration: String(recording.durationSeconds),
		RecordingChannels: recording.channels,
		RecordingSource: 'StartConferenceRecording',
		RecordingStartTime: rfc2822(recording.createdAt),
	});
	if (firstParticipant) form.set('CallSid', firstParticipant.callSid);
	return form;
}

/**
 * A recording that was stopped, or whose conference ended, is processed and becomes completed:
 * its duration is known and its audio can be downloaded.
 */
export function completeRecording(store: Store, recording: RecordingRecord): void {
	const now = store.now();
	recording.status = 'completed';
	recording.durationSeconds = Math.max(
		0,
		Math.round((now.getTime() - recording.createdAt.getTime()) / 1000),
	);
	recording.updatedAt = now;
}

/**
 * `POST /__sandbox/events {"event": "recording-…"}` in a running conference: in-progress starts
 * a new recording, completed finishes the running one, absent ends it without audio. With none
 * running, completed and absent end one that started a minute ago, so that a single
 * `sandbox send recording-completed` has a recording to report.
 */
export function applyRecordingEvent(
	store: Store,
	conference: ConferenceRecord,
	event: RecordingEvent,
): RecordingRecord {
	if (event === 'recording-in-progress') return store.addRecording(conference);
	const running =
		[...conference.recordings.values()].find(
			(recording) => recording.status === 'in-progress' || recording.status === 'paused',
		) ?? store.addRecording(conference, { createdAt: new Date(store.now().getTime() - 60_000) });
	if (event === 'recording-completed') completeRecording(store, running);
	else {
		running.status = 'absent';
		running.updatedAt = store.now();
	}
	return running;
}
