import type { IDataObject } from 'n8n-workflow';

import { parseApiDate } from '../helpers/apiDate';

/**
 * What the pickers show. n8n's list shows only an entry's `name` (and keeps it as the picked
 * value's label), so everything that tells two entries apart goes into that one line.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** year, month (01-12), day, hour, minute of a moment in a time zone; UTC if the zone is unknown. */
function partsOf(time: number, timeZone: string): Record<string, string> {
	let format: Intl.DateTimeFormat;
	try {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23',
		});
	} catch {
		return partsOf(time, 'UTC');
	}
	return Object.fromEntries(format.formatToParts(time).map((part) => [part.type, part.value]));
}

/**
 * A moment as short as it can be said in the workflow's time zone (UTC when n8n names one this
 * runtime lacks): "14:05" today, "Nov 27 14:05" this year, "2025-11-27 14:05" before. The list
 * is narrow: every character saved keeps what tells two entries apart in view.
 */
export function formatWhen(time: number, timeZone: string, now: number = time): string {
	const when = partsOf(time, timeZone);
	const today = partsOf(now, timeZone);
	const clock = `${when.hour}:${when.minute}`;
	if (when.year !== today.year) return `${when.year}-${when.month}-${when.day} ${clock}`;
	if (when.month !== today.month || when.day !== today.day) {
		return `${MONTHS[Number(when.month) - 1]} ${when.day} ${clock}`;
	}
	return clock;
}

/** "under 1 min", "40 min", "2 h 5 min", "3 d 4 h". */
export function formatDuration(milliseconds: number): string {
	if (milliseconds < MINUTE) return 'under 1 min';
	if (milliseconds < HOUR) return `${Math.floor(milliseconds / MINUTE)} min`;
	if (milliseconds < DAY) {
		const minutes = Math.floor((milliseconds % HOUR) / MINUTE);
		return `${Math.floor(milliseconds / HOUR)} h${minutes ? ` ${minutes} min` : ''}`;
	}
	const hours = Math.floor((milliseconds % DAY) / HOUR);
	return `${Math.floor(milliseconds / DAY)} d${hours ? ` ${hours} h` : ''}`;
}

export interface LabelClock {
	now: number;
	timeZone: string;
}

const at = (time: number, clock: LabelClock) => formatWhen(time, clock.timeZone, clock.now);

/**
 * `Incident bridge · running 12 min · since 14:05`
 * `Incident bridge · ended · Nov 26 12:05 · 35 min`
 * `Scheduled room 1 · not started · created 14:05`
 */
export function conferenceLabel(conference: IDataObject, clock: LabelClock): string {
	const name = String(conference.friendly_name || conference.sid);
	const created = parseApiDate(conference.date_created);
	const updated = parseApiDate(conference.date_updated);
	if (created === undefined) return `${name} · ${String(conference.status ?? 'unknown status')}`;
	switch (conference.status) {
		case 'in-progress':
			return `${name} · running ${formatDuration(clock.now - created)} · since ${at(created, clock)}`;
		case 'completed':
			return [
				name,
				'ended',
				at(created, clock),
				...(updated === undefined ? [] : [formatDuration(updated - created)]),
			].join(' · ');
		case 'init':
			return `${name} · not started · created ${at(created, clock)}`;
		default:
			return `${name} · ${String(conference.status ?? 'unknown status')} · created ${at(created, clock)}`;
	}
}

/** The address the participant is reached at: the caller for a call in, the callee for a call out. */
export function participantAddress(call: IDataObject | undefined): string | undefined {
	if (!call) return undefined;
	const address = String(call.direction ?? '').startsWith('outbound') ? call.to : call.from;
	return typeof address === 'string' && address.trim() !== '' ? address.trim() : undefined;
}

/** `+13105550143 · muted, on hold · joined 14:05` (the call ID when no address is known). */
export function participantLabel(
	participant: IDataObject,
	address: string | undefined,
	clock: LabelClock,
): string {
	const states = [
		participant.muted === true ? 'muted' : '',
		participant.hold === true ? 'on hold' : '',
		participant.coaching === true ? 'coaching' : '',
	].filter(Boolean);
	const joined = parseApiDate(participant.date_created);
	return [
		address ?? `Call ${String(participant.call_sid)}`,
		...(states.length ? [states.join(', ')] : []),
		...(joined === undefined ? [] : [`joined ${at(joined, clock)}`]),
	].join(' · ');
}

/** `Recording from Nov 27 08:00 · in-progress · 0 s` */
export function recordingLabel(recording: IDataObject, clock: LabelClock): string {
	const created = parseApiDate(recording.date_created);
	return [
		created === undefined
			? `Recording ${String(recording.sid)}`
			: `Recording from ${at(created, clock)}`,
		String(recording.status ?? 'unknown status'),
		`${Number(recording.duration ?? 0)} s`,
	].join(' · ');
}

/** `+15550100001 (Ops hotline)`, or the number alone when it has no other name. */
export function phoneNumberLabel(entry: IDataObject): string {
	return entry.friendly_name && entry.friendly_name !== entry.phone_number
		? `${String(entry.phone_number)} (${String(entry.friendly_name)})`
		: String(entry.phone_number);
}

/**
 * Two entries that still read the same (same name, status and minute) get the start of their ID,
 * so that the list never shows two identical lines.
 */
export function withDistinctNames<T extends { name: string; value: string | number | boolean }>(
	results: T[],
): T[] {
	const counts = new Map<string, number>();
	for (const result of results) counts.set(result.name, (counts.get(result.name) ?? 0) + 1);
	return results.map((result) =>
		(counts.get(result.name) ?? 0) > 1
			? { ...result, name: `${result.name} · ID ${String(result.value).slice(0, 8)}` }
			: result,
	);
}
