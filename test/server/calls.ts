import { MORE_INFO, newSid, rfc2822 } from './format';
import type { Reply } from './replies';
import { isHttpUrl, notFound } from './replies';
import type { Store } from './store';
import { callJson as participantCallJson } from './store';

export type CallStatus =
	| 'queued'
	| 'ringing'
	| 'in-progress'
	| 'completed'
	| 'failed'
	| 'no-answer';

export interface CallRecord {
	sid: string;
	to: string;
	from: string;
	status: CallStatus;
	createdAt: Date;
	updatedAt: Date;
	/** The Calls create form, as sent. */
	parameters: Record<string, string>;
}

const E164 = /^\+[1-9]\d{1,14}$/;
const SIP_URI = /^sips?:[^\s@]+@\S+$/i;
const CLIENT = /^client:\S+$/;

/** The fields of the spec's CreateCallRequest; any other is refused (unevaluatedProperties). */
const KNOWN_FIELDS = new Set([
	'To',
	'From',
	'Url',
	'ApplicationSid',
	'Method',
	'FallbackUrl',
	'FallbackMethod',
	'StatusCallback',
	'StatusCallbackMethod',
	'StatusCallbackEvent',
	'CallerId',
	'SendDigits',
	'Timeout',
	'MachineDetection',
	'MachineDetectionTimeout',
	'MachineDetectionSpeechThreshold',
	'MachineDetectionSpeechEndThreshold',
	'MachineDetectionSilenceTimeout',
	'MachineWordsThreshold',
	'AsyncAmd',
	'AsyncAmdStatusCallbackMethod',
	'AsyncAmdStatusCallback',
	'AsyncAmdPartialResults',
	'Record',
	'RecordingChannels',
	'RecordingTrack',
	'RecordingStatusCallback',
	'RecordingStatusCallbackMethod',
	'RecordingStatusCallbackEvent',
	'Trim',
	'SipAuthUsername',
	'SipAuthPassword',
	'MaxPricePerMinute',
]);

/** Calls create answers a 400 with the `{ errors: [...] }` body. */
function invalid(code: string, message: string): Reply {
	return { status: 400, body: { errors: [{ code, message, more_info: MORE_INFO }] } };
}

function validate(store: Store, form: URLSearchParams): Reply | undefined {
	for (const [name] of form)
		if (!KNOWN_FIELDS.has(name)) return invalid('21100', `Unknown parameter ${name}`);
	const to = form.get('To');
	const from = form.get('From');
	if (!to) return invalid('21201', 'To is required');
	if (!E164.test(to) && !SIP_URI.test(to) && !CLIENT.test(to))
		return invalid('21211', `Invalid To: ${to}`);
	if (!from) return invalid('21603', 'From is required');
	if (!E164.test(from)) return invalid('21212', `Invalid From: ${from}`);
	if (!store.phoneNumbers.some((number) => number.phoneNumber === from)) {
		return invalid('21210', `From ${from} is not a phone number of this project`);
	}
	const url = form.get('Url');
	if (url === null && form.get('ApplicationSid') === null)
		return invalid('21205', 'Url or ApplicationSid is required');
	for (const name of ['Url', 'StatusCallback', 'FallbackUrl']) {
		const value = form.get(name);
		if (value !== null && !isHttpUrl(value))
			return invalid('21205', `${name} is not a valid URL: ${value}`);
	}
	for (const name of ['Method', 'StatusCallbackMethod', 'FallbackMethod']) {
		const value = form.get(name);
		if (value !== null && value !== 'GET' && value !== 'POST')
			return invalid('21207', `${name} must be GET or POST`);
	}
	const timeout = form.get('Timeout');
	if (
		timeout !== null &&
		!(/^\d+$/.test(timeout) && Number(timeout) >= 1 && Number(timeout) <= 600)
	) {
		return invalid('21216', 'Timeout must be an integer from 1 to 600');
	}
	const callerId = form.get('CallerId');
	if (callerId !== null && callerId.trim() === '') return invalid('21212', 'CallerId is empty');
	return undefined;
}

export function callJson(store: Store, call: CallRecord): Record<string, unknown> {
	const uri = `${store.accountPath()}/Calls/${call.sid}`;
	return {
		sid: call.sid,
		account_sid: store.projectId,
		date_created: rfc2822(call.createdAt),
		date_updated: rfc2822(call.updatedAt),
		parent_call_sid: null,
		to: call.to,
		formatted_to: call.to,
		to_formatted: call.to,
		from: call.from,
		formatted_from: call.from,
		from_formatted: call.from,
		phone_number_sid:
			store.phoneNumbers.find((number) => number.phoneNumber === call.from)?.sid ?? null,
		status: call.status,
		start_time: null,
		end_time: null,
		duration: 0,
		price: null,
		price_unit: 'USD',
		direction: 'outbound-api',
		answered_by: null,
		api_version: '2010-04-01',
		forwarded_from: null,
		caller_name: null,
		uri: `${uri}.json`,
		subresource_uris: {
			notifications: `${uri}/Notifications.json`,
			recordings: `${uri}/Recordings.json`,
		},
		annotation: null,
		group_sid: null,
		audio_in_mos: null,
		sip_result_code: null,
		audio_rtt_avg: null,
		audio_rtt_min: null,
		audio_rtt_max: null,
		audio_out_jitter_min: null,
		audio_out_jitter_max: null,
		audio_out_jitter_avg: null,
		audio_out_lost: null,
	};
}

/** A new outbound call, answered `queued`; the sandbox then answers it (see speech.ts). */
export function createCall(
	store: Store,
	form: URLSearchParams,
): { reply: Reply; call?: CallRecord } {
	const problem = validate(store, form);
	if (problem) return { reply: problem };
	const now = store.now();
	const call: CallRecord = {
		sid: newSid(),
		to: form.get('To')!,
		from: form.get('From')!,
		status: 'queued',
		createdAt: now,
		updatedAt: now,
		parameters: Object.fromEntries(form),
	};
	store.calls.set(call.sid, call);
	return { reply: { status: 200, body: callJson(store, call) }, call };
}

/** `GET /Calls/{Sid}`: a call created through the API, or the call of a participant. */
export function getCall(store: Store, sid: string, path: string): Reply {
	const call = store.calls.get(sid);
	if (call) return { status: 200, body: callJson(store, call) };
	const participant = store.findCall(sid);
	return participant
		? { status: 200, body: participantCallJson(store, participant) }
		: notFound(path);
}

/**
 * `GET /Calls`: the calls created through the API, newest first, filtered by To and From (the
 * spec's list filters; the others are not needed by the node).
 */
export function listCalls(store: Store, query: URLSearchParams) {
	const to = query.get('To');
	const from = query.get('From');
	const items = [...store.calls.values()]
		.filter((call) => (to === null || call.to === to) && (from === null || call.from === from))
		.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.sid.localeCompare(b.sid));
	return { items, toJson: (call: CallRecord) => callJson(store, call) };
}
