import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import {
	apiErrorFromProblem,
	apiErrorFromResponse,
	describeTransportFailure,
	transportFailureCode,
} from './errors';
import {
	backoffMs,
	isRetryableFailure,
	isRetryableStatus,
	MAX_RETRY_AFTER_MS,
	readReliability,
	retryAfterMs,
} from './reliability';
import { parseJsonBody } from './responses';
import type { SignalWireContext, SignalWireRequest, Space } from './types';

function httpOptions(
	request: SignalWireRequest,
	url: string,
	space: Space,
	timeoutMs: number,
): IHttpRequestOptions {
	const hostname = new URL(space.origin).hostname;
	const options: IHttpRequestOptions = {
		method: request.method,
		url,
		headers: { Accept: 'application/json' },
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		encoding: 'text',
		json: false,
		// A redirect could carry the credentials to another host; SignalWire's API does not redirect.
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		timeout: timeoutMs,
	};
	// n8n's own guard, where the running n8n has it: requests may only go to the space's host.
	if (!hostname.startsWith('[')) options.allowedDomains = hostname;
	if (request.form !== undefined) {
		options.headers!['Content-Type'] = 'application/x-www-form-urlencoded';
		options.body = new URLSearchParams(request.form).toString();
	}
	return options;
}

function attemptsNote(attempts: number): string {
	return attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
}

/** One request, retried on 429/503 (and on connection failures for reads), with a timeout. */
export async function send(
	context: SignalWireContext,
	space: Space,
	url: string,
	request: SignalWireRequest,
): Promise<IDataObject> {
	const { maxRetries, timeoutMs } = readReliability(context, request.itemIndex);
	const secrets = [...space.secrets, ...(request.secrets ?? [])];
	for (let attempt = 1; ; attempt++) {
		let response: IN8nHttpFullResponse;
		try {
			response = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				'signalWireApi',
				httpOptions(request, url, space, timeoutMs),
			)) as IN8nHttpFullResponse;
		} catch (error) {
			const code = transportFailureCode(error);
			if (attempt <= maxRetries && isRetryableFailure(request.method, code)) {
				await sleep(backoffMs(attempt));
				continue;
			}
			throw apiErrorFromProblem(
				context.getNode(),
				`Could not reach SignalWire at ${space.origin}: ${describeTransportFailure(code, timeoutMs)}${attemptsNote(attempt)}`,
				'Check the Space URL in the SignalWire API credentials and that this n8n instance can reach it. For slow answers, raise Request Options → Timeout.',
				request.itemIndex,
			);
		}

		const status = Number(response.statusCode);
		if (status >= 200 && status < 300) {
			return parseJsonBody(context, response.body, url, request);
		}
		if (isRetryableStatus(status) && attempt <= maxRetries) {
			const asked = retryAfterMs(response.headers?.['retry-after']);
			if (asked === undefined || asked <= MAX_RETRY_AFTER_MS) {
				await sleep(asked ?? backoffMs(attempt));
				continue;
			}
		}
		if (status >= 300 && status < 400) {
			throw apiErrorFromProblem(
				context.getNode(),
				`SignalWire answered with a redirect (HTTP ${status}), which is not followed`,
				'Check the Space URL in the SignalWire API credentials: it must be the address of your space, e.g. https://example.signalwire.com.',
				request.itemIndex,
			);
		}
		throw apiErrorFromResponse(context.getNode(), status, response.body, request, attempt, secrets);
	}
}
