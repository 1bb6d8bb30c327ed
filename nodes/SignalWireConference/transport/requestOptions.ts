import type { IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import type { Space } from './types';

/**
 * The options every request to the space shares: the body as a stream (read within the deadline
 * and the size bound), status codes handled here, and no way for the credentials to leave the
 * space.
 */
export function spaceRequestOptions(
	space: Space,
	method: IHttpRequestMethods,
	url: string,
	accept: string,
	timeoutMs: number,
): IHttpRequestOptions {
	const hostname = new URL(space.origin).hostname;
	const options: IHttpRequestOptions = {
		method,
		url,
		headers: { Accept: accept },
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		encoding: 'stream',
		json: false,
		// A redirect could carry the credentials to another host; SignalWire's API does not redirect.
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		// Also an idle timeout, so that a request that lost the race to a deadline ends soon.
		timeout: timeoutMs,
	};
	// n8n's own guard, where the running n8n has it: requests may only go to the space's host.
	if (!hostname.startsWith('[')) options.allowedDomains = hostname;
	return options;
}
