import type { IDataObject } from 'n8n-workflow';

import { parseApiDate } from '../helpers/apiDate';
import type { FormPairs } from './signature';

const BOOLEAN_FIELDS = new Set([
	'Muted',
	'Hold',
	'Coaching',
	'EndConferenceOnExit',
	'StartConferenceOnEnter',
]);

type FieldValue = string | boolean | null | Array<string | boolean | null>;

/**
 * The workflow's item: every callback field under its own name, "true"/"false" as booleans, the
 * event under `event` and the timestamp also as ISO 8601 under `timestampIso`. A field sent twice
 * keeps all its values, as a list.
 *
 * Field names come from the request, so they are collected in a Map and the item is made with
 * Object.fromEntries, which defines each one as an own property: a field named "__proto__",
 * "constructor" or "toString" is kept as data and never reaches an object's prototype chain.
 */
export function callbackToItem(pairs: FormPairs): IDataObject {
	const fields = new Map<string, FieldValue>();
	for (const [name, raw] of pairs) {
		const value =
			BOOLEAN_FIELDS.has(name) && /^(true|false)$/i.test(raw) ? /^true$/i.test(raw) : raw;
		const existing = fields.get(name);
		if (existing === undefined) fields.set(name, value);
		else fields.set(name, Array.isArray(existing) ? [...existing, value] : [existing, value]);
	}
	const event = fields.get('StatusCallbackEvent');
	const timestamp = fields.get('Timestamp');
	const time = typeof timestamp === 'string' ? parseApiDate(timestamp) : undefined;
	fields.set('event', typeof event === 'string' ? event : null);
	fields.set('timestampIso', time === undefined ? null : new Date(time).toISOString());
	return Object.fromEntries(fields) as IDataObject;
}
