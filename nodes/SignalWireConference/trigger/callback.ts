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

/**
 * The workflow's item: every callback field under its own name, "true"/"false" as booleans, the
 * event under `event` and the timestamp also as ISO 8601 under `timestampIso`. A field sent twice
 * keeps all its values, as a list.
 */
export function callbackToItem(pairs: FormPairs): IDataObject {
	const item: IDataObject = {};
	for (const [name, raw] of pairs) {
		const value =
			BOOLEAN_FIELDS.has(name) && /^(true|false)$/i.test(raw) ? /^true$/i.test(raw) : raw;
		const existing = item[name];
		if (existing === undefined) item[name] = value;
		else item[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
	}
	item.event = typeof item.StatusCallbackEvent === 'string' ? item.StatusCallbackEvent : null;
	const time = typeof item.Timestamp === 'string' ? parseApiDate(item.Timestamp) : undefined;
	item.timestampIso = time === undefined ? null : new Date(time).toISOString();
	return item;
}
