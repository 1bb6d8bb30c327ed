import { createHmac, timingSafeEqual } from 'crypto';
import type {
	IDataObject,
	IHookFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { parseBooleanValue } from '../helpers/validation';

/* Whether a callback may start the workflow: its signature, checked on every request. */

export type FormPairs = Array<[string, string]>;

/** Seconds after which a sender may try again a callback that could not be checked. */
export const RETRY_AFTER_SECONDS = 5;

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

/*
 * The Signing Key is read from n8n once per credential for a few seconds, not once per callback:
 * n8n reads a credential from its database every time, and the 100 callbacks of a 100-person call
 * ending at once would queue for n8n's default pool of two connections until some time out.
 */

/** How long a key read from n8n is used before it is read again. */
export const KEY_FRESH_MS = 10_000;
/**
 * A mismatch reads the key again (it may have just changed), but not sooner than this after the
 * last read: forged callbacks must not each cost a database read.
 */
export const KEY_RECHECK_MS = 1_000;
/** Keys of this many credentials at most are kept; the oldest read is dropped first. */
const MAX_KEPT_KEYS = 100;

interface SigningKeyRead {
	key: string;
	readAt: number;
}

const kept = new Map<string, SigningKeyRead>();
const reading = new Map<string, Promise<SigningKeyRead>>();

async function readFromN8n(context: IWebhookFunctions): Promise<SigningKeyRead> {
	const { signingKeySecret: key } = await context.getCredentials('signalWireSigningKeyApi');
	return { key: typeof key === 'string' ? key : '', readAt: Date.now() };
}

/** One read at a time per credential: callbacks that arrive while it runs share its result. */
function readOnce(context: IWebhookFunctions, credentialId: string): Promise<SigningKeyRead> {
	let pending = reading.get(credentialId);
	if (pending === undefined) {
		pending = readFromN8n(context)
			.then((read) => {
				// Kept newest last, so that the oldest read is the first dropped.
				kept.delete(credentialId);
				kept.set(credentialId, read);
				while (kept.size > MAX_KEPT_KEYS) kept.delete(kept.keys().next().value as string);
				return read;
			})
			.finally(() => reading.delete(credentialId));
		reading.set(credentialId, pending);
	}
	return pending;
}

function credentialIdOf(context: IWebhookFunctions): string | undefined {
	const id = context.getNode().credentials?.signalWireSigningKeyApi?.id;
	return typeof id === 'string' && id !== '' ? id : undefined;
}

/** Throws when n8n cannot read the key; a failure is never kept: the next callback reads again. */
async function signingKey(context: IWebhookFunctions): Promise<SigningKeyRead> {
	const credentialId = credentialIdOf(context);
	if (credentialId === undefined) return await readFromN8n(context);
	const read = kept.get(credentialId);
	if (read !== undefined && Date.now() - read.readAt < KEY_FRESH_MS) return read;
	return await readOnce(context, credentialId);
}

/** The key read again after `stale` failed to verify, unless `stale` is too recent for a read. */
async function signingKeyAfterMismatch(
	context: IWebhookFunctions,
	stale: SigningKeyRead,
): Promise<SigningKeyRead | undefined> {
	const credentialId = credentialIdOf(context);
	if (credentialId === undefined) return undefined;
	const latest = kept.get(credentialId);
	if (latest !== undefined && latest.readAt > stale.readAt) return latest;
	if (Date.now() - stale.readAt < KEY_RECHECK_MS) return undefined;
	return await readOnce(context, credentialId);
}

/** The callback's form pairs, exactly as SignalWire signed them. */
export function formPairs(context: IWebhookFunctions): FormPairs {
	const { rawBody, headers } = context.getRequestObject() as {
		rawBody?: Buffer;
		headers: IDataObject;
	};
	// The raw body keeps every pair exactly as signed; a parsed body may have merged or nested them.
	if (rawBody && String(headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
		return [...new URLSearchParams(rawBody.toString('utf-8'))];
	}
	const body = (context.getBodyData() ?? {}) as IDataObject;
	return Object.entries(body).flatMap(([name, value]) =>
		[value].flat().map((entry): [string, string] => [name, String(entry)]),
	);
}

/** Verification is off only when the setting is clearly false; anything else verifies (fail closed). */
export function verifiesSignature(context: IWebhookFunctions | IHookFunctions): boolean {
	return parseBooleanValue(context.getNodeParameter('verifySignature', true)) !== false;
}

/** The answer to a callback that may not start the workflow (undefined when it may). */
export async function refuseUnverified(
	context: IWebhookFunctions,
	pairs: FormPairs,
): Promise<IWebhookResponseData | undefined> {
	if (!verifiesSignature(context)) return undefined;
	const headers = context.getHeaderData() as Record<string, unknown>;
	const signature = ['x-signalwire-signature', 'x-twilio-signature']
		.map((name) => headers[name])
		.find((value): value is string => typeof value === 'string' && value !== '');
	const request = context.getRequestObject();
	const urls = signatureUrlCandidates({
		nodeWebhookUrl: context.getNodeWebhookUrl('default'),
		originalUrl: request.originalUrl,
		requestOrigin: `${request.protocol}://${request.get('host') ?? ''}`,
		publicBaseUrl: String(context.getNodeParameter('options.publicBaseUrl', '') ?? ''),
	});
	let read: SigningKeyRead;
	let valid = false;
	try {
		read = await signingKey(context);
		if (signature !== undefined) {
			valid = isValidSignature(read.key, signature, urls, pairs);
			// The key may have just been changed in n8n: check once more with a fresh read.
			const fresher = valid ? undefined : await signingKeyAfterMismatch(context, read);
			if (fresher !== undefined) {
				read = fresher;
				valid = isValidSignature(read.key, signature, urls, pairs);
			}
		}
	} catch (error) {
		// "Could not check" is not "not valid": a 401 would be final and the event lost, while a 503
		// with Retry-After asks the sender to deliver it again. Nothing is started either way.
		const reason = (error instanceof Error ? error.message : String(error)).slice(0, 300);
		context.logger.warn(
			`SignalWire Conference Trigger: the Signing Key credential could not be read (${reason}); the callback was answered 503 and may be sent again`,
			{ workflowId: context.getWorkflow().id, node: context.getNode().name },
		);
		context
			.getResponseObject()
			.status(503)
			.set('Retry-After', String(RETRY_AFTER_SECONDS))
			.send('The Signing Key could not be read: try again later');
		return { noWebhookResponse: true };
	}
	const refusal =
		read.key.trim() === ''
			? 'Signing Key is empty: no request can be verified'
			: signature === undefined
				? 'Missing X-SignalWire-Signature'
				: !valid
					? 'Invalid signature'
					: undefined;
	if (refusal === undefined) return undefined;
	context.getResponseObject().status(401).send(refusal);
	return { noWebhookResponse: true };
}
