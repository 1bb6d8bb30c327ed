import type { IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isUuid } from '../helpers/validation';
import { apiErrorFromProblem, quoteFromServer } from './errors';
import { accountPath } from './paths';
import type { Call, CallOptions, SignalWireContext, Space, Target } from './types';

/*
 * Where a request may go: the configured space and account only, over HTTPS (plain http on
 * loopback only, so that a local sandbox never gets the token in clear text over a network), never
 * following a redirect or a next link elsewhere.
 */

/**
 * The whole Space URL grammar. Anything else is refused, not handed to a URL parser that reads it
 * differently: "https://evil.com\example.signalwire.com" is evil.com to WHATWG parsers, "@" starts
 * user info, and "host:port" without a scheme reads as a scheme.
 */
const SPACE_URL =
	/^(?:(https?):\/\/)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?|\[::1\])(?::(\d{1,5}))?$/i;

/**
 * A host whose last label is a number is an IPv4 address to URL parsers, which also read forms
 * such as "0x7f000001", "2130706433" or "127.1"; only the plain dotted quad is accepted.
 */
function isAmbiguousNumericHost(hostname: string): boolean {
	const labels = hostname.split('.');
	const byte = (label: string) => /^(0|[1-9]\d{0,2})$/.test(label) && Number(label) <= 255;
	const dottedQuad = labels.length === 4 && labels.every(byte);
	return /^(0x[0-9a-f]*|\d+)$/i.test(labels[labels.length - 1]) && !dottedQuad;
}

/** What users type as their space, as the origin every request goes to. */
export function resolveSpaceOrigin(spaceUrl: unknown): { origin: string } | { problem: string } {
	const raw = `${spaceUrl ?? ''}`.trim().replace(/\/+$/, '');
	if (raw === '') {
		return { problem: 'Space URL is empty: enter your space, e.g. example.signalwire.com' };
	}
	const invalid = {
		problem: `Space URL "${raw.slice(0, 100)}" is not valid: use your space name, e.g. example.signalwire.com`,
	};
	const match = SPACE_URL.exec(raw);
	if (!match) return invalid;
	const scheme = (match[1] ?? 'https').toLowerCase();
	const typedHost = match[2].toLowerCase();
	const hostname =
		match[1] === undefined && match[3] === undefined && !typedHost.includes('.')
			? `${typedHost}.signalwire.com`
			: typedHost;
	const defaultPort = scheme === 'https' ? 443 : 80;
	const portNumber = match[3] === undefined ? defaultPort : Number(match[3]);
	if (portNumber < 1 || portNumber > 65535) return invalid;
	if (isAmbiguousNumericHost(hostname)) return invalid;
	// A default port (":443") is dropped so that paging links compare equal to the origin.
	const port = portNumber === defaultPort ? '' : `:${portNumber}`;
	const loopback =
		hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
	if (scheme === 'http' && !loopback) {
		return {
			problem: 'Space URL must use https:// (http:// is only allowed for localhost and 127.x.x.x)',
		};
	}
	const origin = `${scheme}://${hostname}${port}`;
	if (hostname.length > 253 || !URL.canParse(origin)) return invalid;
	// Belt and braces: a URL parser that reads the host differently would send requests elsewhere.
	if (new URL(origin).origin !== origin) return invalid;
	return { origin };
}

/** The space and account every request of this run goes to, from the `signalWireApi` credentials. */
async function getSpace(context: SignalWireContext, itemIndex: number): Promise<Space> {
	const credentials = await context.getCredentials('signalWireApi', itemIndex);
	const refuse = (problem: string, description: string) =>
		new NodeOperationError(context.getNode(), `Credentials: ${problem}`, {
			itemIndex,
			description,
		});
	const space = resolveSpaceOrigin(credentials.spaceUrl);
	if ('problem' in space) {
		throw refuse(space.problem, 'Fix the Space URL in the SignalWire API credentials.');
	}
	const projectId = String(credentials.projectId ?? '').trim();
	if (!isUuid(projectId)) {
		throw refuse(
			'the Project ID is not a UUID (like b3877c40-da60-4998-90ad-b792e98472af)',
			'Copy the Project ID from the API page of your SignalWire dashboard.',
		);
	}
	const apiToken = String(credentials.apiToken ?? '');
	return {
		origin: space.origin,
		accountPath: accountPath(projectId),
		secrets: [apiToken, Buffer.from(`${projectId}:${apiToken}`).toString('base64')],
	};
}

/** The space's origin, e.g. for links to what a picker lists. */
export async function spaceOrigin(context: SignalWireContext): Promise<string> {
	return (await getSpace(context, 0)).origin;
}

/** A call to the configured space, with its secrets joined to the caller's own. */
export async function startCall(
	context: SignalWireContext,
	target: Target,
	itemIndex: number,
	options: CallOptions,
): Promise<Call> {
	const space = await getSpace(context, itemIndex);
	return {
		...target,
		...options,
		method: options.method ?? 'GET',
		itemIndex,
		space,
		// Too short a secret (an empty field) is never searched for: redaction leaves it out.
		secrets: [...space.secrets, ...(options.secrets ?? [])],
	};
}

/** One attempt's options: the body as a stream, and no way for the credentials to leave. */
export function spaceRequestOptions(
	call: Call,
	url: string,
	accept: string,
	timeoutMs: number,
): IHttpRequestOptions {
	const hostname = new URL(call.space.origin).hostname;
	const options: IHttpRequestOptions = {
		method: call.method,
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
	if (call.form !== undefined) {
		options.headers!['Content-Type'] = 'application/x-www-form-urlencoded';
		options.body = new URLSearchParams(call.form).toString();
	}
	// n8n's own guard, where the running n8n has it: requests may only go to the space's host.
	if (!hostname.startsWith('[')) options.allowedDomains = hostname;
	return options;
}

/**
 * `next_page_uri` is a path from the host (it already starts with /api/laml/2010-04-01), so it is
 * joined to the space origin, never to the API base. A link to any other host, scheme or account
 * is refused: following it would send the credentials elsewhere.
 */
export function nextPageUrl(context: SignalWireContext, call: Call, nextPageUri: string): string {
	const { space } = call;
	const resolved = URL.canParse(nextPageUri, space.origin)
		? new URL(nextPageUri, space.origin)
		: undefined;
	if (resolved?.origin !== space.origin || !resolved.pathname.startsWith(`${space.accountPath}/`)) {
		throw apiErrorFromProblem(
			context.getNode(),
			call,
			'SignalWire returned a next page link outside this space; paging stopped',
			`The link "${quoteFromServer(nextPageUri, call.secrets)}" does not point into ${space.origin}${space.accountPath}, so it was not followed (the credentials never leave the space). Check the Space URL in the credentials.`,
		);
	}
	resolved.hash = '';
	return resolved.href;
}
