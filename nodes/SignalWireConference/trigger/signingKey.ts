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

export interface SigningKeyRead {
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
export async function signingKey(context: IWebhookFunctions): Promise<SigningKeyRead> {
	const credentialId = credentialIdOf(context);
	if (credentialId === undefined) return await readFromN8n(context);
	const read = kept.get(credentialId);
	if (read !== undefined && Date.now() - read.readAt < KEY_FRESH_MS) return read;
	return await readOnce(context, credentialId);
}

/** The key read again after `stale` failed to verify, unless `stale` is too recent for a read. */
export async function signingKeyAfterMismatch(
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
