import { createHmac, timingSafeEqual } from 'crypto';

/* SignalWire's request signature: which URLs it may have signed, and the HMAC check. */

export type FormPairs = Array<[string, string]>;

/** Sorted by name, then value, so that the order on the wire does not matter. */
export function sortedPairs(pairs: FormPairs): FormPairs {
	const compare = (a: string, b: string) => (a === b ? 0 : a < b ? -1 : 1);
	return [...pairs].sort(([nameA, valueA], [nameB, valueB]) =>
		nameA === nameB ? compare(valueA, valueB) : compare(nameA, nameB),
	);
}

/**
 * SignalWire's validators (like Twilio's) accept the URL with and without the scheme's default
 * port, because a proxy in front of n8n may add or drop it.
 */
function urlVariants(url: string): string[] {
	if (!URL.canParse(url)) return [url];
	const parsed = new URL(url);
	const defaultPort =
		parsed.protocol === 'https:' ? '443' : parsed.protocol === 'http:' ? '80' : '';
	if (defaultPort === '') return [url];
	const authority = `${parsed.protocol}//${parsed.username ? `${parsed.username}${parsed.password ? `:${parsed.password}` : ''}@` : ''}`;
	const rest = `${parsed.pathname}${parsed.search}${parsed.hash}`;
	return [
		...new Set([
			url,
			`${authority}${parsed.hostname}${rest}`,
			`${authority}${parsed.hostname}:${parsed.port || defaultPort}${rest}`,
		]),
	];
}

/**
 * The URLs SignalWire may have signed, most likely first: n8n's own webhook URL (the Production
 * URL, from N8N_WEBHOOK_URL, so right behind proxies and in queue mode) with the request's query
 * string; then the URL rebuilt from the request; then the Public Base URL.
 */
export function signatureUrlCandidates(sources: {
	nodeWebhookUrl?: string;
	/** The request's path and query as n8n received it. */
	originalUrl: string;
	/** Scheme and host from the request itself (protocol, Host header). */
	requestOrigin: string;
	publicBaseUrl?: string;
}): string[] {
	const { nodeWebhookUrl, originalUrl } = sources;
	const candidates: string[] = [];
	if (nodeWebhookUrl) {
		const query = originalUrl.includes('?') ? originalUrl.slice(originalUrl.indexOf('?')) : '';
		candidates.push(nodeWebhookUrl.split('?')[0] + query);
	}
	candidates.push(sources.requestOrigin + originalUrl);
	const base = sources.publicBaseUrl?.trim().replace(/\/+$/, '');
	if (base) candidates.push(base + originalUrl);
	return [...new Set(candidates)];
}

/**
 * Whether `signature` is SignalWire's signature of this request for any accepted form of any
 * candidate URL: base64(HMAC-SHA1(signing key, URL + every name+value pair, sorted)). An empty or
 * blank key never verifies anything: anyone could sign with it.
 */
export function isValidSignature(
	key: string,
	signature: string,
	urls: string[],
	pairs: FormPairs,
): boolean {
	if (key.trim() === '') return false;
	const signed = sortedPairs(pairs)
		.map(([name, value]) => name + value)
		.join('');
	const given = Buffer.from(signature);
	let valid = false;
	// Every variant is compared, so that the time taken does not depend on which one matched.
	for (const variant of urls.flatMap(urlVariants)) {
		const expected = createHmac('sha1', key)
			.update(Buffer.from(variant + signed, 'utf-8'))
			.digest();
		const encoded = Buffer.from(expected.toString('base64'));
		if (encoded.length === given.length && timingSafeEqual(encoded, given)) valid = true;
	}
	return valid;
}
