import { createHash } from 'crypto';
import type { IWebhookFunctions } from 'n8n-workflow';

import type { FormPairs } from './signature';
import { sortedPairs } from './signature';

/*
 * A callback may come again (a retry, a replay); a repeat within the window is acknowledged and
 * starts nothing. The memory is this process's: each webhook process keeps its own.
 */

/** How long a delivered event is remembered. */
export const REPEAT_WINDOW_MS = 10 * 60_000;
/** At most this many events are remembered per process; the oldest is forgotten first. */
export const MAX_REMEMBERED_EVENTS = 10_000;

type Delivery =
	| { state: 'delivered'; at: number }
	/** Resolves with whether n8n accepted it, once n8n has answered its request. */
	| { state: 'in-flight'; accepted: Promise<boolean> };

const deliveries = new Map<string, Delivery>();

/**
 * What makes an event itself: the conference, its sequence number and the event; the recording
 * and its status. An unsigned callback, or one that carries neither, is known only by all of its
 * fields, so that only an exact repeat counts as one: otherwise anyone could announce a future
 * event's names in advance and have the real one ignored.
 */
function eventIdentity(pairs: FormPairs, signed: boolean): string {
	const fields = (kind: string, names: string[]) => {
		const values = names.map((name) => pairs.find(([key]) => key === name)?.[1]);
		return signed && values.every((value) => value !== undefined)
			? `${kind} ${values.join(' ')}`
			: undefined;
	};
	const exact = JSON.stringify(sortedPairs(pairs));
	return (
		fields('conference', ['ConferenceSid', 'SequenceNumber', 'StatusCallbackEvent']) ??
		fields('recording', ['RecordingSid', 'RecordingStatus']) ??
		`form ${createHash('sha256').update(exact).digest('base64')}`
	);
}

/**
 * Whether the event already started the workflow (or is starting it): concurrent repeats wait for
 * n8n's answer to the first, and are handled only if n8n did not take it.
 */
export async function isRepeatedEvent(
	context: IWebhookFunctions,
	pairs: FormPairs,
	verified: boolean,
): Promise<boolean> {
	const identity = eventIdentity(pairs, verified);
	const key = `${context.getWorkflow().id ?? ''} ${context.getNode().id} ${identity}`;
	for (;;) {
		// Oldest first: forget what has expired, and whatever is past the bound.
		const now = Date.now();
		for (const [old, delivery] of deliveries) {
			const expired = delivery.state === 'delivered' && now - delivery.at >= REPEAT_WINDOW_MS;
			if (!expired && deliveries.size <= MAX_REMEMBERED_EVENTS) break;
			deliveries.delete(old);
		}
		const known = deliveries.get(key);
		if (known === undefined) break;
		if (known.state === 'delivered' || (await known.accepted)) return true;
	}
	// n8n answering 400 or more did not take the event (no workflow started): a repeat is handled.
	const response = context.getResponseObject();
	let settle: (accepted: boolean) => void = () => {};
	deliveries.set(key, {
		state: 'in-flight',
		accepted: new Promise<boolean>((resolve) => (settle = resolve)),
	});
	response.once('close', () => {
		const ok = !response.writableFinished || response.statusCode < 400;
		if (ok) deliveries.set(key, { state: 'delivered', at: Date.now() });
		else deliveries.delete(key);
		settle(ok);
	});
	return false;
}
