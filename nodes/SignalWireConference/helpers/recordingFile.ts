import { parseApiDate } from './apiDate';

/** Letters, digits, dots, dashes and underscores; runs of anything else become one dash. */
function slug(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^A-Za-z0-9._-]+/g, '-')
		.replace(/^[-.]+|[-.]+$/g, '')
		.slice(0, 60);
}

/**
 * The default file name: conference name, start date (UTC) and recording sid, e.g.
 * `Support-bridge-2026-11-27-b3877c40-….mp3`; "recording" stands in for an unknown name, and the
 * date (SignalWire's RFC 2822 text) is left out when unknown. The sid keeps names unique, the name
 * and date keep them readable in a folder listing.
 */
export function defaultRecordingFileName(
	facts: { recordingSid: string; conferenceName?: string; startedAt?: unknown },
	extension: string,
): string {
	const name = slug(facts.conferenceName ?? '') || 'recording';
	const time = parseApiDate(facts.startedAt);
	const date = time === undefined ? '' : `${new Date(time).toISOString().slice(0, 10)}-`;
	return `${name}-${date}${facts.recordingSid}.${extension}`;
}

/**
 * Control and format characters (NUL, line breaks, escape sequences, right-to-left overrides,
 * zero-width marks): a file name that holds one breaks or disguises itself where it is written.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/**
 * A file name the user typed: control and format characters removed, its folder part dropped (a
 * binary file has a name, not a place), and the format's extension added when it has none.
 */
export function customRecordingFileName(typed: string, extension: string): string {
	const base = typed.replace(INVISIBLE, '').trim().split(/[\\/]/).pop() ?? '';
	return /\.[A-Za-z0-9]{1,5}$/.test(base) ? base : `${base}.${extension}`;
}
