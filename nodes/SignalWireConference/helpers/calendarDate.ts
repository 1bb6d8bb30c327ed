import type { IExecuteFunctions } from 'n8n-workflow';
import { inputError } from './validation';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const TIME = '\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?';

/** ISO 8601 / n8n's date picker: YYYY-MM-DD, optionally a time and an offset. */
const ISO_DATE = new RegExp(
	`^(\\d{4})-(\\d{2})-(\\d{2})(?:[T ]${TIME}(?:Z|[+-]\\d{2}(?::?\\d{2})?)?)?$`,
	'i',
);
/** RFC 2822, as SignalWire writes dates (its examples even spell September "Sept"). */
const RFC_2822 = new RegExp(
	`^(?:[a-z]{3},\\s*)?(\\d{1,2})\\s+([a-z]{3,4})\\s+(\\d{4})(?:\\s+${TIME}(?:\\s+(?:[+-]\\d{4}|[a-z]{1,5}))?)?$`,
	'i',
);
/** What String(date) gives for a JavaScript Date: "Sun Nov 01 2026 23:30:00 GMT-0500 (…)". */
const JS_DATE_STRING = new RegExp(
	`^[a-z]{3}\\s+([a-z]{3})\\s+(\\d{1,2})\\s+(\\d{4})(?:\\s+${TIME}(?:\\s+GMT[+-]\\d{4})?(?:\\s+\\(.*\\))?)?$`,
	'i',
);

function monthNumber(name: string): number {
	const lower = name.toLowerCase();
	return MONTHS.indexOf(lower === 'sept' ? 'sep' : lower) + 1;
}

/** YYYY-MM-DD, or undefined for a day the calendar lacks (e.g. 31 April). */
function format(year: number, month: number, day: number): string | undefined {
	const probe = new Date(Date.UTC(year, month - 1, day));
	if (
		probe.getUTCFullYear() !== year ||
		probe.getUTCMonth() !== month - 1 ||
		probe.getUTCDate() !== day
	) {
		return undefined;
	}
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The calendar date a text names, as written (in its own offset), or undefined. */
function calendarDateOfText(text: string): string | undefined {
	const iso = ISO_DATE.exec(text);
	if (iso) return format(Number(iso[1]), Number(iso[2]), Number(iso[3]));
	const rfc = RFC_2822.exec(text);
	if (rfc) return format(Number(rfc[3]), monthNumber(rfc[2]), Number(rfc[1]));
	const js = JS_DATE_STRING.exec(text);
	if (js) return format(Number(js[3]), monthNumber(js[1]), Number(js[2]));
	return undefined;
}

/**
 * SignalWire's date filters take a calendar date (YYYY-MM-DD). One rule for every input: the date
 * as written in the value's own offset. "2026-11-01T23:30:00-05:00" and "Sun, 01 Nov 2026
 * 23:30:00 -0500" are 1 November; a Luxon DateTime ($now, DateTime.fromISO…) is read in its own
 * zone; a JavaScript Date has no offset of its own and is read as n8n stores it, in UTC (its ISO
 * form), so a Date and the text n8n makes of it give the same day.
 */
export function toCalendarDate(
	context: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): string {
	let text = String(value ?? '').trim();
	const luxon = value as { toISODate?: () => string | null } | null;
	if (typeof value === 'object' && typeof luxon?.toISODate === 'function') {
		text = String(luxon.toISODate() ?? '');
	} else if (Object.prototype.toString.call(value) === '[object Date]') {
		// Not instanceof: a Date made in n8n's expression sandbox comes from another realm.
		const jsDate = value as Date;
		text = Number.isNaN(jsDate.getTime()) ? 'Invalid Date' : jsDate.toISOString();
	}
	const date = calendarDateOfText(text);
	if (date === undefined) {
		throw inputError(
			context,
			itemIndex,
			`${label} "${text.slice(0, 100)}" is not a date`,
			'Enter a date as YYYY-MM-DD (e.g. 2026-11-01), an ISO 8601 date and time, an RFC 2822 date as SignalWire writes them (e.g. Sun, 01 Nov 2026 10:00:00 +0000), or a date from an expression ($now, a Date).',
		);
	}
	return date;
}
