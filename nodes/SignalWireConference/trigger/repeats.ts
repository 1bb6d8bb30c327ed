import { createHash } from 'crypto';
import type { IWebhookFunctions } from 'n8n-workflow';

import type { FormPairs } from './signature';

/*
 * A callback can arrive more than once: a sender's or a proxy's retry, or a captured request
 * replayed. Each event starts the workflow once: a repeat within the window is acknowledged and
 * starts nothing. The memory is this process's: behind a load balancer, each webhook process
 * keeps its own.
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

function field(pairs: FormPairs, name: string): string | undefined {
	return pairs.find(([key]) => key === name)?.[1];
}

/**
 * What makes an event itself: the conference, its sequence number and the event; the recording
 * and its status. An unsigned callback, or one that carries neither, is known only by all of its
 * fields, so that only an exact repeat counts as one: otherwise anyone could announce a future
 * event's names in advance and have the real one ignored.
 */
function eventIdentity(pairs: FormPairs, signed: boolean): string {
	if (!signed) return exactIdentity(pairs);
	const conference = ['ConferenceSid', 'SequenceNumber', 'StatusCallbackEvent'].map((name) =>
		field(pairs, name),
	);
	if (conference.every((value) => value !== undefined)) return `conference ${conference.join(' ')}`;
	const recording = ['RecordingSid', 'RecordingStatus'].map((name) => field(pairs, name));
	if (recording.every((value) => value !== undefined)) return `recording ${recording.join(' ')}`;
	return exactIdentity(pairs);
}

function exactIdentity(pairs: FormPairs): string {
	const sorted = [...pairs].sort(([a, va], [b, vb]) =>
		a === b ? (va < vb ? -1 : va > vb ? 1 : 0) : a < b ? -1 : 1,
	);
	return `form ${createHash('sha256').update(JSON.stringify(sorted)).digest('base64')}`;
}

function forgetOld(now: number): void {
	for (const [key, delivery] of deliveries) {
		const expired = delivery.state === 'delivered' && now - delivery.at >= REPEAT_WINDOW_MS;
		if (!expired && deliveries.size <= MAX_REMEMBERED_EVENTS) break;
		deliveries.delete(key);
	}
}

/**
 * Watches n8n's answer to this request: an answer of 400 or more means n8n did not take the
 * event (it could not start the workflow), so a repeat must be handled; any other end of the
 * request counts as delivered.
 */
function watchAnswer(context: IWebhookFunctions, key: string): void {
	const response = context.getResponseObject();
	let settle: (accepted: boolean) => void = () => {};
	const accepted = new Promise<boolean>((resolve) => (settle = resolve));
	deliveries.set(key, { state: 'in-flight', accepted });
	const done = () => {
		const ok = !response.writableFinished || response.statusCode < 400;
		if (ok) deliveries.set(key, { state: 'delivered', at: Date.now() });
		else deliveries.delete(key);
		settle(ok);
	};
	response.once('close', done);
}

/**
 * Whether this callback is a repeat of an event that already started the workflow (or is
 * starting it). The first of several concurrent repeats handles the event; the others wait for
 * n8n's answer to it and handle it themselves only if n8n did not take it.
 */
export async function isRepeatedEvent(
	context: IWebhookFunctions,
	pairs: FormPairs,
	{ signed }: { signed: boolean },
): Promise<boolean> {
	const node = context.getNode();
	const key = `${context.getWorkflow().id ?? ''} ${node.id} ${eventIdentity(pairs, signed)}`;
	for (;;) {
		forgetOld(Date.now());
		const known = deliveries.get(key);
		if (known === undefined) {
			watchAnswer(context, key);
			return false;
		}
		if (known.state === 'delivered') return true;
		if (await known.accepted) return true;
	}
}
