import { createHmac, timingSafeEqual } from 'crypto';

export type FormPairs = Array<[string, string]>;

/**
 * SignalWire (like Twilio) signs a form callback as
 * base64(HMAC-SHA1(signing key, full URL + every name+value pair, sorted by name)).
 * Repeated names contribute each value, values sorted, so the order on the wire does not matter.
 */
export function expectedSignature(signingKey: string, url: string, pairs: FormPairs): string {
	const sorted = [...pairs].sort(([nameA, valueA], [nameB, valueB]) =>
		nameA === nameB ? compare(valueA, valueB) : compare(nameA, nameB),
	);
	const payload = url + sorted.map(([name, value]) => name + value).join('');
	return createHmac('sha1', signingKey).update(Buffer.from(payload, 'utf-8')).digest('base64');
}

function compare(a: string, b: string): number {
	if (a === b) return 0;
	return a < b ? -1 : 1;
}

/**
 * SignalWire's validators accept the URL with and without the scheme's default port, because a
 * proxy in front of n8n may add or drop it.
 */
export function urlVariants(url: string): string[] {
	if (!URL.canParse(url)) return [url];
	const parsed = new URL(url);
	const defaultPort =
		parsed.protocol === 'https:' ? '443' : parsed.protocol === 'http:' ? '80' : '';
	const variants = new Set([url]);
	if (defaultPort === '') return [...variants];
	const authority = `${parsed.protocol}//${parsed.username ? `${parsed.username}${parsed.password ? `:${parsed.password}` : ''}@` : ''}`;
	const rest = `${parsed.pathname}${parsed.search}${parsed.hash}`;
	variants.add(`${authority}${parsed.hostname}${rest}`);
	variants.add(`${authority}${parsed.hostname}:${parsed.port || defaultPort}${rest}`);
	return [...variants];
}

function safeEqual(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
}

/** Whether `signature` is SignalWire's signature of this request for any accepted form of its URL. */
export function isValidSignature(
	signingKey: string,
	signature: string,
	url: string,
	pairs: FormPairs,
): boolean {
	let valid = false;
	// Every variant is compared, so that the time taken does not depend on which one matched.
	for (const variant of urlVariants(url)) {
		if (safeEqual(expectedSignature(signingKey, variant, pairs), signature)) valid = true;
	}
	return valid;
}
