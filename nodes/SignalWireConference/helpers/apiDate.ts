/**
 * SignalWire's dates are RFC 2822 strings, and its own examples spell September "Sept", which
 * `Date.parse` rejects. Milliseconds since the epoch, or undefined when the value is no date.
 */
export function parseApiDate(value: unknown): number | undefined {
	const time = Date.parse(String(value ?? '').replace(/\bSept\b/, 'Sep'));
	return Number.isNaN(time) ? undefined : time;
}
