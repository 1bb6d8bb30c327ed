import type {
	IDataObject,
	IHookFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { parseBooleanValue } from '../helpers/validation';
import type { FormPairs } from './signature';
import { isValidSignature, signatureUrlCandidates } from './signature';

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

/**
 * The Signing Key, read on every request (the activation hook is skipped when n8n finds the
 * webhook registered). Blank or unreadable means no request can be verified.
 */
async function signingKey(context: IWebhookFunctions): Promise<string> {
	try {
		const { signingKeySecret } = await context.getCredentials('signalWireSigningKeyApi');
		return typeof signingKeySecret === 'string' ? signingKeySecret : '';
	} catch {
		return '';
	}
}

function refuse(context: IWebhookFunctions, message: string): IWebhookResponseData {
	context.getResponseObject().status(401).send(message);
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
 * With Verify Signature on, the 401 answer for a callback that cannot be verified (blank Signing
 * Key, no signature, a wrong one); undefined when it may start the workflow.
 */
export async function refuseUnverified(
	context: IWebhookFunctions,
	pairs: FormPairs,
): Promise<IWebhookResponseData | undefined> {
	if (!verifiesSignature(context)) return undefined;
	const key = await signingKey(context);
	if (key.trim() === '') {
		return refuse(context, 'Signing Key is empty: no request can be verified');
	}
	const signature = signatureHeader(context);
	if (signature === undefined) return refuse(context, 'Missing X-SignalWire-Signature');
	if (!isValidSignature(key, signature, calledUrls(context), pairs)) {
		return refuse(context, 'Invalid signature');
	}
	return undefined;
}
