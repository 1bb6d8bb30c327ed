import type { ErrorBody } from './format';
import type { Reply } from './replies';
import { dateFilter, notFound, unprocessableList } from './replies';
import type { ConferenceRecord, RecordingRecord, Store } from './store';
import { recordingJson } from './store';

export function listRecordings(store: Store, conference: ConferenceRecord, query: URLSearchParams) {
	const created = dateFilter(query, 'DateCreated', (record: RecordingRecord) => record.createdAt);
	if (typeof created !== 'function')
		return { error: { status: 400, body: created as ErrorBody } as Reply };
	const items = [...conference.recordings.values()]
		.filter(created)
		.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
		.map((recording) => recordingJson(store, recording));
	return { items };
}

export function getRecording(
	store: Store,
	conference: ConferenceRecord,
	sid: string,
	path: string,
): Reply {
	const recording = conference.recordings.get(sid);
	return recording ? { status: 200, body: recordingJson(store, recording) } : notFound(path);
}

/** Pause, resume or stop. A stopped (or completed) recording stays stopped: 422 with an errors list. */
export function updateRecording(
	store: Store,
	conference: ConferenceRecord,
	sid: string,
	path: string,
	form: URLSearchParams,
): Reply {
	const recording = conference.recordings.get(sid);
	if (!recording) return notFound(path);
	const status = form.get('Status');
	const pauseBehavior = form.get('PauseBehavior');
	if (status === null) return unprocessableList('Status is required');
	if (!['paused', 'in-progress', 'stopped'].includes(status)) {
		return unprocessableList(`Status must be one of paused, in-progress, stopped (got ${status})`);
	}
	if (pauseBehavior !== null && !['skip', 'silence'].includes(pauseBehavior)) {
		return unprocessableList(`PauseBehavior must be skip or silence (got ${pauseBehavior})`);
	}
	if (['stopped', 'completed', 'absent'].includes(recording.status)) {
		return unprocessableList(`Recording is ${recording.status} and cannot be changed`);
	}
	recording.status = status as RecordingRecord['status'];
	recording.pauseBehavior = status === 'paused' ? (pauseBehavior ?? 'silence') : null;
	recording.updatedAt = store.now();
	const reply = { status: 200, body: recordingJson(store, recording) };
	if (status === 'stopped') store.onRecordingEnded(conference, recording);
	return reply;
}

export function deleteRecording(conference: ConferenceRecord, sid: string, path: string): Reply {
	if (!conference.recordings.delete(sid)) return notFound(path);
	return { status: 204 };
}
