import { badRequest, dateFilter, isHttpUrl, notFound, unprocessable } from './replies';
import type { Reply } from './replies';
import type { ConferenceRecord, ConferenceStatus, Store } from './store';

export const CONFERENCE_STATUSES: ConferenceStatus[] = ['init', 'in-progress', 'completed'];

export function listConferences(store: Store, query: URLSearchParams) {
	const status = query.get('Status');
	if (status !== null && !CONFERENCE_STATUSES.includes(status as ConferenceStatus)) {
		return { error: badRequest(20001, `Invalid Status: ${status}`) };
	}
	const created = dateFilter(query, 'DateCreated', (record: ConferenceRecord) => record.createdAt);
	if (typeof created !== 'function') return { error: { status: 400, body: created } as Reply };
	const updated = dateFilter(query, 'DateUpdated', (record: ConferenceRecord) => record.updatedAt);
	if (typeof updated !== 'function') return { error: { status: 400, body: updated } as Reply };
	const friendlyName = query.get('FriendlyName');
	const records = store
		.listConferences()
		.filter((record) => status === null || record.status === status)
		.filter((record) => friendlyName === null || record.friendlyName === friendlyName)
		.filter(created)
		.filter(updated);
	return { items: records, toJson: (record: ConferenceRecord) => store.conferenceJson(record) };
}

export function getConference(store: Store, sid: string, path: string): Reply {
	const record = store.conferences.get(sid);
	return record ? { status: 200, body: store.conferenceJson(record) } : notFound(path);
}

export function updateConference(
	store: Store,
	sid: string,
	path: string,
	form: URLSearchParams,
): Reply {
	const record = store.conferences.get(sid);
	if (!record) return notFound(path);
	const status = form.get('Status');
	const announceUrl = form.get('AnnounceUrl');
	const announceMethod = form.get('AnnounceMethod') ?? 'POST';
	if (status !== null && status !== 'completed') {
		return unprocessable(21475, `Invalid Status: ${status}. Only 'completed' is allowed`);
	}
	if (announceUrl !== null && !isHttpUrl(announceUrl)) {
		return unprocessable(21205, `AnnounceUrl is not a valid URL: ${announceUrl}`);
	}
	if (announceMethod !== 'GET' && announceMethod !== 'POST') {
		return unprocessable(21207, `AnnounceMethod must be GET or POST`);
	}
	if (record.status === 'completed') {
		return unprocessable(10000, 'Conference is already completed and cannot be updated');
	}
	if (announceUrl !== null) record.announcements.push({ url: announceUrl, method: announceMethod });
	if (status === 'completed') {
		endConference(store, record);
		store.onEvent('conference-end', record);
	}
	record.updatedAt = store.now();
	return { status: 200, body: store.conferenceJson(record) };
}

/** Ending a conference disconnects everyone and stops its recordings and streams. */
function endConference(store: Store, record: ConferenceRecord): void {
	const now = store.now();
	record.status = 'completed';
	for (const participant of record.participants.values()) {
		if (participant.status !== 'in-progress') continue;
		participant.status = 'completed';
		participant.updatedAt = now;
		store.onEvent('participant-leave', record, participant);
	}
	for (const recording of record.recordings.values()) {
		if (recording.status === 'in-progress' || recording.status === 'paused') {
			recording.status = 'completed';
			recording.updatedAt = now;
			store.onRecordingEnded(record, recording);
		}
	}
	for (const stream of record.streams.values()) {
		stream.status = 'stopped';
		stream.updatedAt = now;
	}
}
