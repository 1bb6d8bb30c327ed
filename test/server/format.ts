import { randomUUID } from 'node:crypto';

export const API_PREFIX = '/api/laml/2010-04-01';
export const MORE_INFO = 'https://developer.signalwire.com/compatibility-api/reference/error-codes';

/** SignalWire's dates are RFC 2822 strings, e.g. "Mon, 24 Sep 2018 21:00:00 +0000". */
export function rfc2822(date: Date): string {
	return date.toUTCString().replace('GMT', '+0000');
}

export function calendarDate(date: Date): string {
	return date.toISOString().slice(0, 10);
}

export function newSid(): string {
	return randomUUID();
}

export interface ErrorBody {
	code: number;
	message: string;
	more_info: string;
	status: number;
}

export function errorBody(status: number, code: number, message: string): ErrorBody {
	return { code, message, more_info: MORE_INFO, status };
}
