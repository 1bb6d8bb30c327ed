import type {
	IDataObject,
	IHookFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { parseBooleanValue } from '../helpers/validation';
import type { FormPairs } from './signature';
import { isValidSignature, signatureUrlCandidates } from './signature';
import type { SigningKeyRead } from './signingKey';
import { signingKey, signingKeyAfterMismatch } from './signingKey';

/* Whether a callback may start the workflow: its signature, checked on every request. */

const SIGNATURE_HEADERS = ['x-signalwire-signature', 'x-twilio-signature'];

/** The callback's form pairs, exactly as SignalWire signed them. */
export function formPairs(context: IWebhookFunctions): FormPairs {
	const request = context.getRequestObject() as {
		rawBody?: Buffer;
		headers: Record<string, unknown>;
	};
	const contentType = String(request.headers['content-type'] ?? '');
	// The raw body keeps every pair exactly as signed; a parsed body may have merged or nested them.
	if (
		request.rawBody !== undefined &&
		contentType.startsWith('application/x-www-form-urlencoded')
	) {
		return [...new URLSearchParams(request.rawBody.toString('utf-8'))];
	}
	const body = (context.getBodyData() ?? {}) as IDataObject;
	return Object.entries(body).flatMap(([name, value]) =>
		(Array.isArray(value) ? value : [value]).map((entry): [string, string] => [
			name,
			String(entry),
		]),
	);
}

/** The URLs SignalWire may have signed (see `signatureUrlCandidates` for the order). */
function calledUrls(context: IWebhookFunctions): string[] {
	const request = context.getRequestObject();
	return signatureUrlCandidates({
		nodeWebhookUrl: context.getNodeWebhookUrl('default'),
		originalUrl: request.originalUrl,
		requestOrigin: `${request.protocol}://${request.get('host') ?? ''}`,
		publicBaseUrl: String(context.getNodeParameter('options.publicBaseUrl', '') ?? ''),
	});
}

/** Verification is off only when the setting is clearly false; anything else verifies (fail closed). */
export function verifiesSignature(context: IWebhookFunctions | IHookFunctions): boolean {
	return parseBooleanValue(context.getNodeParameter('verifySignature', true)) !== false;
}

function refuse(context: IWebhookFunctions, message: string): IWebhookResponseData {
	context.getResponseObject().status(401).send(message);
	return { noWebhookResponse: true };
}

/** Seconds after which a sender may try again a callback that could not be checked. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * "Could not check" is not "not valid": a 401 would be final and the event lost, while a 503 with
 * Retry-After asks the sender to deliver it again. Nothing is started either way.
 */
function unavailable(context: IWebhookFunctions, error: unknown): IWebhookResponseData {
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

function signatureHeader(context: IWebhookFunctions): string | undefined {
	const headers = context.getHeaderData() as Record<string, unknown>;
	for (const name of SIGNATURE_HEADERS) {
		const value = headers[name];
		if (typeof value === 'string' && value !== '') return value;
	}
	return undefined;
}

/**
 * With Verify Signature on, the answer for a callback that cannot be verified: 401 for a blank
 * Signing Key, no signature or a wrong one; 503 when the key cannot be read. Undefined when the
 * callback may start the workflow.
 */
export async function refuseUnverified(
	context: IWebhookFunctions,
	pairs: FormPairs,
): Promise<IWebhookResponseData | undefined> {
	if (!verifiesSignature(context)) return undefined;
	const signature = signatureHeader(context);
	const urls = calledUrls(context);
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
		return unavailable(context, error);
	}
	if (read.key.trim() === '') {
		return refuse(context, 'Signing Key is empty: no request can be verified');
	}
	if (signature === undefined) return refuse(context, 'Missing X-SignalWire-Signature');
	if (!valid) return refuse(context, 'Invalid signature');
	return undefined;
}
