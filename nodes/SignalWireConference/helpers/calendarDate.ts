import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

const LEADING_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/;

function isValidCalendarDate(year: number, month: number, day: number): boolean {
	const probe = new Date(Date.UTC(year, month - 1, day));
	return (
		probe.getUTCFullYear() === year &&
		probe.getUTCMonth() === month - 1 &&
		probe.getUTCDate() === day
	);
}

/**
 * SignalWire's date filters take a calendar date (YYYY-MM-DD). The date is taken as the user
 * wrote it: converting "2026-11-01T00:00:00" through a Date would shift it by the time zone.
 */
export function toCalendarDate(
	context: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): string {
	let text: string;
	if (value instanceof Date) {
		text = value.toISOString();
	} else if (value !== null && typeof value === 'object' && 'toISODate' in value) {
		text = String((value as { toISODate: () => string | null }).toISODate() ?? '');
	} else {
		text = String(value ?? '').trim();
	}
	const match = LEADING_DATE.exec(text);
	if (!match || !isValidCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
		throw new NodeOperationError(
			context.getNode(),
			`${label} "${text.slice(0, 100)}" is not a date`,
			{ itemIndex, description: 'Enter a calendar date as YYYY-MM-DD, e.g. 2026-11-01.' },
		);
	}
	return `${match[1]}-${match[2]}-${match[3]}`;
}
