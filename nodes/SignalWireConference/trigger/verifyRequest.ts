import type {
	IDataObject,
	IHookFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { parseBooleanValue } from '../helpers/validation';
import type { FormPairs } from './signature';
import { isValidSignature, signatureUrlCandidates } from './signature';
import { checkSigningKey } from './signingKey';

/* Whether a callback may start the workflow: its signature, checked on every request. */

/** Seconds after which a sender may try again a callback that could not be checked. */
export const RETRY_AFTER_SECONDS = 5;

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
	let checked: { key: string; valid: boolean };
	try {
		checked = await checkSigningKey(
			context,
			signature === undefined ? undefined : (key) => isValidSignature(key, signature, urls, pairs),
		);
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
	if (checked.valid) return undefined;
	const refusal =
		checked.key.trim() === ''
			? 'Signing Key is empty: no request can be verified'
			: signature === undefined
				? 'Missing X-SignalWire-Signature'
				: 'Invalid signature';
	context.getResponseObject().status(401).send(refusal);
	return { noWebhookResponse: true };
}
