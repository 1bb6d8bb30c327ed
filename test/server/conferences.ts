import type { ErrorBody } from './format';
import { calendarDate, errorBody } from './format';
import type { ConferenceRecord, Store } from './store';

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

const STATUSES = ['init', 'in-progress', 'completed'];
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function isHttpUrl(value: string): boolean {
	return URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol);
}

function badRequest(code: number, message: string): Reply {
	return { status: 400, body: errorBody(400, code, message) };
}

function notFound(path: string): Reply {
	return {
		status: 404,
		body: errorBody(404, 20404, `The requested resource ${path} was not found`),
	};
}

function unprocessable(code: number, message: string): Reply {
	return { status: 422, body: errorBody(422, code, message) };
}

/** Date filters compare calendar dates (UTC); "<" and ">" include the given day, as Twilio's do. */
function dateFilter(
	query: URLSearchParams,
	name: string,
	dateOf: (record: ConferenceRecord) => Date,
): ((record: ConferenceRecord) => boolean) | ErrorBody {
	const checks: Array<(record: ConferenceRecord) => boolean> = [];
	for (const [suffix, compare] of [
		['', (a: string, b: string) => a === b],
		['<', (a: string, b: string) => a <= b],
		['>', (a: string, b: string) => a >= b],
	] as const) {
		const value = query.get(name + suffix);
		if (value === null) continue;
		if (!DATE_PATTERN.test(value)) return errorBody(400, 20001, `Invalid ${name + suffix}: ${value}`);
		checks.push((record) => compare(calendarDate(dateOf(record)), value));
	}
	return (record) => checks.every((check) => check(record));
}

export function listConferences(store: Store, path: string, query: URLSearchParams) {
	const status = query.get('Status');
	if (status !== null && !STATUSES.includes(status)) {
		return { error: badRequest(20001, `Invalid Status: ${status}`) };
	}
	const created = dateFilter(query, 'DateCreated', (record) => record.createdAt);
	if (typeof created !== 'function') return { error: { status: 400, body: created } as Reply };
	const updated = dateFilter(query, 'DateUpdated', (record) => record.updatedAt);
	if (typeof updated !== 'function') return { error: { status: 400, body: updated } as Reply };
	const friendlyName = query.get('FriendlyName');
	const records = store
		.listConferences()
		.filter((record) => status === null || record.status === status)
		.filter((record) => friendlyName === null || record.friendlyName === friendlyName)
		.filter(created)
		.filter(updated);
	return { items: records.map((record) => store.conferenceJson(record)), path };
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
	if (status === 'completed') record.status = 'completed';
	record.updatedAt = store.now();
	return { status: 200, body: store.conferenceJson(record) };
}
