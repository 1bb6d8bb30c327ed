import type { ErrorBody } from './format';
import { calendarDate, errorBody } from './format';

export type Reply = {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Wait this long before answering (latency, slow servers). */
	delayMs?: number;
	/** A long body sent chunk by chunk with backpressure, never held whole (large recordings). */
	stream?: () => AsyncIterable<Buffer>;
	/** Misbehave instead of answering: drop the connection, or never answer. */
	fault?: 'reset' | 'hang';
};

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function isHttpUrl(value: string): boolean {
	return URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol);
}

export function badRequest(code: number, message: string): Reply {
	return { status: 400, body: errorBody(400, code, message) };
}

export function notFound(path: string): Reply {
	return {
		status: 404,
		body: errorBody(404, 20404, `The requested resource ${path} was not found`),
	};
}

export function unprocessable(code: number, message: string): Reply {
	return { status: 422, body: errorBody(422, code, message) };
}

/** Date filters compare calendar dates (UTC); "<" and ">" include the given day, as Twilio's do. */
export function dateFilter<T>(
	query: URLSearchParams,
	name: string,
	dateOf: (record: T) => Date,
): ((record: T) => boolean) | ErrorBody {
	const checks: Array<(record: T) => boolean> = [];
	for (const [suffix, compare] of [
		['', (a: string, b: string) => a === b],
		['<', (a: string, b: string) => a <= b],
		['>', (a: string, b: string) => a >= b],
	] as const) {
		const value = query.get(name + suffix);
		if (value === null) continue;
		if (!DATE_PATTERN.test(value))
			return errorBody(400, 20001, `Invalid ${name + suffix}: ${value}`);
		checks.push((record) => compare(calendarDate(dateOf(record)), value));
	}
	return (record) => checks.every((check) => check(record));
}

/** The `{ "errors": [...] }` body SignalWire uses for some 422s (recordings, streams). */
export function unprocessableList(...messages: string[]): Reply {
	return { status: 422, body: { errors: messages } };
}

/** Form booleans as SignalWire reads them: "true" / "false", any case. */
export function parseBoolean(value: string | null): boolean | undefined | 'invalid' {
	if (value === null) return undefined;
	if (/^true$/i.test(value)) return true;
	if (/^false$/i.test(value)) return false;
	return 'invalid';
}
