import { createHmac } from 'node:crypto';

/**
 * Written from SignalWire's documentation, independently of the node: HMAC-SHA1 over the URL
 * followed by every parameter name and value, parameters sorted by name (a repeated name adds each
 * of its values, sorted), base64.
 */
export function signLikeSignalWire(key: string, url: string, body: string): string {
	const grouped = new Map<string, string[]>();
	for (const [name, value] of new URLSearchParams(body))
		grouped.set(name, [...(grouped.get(name) ?? []), value]);
	let data = url;
	for (const name of [...grouped.keys()].sort()) {
		for (const value of grouped.get(name)!.sort()) data += name + value;
	}
	return createHmac('sha1', key).update(data).digest('base64');
}

/** A participant-join callback as SignalWire posts it; `fields` replace or add fields. */
export function conferenceCallbackBody(fields: Record<string, string> = {}): string {
	return new URLSearchParams({
		AccountSid: 'b3877c40-da60-4998-90ad-b792e98472af',
		ConferenceSid: 'c0ffee00-0000-4000-8000-000000000001',
		FriendlyName: 'Support bridge',
		StatusCallbackEvent: 'participant-join',
		CallSid: 'ca11ca11-0000-4000-8000-000000000002',
		Muted: 'false',
		Hold: 'false',
		Coaching: 'false',
		EndConferenceOnExit: 'true',
		StartConferenceOnEnter: 'true',
		SequenceNumber: '3',
		Timestamp: 'Fri, 27 Nov 2026 08:15:30 +0000',
		...fields,
	}).toString();
}
