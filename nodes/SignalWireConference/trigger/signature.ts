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

export interface CalledUrlSources {
	/** n8n's own URL of this webhook (`getNodeWebhookUrl`), built from N8N_WEBHOOK_URL when it is set. */
	nodeWebhookUrl?: string;
	/** The request's path and query as n8n received it (`originalUrl`). */
	originalUrl: string;
	/** Scheme and host from the request itself (Host header, protocol). */
	requestOrigin: string;
	/** The trigger's Public Base URL option, when set. */
	publicBaseUrl?: string;
}

function queryOf(originalUrl: string): string {
	const at = originalUrl.indexOf('?');
	return at === -1 ? '' : originalUrl.slice(at);
}

/**
 * The URLs SignalWire may have signed, most likely first: n8n's own webhook URL (what the editor
 * shows as Production URL, from N8N_WEBHOOK_URL, so right behind proxies and in queue mode) with the
 * request's query string; then the URL rebuilt from the request; then the Public Base URL.
 */
export function signatureUrlCandidates(sources: CalledUrlSources): string[] {
	const candidates: string[] = [];
	if (sources.nodeWebhookUrl) {
		candidates.push(sources.nodeWebhookUrl.split('?')[0] + queryOf(sources.originalUrl));
	}
	candidates.push(sources.requestOrigin + sources.originalUrl);
	const base = sources.publicBaseUrl?.trim().replace(/\/+$/, '');
	if (base) candidates.push(base + sources.originalUrl);
	return [...new Set(candidates)];
}

/**
 * Whether `signature` is SignalWire's signature of this request for any accepted form of any
 * candidate URL. An empty or blank key never verifies anything: anyone could sign with it.
 */
export function isValidSignature(
	signingKey: string,
	signature: string,
	urls: string | string[],
	pairs: FormPairs,
): boolean {
	if (signingKey.trim() === '') return false;
	let valid = false;
	// Every variant is compared, so that the time taken does not depend on which one matched.
	for (const url of Array.isArray(urls) ? urls : [urls]) {
		for (const variant of urlVariants(url)) {
			if (safeEqual(expectedSignature(signingKey, variant, pairs), signature)) valid = true;
		}
	}
	return valid;
}
