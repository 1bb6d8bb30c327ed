import type { IWebhookFunctions } from 'n8n-workflow';

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

interface KeyRead {
	key: string;
	readAt: number;
}

const kept = new Map<string, KeyRead>();
const reading = new Map<string, Promise<KeyRead>>();

async function readFromN8n(context: IWebhookFunctions): Promise<KeyRead> {
	const { signingKeySecret: key } = await context.getCredentials('signalWireSigningKeyApi');
	return { key: typeof key === 'string' ? key : '', readAt: Date.now() };
}

/** One read at a time per credential: callbacks that arrive while it runs share its result. */
function readOnce(context: IWebhookFunctions, credentialId: string): Promise<KeyRead> {
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

/**
 * The Signing Key, and whether `isSignedWith` accepts it (never without `isSignedWith`). A key
 * that does not is read again, unless it was read less than KEY_RECHECK_MS ago. Throws when n8n
 * cannot read the key; a failure is never kept: the next callback reads again.
 */
export async function checkSigningKey(
	context: IWebhookFunctions,
	isSignedWith?: (key: string) => boolean,
): Promise<{ key: string; valid: boolean }> {
	const credentialId = context.getNode().credentials?.signalWireSigningKeyApi?.id;
	const check = ({ key }: KeyRead) => ({ key, valid: isSignedWith?.(key) ?? false });
	if (typeof credentialId !== 'string' || credentialId === '') {
		return check(await readFromN8n(context));
	}
	const cached = kept.get(credentialId);
	const read =
		cached !== undefined && Date.now() - cached.readAt < KEY_FRESH_MS
			? cached
			: await readOnce(context, credentialId);
	const first = check(read);
	if (first.valid || isSignedWith === undefined) return first;
	// The key may have just been changed in n8n: check once more with a fresher read.
	const latest = kept.get(credentialId);
	if (latest !== undefined && latest.readAt > read.readAt) return check(latest);
	if (Date.now() - read.readAt < KEY_RECHECK_MS) return first;
	return check(await readOnce(context, credentialId));
}
