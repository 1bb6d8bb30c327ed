/** Secrets shorter than this are not searched for: they would blank out ordinary text. */
const MIN_SECRET_LENGTH = 4;

/** A secret as it may appear in text a server echoes: as typed, URL-encoded, form-encoded. */
function secretForms(secret: string): string[] {
	const encoded = encodeURIComponent(secret);
	return [...new Set([secret, encoded, encoded.replace(/%20/g, '+')])];
}

/**
 * Text that came from a server (messages, codes, links) is quoted back to the user; it must never
 * carry a secret, even when a misbehaving server echoes one. User info in URLs is blanked too.
 */
export function redact(text: string, secrets: readonly string[]): string {
	let safe = text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s@"]*@/gi, '$1***@');
	const forms = secrets
		.filter((secret) => secret.length >= MIN_SECRET_LENGTH)
		.flatMap(secretForms)
		// Longest first, so that a secret containing another is blanked whole.
		.sort((a, b) => b.length - a.length);
	for (const form of forms) safe = safe.split(form).join('***');
	return safe;
}

/**
 * A string from a server, made fit to quote: redacted FIRST, then shortened, so that cutting can
 * never leave the first part of a secret that redaction would no longer recognise.
 */
export function quoteFromServer(
	value: unknown,
	secrets: readonly string[],
	maxLength: number,
): string {
	const safe = redact(String(value), secrets);
	return safe.length > maxLength ? `${safe.slice(0, maxLength)}…` : safe;
}
