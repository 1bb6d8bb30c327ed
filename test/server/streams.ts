import { newSid } from './format';
import type { Reply } from './replies';
import { isHttpUrl, notFound, parseBoolean, unprocessableList } from './replies';
import type { ConferenceRecord, Store, StreamRecord } from './store';
import { streamJson } from './store';

const TRACKS = ['inbound_track', 'outbound_track', 'both_tracks'];
const CODECS = ['PCMU', 'PCMA', 'L16', 'L16@16000h', 'L16@24000h'];

function validateStart(form: URLSearchParams): string[] {
	const problems: string[] = [];
	const url = form.get('Url');
	if (url === null) problems.push('Url is required');
	else if (!URL.canParse(url) || new URL(url).protocol !== 'wss:')
		problems.push(`Url must be a wss:// URL (got ${url})`);
	const track = form.get('Track');
	if (track !== null && !TRACKS.includes(track))
		problems.push(`Track must be one of ${TRACKS.join(', ')}`);
	const codec = form.get('StreamCodec');
	if (codec !== null && !CODECS.includes(codec))
		problems.push(`StreamCodec must be one of ${CODECS.join(', ')}`);
	if (parseBoolean(form.get('StreamRealTime')) === 'invalid')
		problems.push('StreamRealTime must be true or false');
	const callback = form.get('StatusCallback');
	if (callback !== null && !isHttpUrl(callback))
		problems.push(`StatusCallback is not a valid URL: ${callback}`);
	const method = form.get('StatusCallbackMethod');
	if (method !== null && !['GET', 'POST'].includes(method))
		problems.push('StatusCallbackMethod must be GET or POST');
	for (const [name] of form) {
		const match = /^Parameter(\d+)\.(Name|Value)$/.exec(name);
		if (match && (Number(match[1]) < 1 || Number(match[1]) > 99))
			problems.push(`${name}: at most 99 custom parameters`);
	}
	return problems;
}

export function startStream(
	store: Store,
	conference: ConferenceRecord,
	form: URLSearchParams,
): Reply {
	const problems = validateStart(form);
	if (problems.length > 0) return unprocessableList(...problems);
	if (conference.status !== 'in-progress') {
		return unprocessableList(
			`Conference is ${conference.status}: streams can only start in a conference in progress`,
		);
	}
	const name = form.get('Name');
	const active = [...conference.streams.values()].find(
		(stream) => stream.name === name && stream.status !== 'stopped',
	);
	if (name !== null && active)
		return unprocessableList(`A stream named ${name} is already running`);
	const parameters: Record<string, string> = {};
	for (const [key, value] of form) if (key !== 'AuthorizationBearerToken') parameters[key] = value;
	const stream: StreamRecord = {
		sid: newSid(),
		conferenceSid: conference.sid,
		name,
		status: 'in-progress',
		updatedAt: store.now(),
		parameters,
	};
	conference.streams.set(stream.sid, stream);
	return { status: 200, body: streamJson(store, stream) };
}

/** Streams are stopped by sid or by the name they were started with. */
export function stopStream(
	store: Store,
	conference: ConferenceRecord,
	sidOrName: string,
	path: string,
	form: URLSearchParams,
): Reply {
	const stream =
		conference.streams.get(sidOrName) ??
		[...conference.streams.values()].find(
			(candidate) => candidate.name === sidOrName && candidate.status !== 'stopped',
		);
	if (!stream) return notFound(path);
	if (form.get('Status') !== 'stopped')
		return unprocessableList(`Status must be stopped (got ${form.get('Status')})`);
	stream.status = 'stopped';
	stream.updatedAt = store.now();
	return { status: 200, body: streamJson(store, stream) };
}
