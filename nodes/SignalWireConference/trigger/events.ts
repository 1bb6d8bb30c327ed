import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { parseApiDate } from '../helpers/apiDate';
import type { FormPairs } from './signature';

/**
 * The events of SignalWire's status callbacks: the value, the cXML word that asks for it (one word
 * may cover a pair, e.g. "mute" sends both mute and unmute), what n8n's trigger panel lists and its
 * search matches (in the words people type), and a description. In the order of the words in the
 * cXML attribute.
 */
type Event = [value: string, cxml: string, action: string, description: string];

/** Asked for with `statusCallbackEvent` on `<Conference>`. */
export const CONFERENCE_EVENTS: Event[] = [
	['conference-start', 'start', 'When a conference starts', 'The conference started'],
	['conference-end', 'end', 'When a conference ends', 'The conference ended'],
	['participant-join', 'join', 'When someone joins a conference', 'A participant joined'],
	['participant-leave', 'leave', 'When someone leaves a conference', 'A participant left'],
	['participant-mute', 'mute', 'When a participant is muted', 'A participant was muted'],
	['participant-unmute', 'mute', 'When a participant is unmuted', 'A participant was unmuted'],
	[
		'participant-hold',
		'hold',
		'When a participant is put on hold',
		'A participant was put on hold',
	],
	[
		'participant-unhold',
		'hold',
		'When a participant is taken off hold',
		'A participant was taken off hold',
	],
	[
		'participant-speech-start',
		'speaker',
		'When a participant starts speaking',
		'A participant started speaking',
	],
	[
		'participant-speech-stop',
		'speaker',
		'When a participant stops speaking',
		'A participant stopped speaking',
	],
];

/** Asked for with `recordingStatusCallbackEvent`, whose words are the `RecordingStatus` values. */
export const RECORDING_EVENTS: Event[] = [
	['recording-in-progress', 'in-progress', 'When a recording starts', 'A recording started'],
	[
		'recording-completed',
		'completed',
		'When a recording is ready',
		"A recording's audio is ready to download",
	],
	[
		'recording-absent',
		'absent',
		'When a recording ends without audio',
		'A recording ended without audio (too short or silent)',
	],
];

export const RECORDING_EVENT_VALUES = RECORDING_EVENTS.map(([value]) => value);

/** The Events options, by name ("participant-speech-start" is "Participant Speech Start"). */
export const EVENT_OPTIONS: INodePropertyOptions[] = [...CONFERENCE_EVENTS, ...RECORDING_EVENTS]
	.map(([value, , action, description]) => ({
		name: value.replace(/-/g, ' ').replace(/\b\w/g, (first) => first.toUpperCase()),
		value,
		action,
		description,
	}))
	.sort((a, b) => a.name.localeCompare(b.name));

/**
 * The value of `table`'s cXML attribute (statusCallbackEvent for CONFERENCE_EVENTS,
 * recordingStatusCallbackEvent for RECORDING_EVENTS) that makes SignalWire send the chosen events.
 */
export function cxmlWords(table: Event[], events: string[]): string {
	const chosen = table.filter(([value]) => events.includes(value));
	return [...new Set(chosen.map(([, cxml]) => cxml))].join(' ');
}

const BOOLEAN_FIELDS = /^(Muted|Hold|Coaching|EndConferenceOnExit|StartConferenceOnEnter)$/;
/** Numbers in SignalWire's documentation of recording callbacks. */
const NUMBER_FIELDS = ['RecordingDuration', 'RecordingChannels'];

type FieldValue = string | number | boolean | null | Array<string | number | boolean | null>;

/**
 * The workflow's item: every field under its own name (a field sent twice as a list), plus `event`
 * and `timestampIso`. Field names come from the request, so the item is made with
 * Object.fromEntries: a field named "__proto__" stays data, off the prototype chain.
 */
export function callbackToItem(pairs: FormPairs): IDataObject {
	const fields = new Map<string, FieldValue>();
	for (const [name, raw] of pairs) {
		const value =
			BOOLEAN_FIELDS.test(name) && /^(true|false)$/i.test(raw) ? /^true$/i.test(raw) : raw;
		const existing = fields.get(name);
		if (existing === undefined) fields.set(name, value);
		else fields.set(name, Array.isArray(existing) ? [...existing, value] : [existing, value]);
	}
	const event = fields.get('StatusCallbackEvent');
	const status = fields.get('RecordingStatus');
	const timestamp = fields.get('Timestamp');
	const time = typeof timestamp === 'string' ? parseApiDate(timestamp) : undefined;
	fields.set('event', typeof event === 'string' ? event : null);
	fields.set('timestampIso', time === undefined ? null : new Date(time).toISOString());
	if (event === undefined && typeof status === 'string') {
		fields.set('event', `recording-${status}`);
		for (const name of NUMBER_FIELDS) {
			const value = fields.get(name);
			if (typeof value === 'string' && /^\d+$/.test(value)) fields.set(name, Number(value));
		}
	}
	return Object.fromEntries(fields) as IDataObject;
}
