import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { isUuid } from '../helpers/validation';
import type { ErrorContext } from './errors';
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
import { resolveSpaceOrigin } from './spaceUrl';

export type SignalWireContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions;

export const API_PREFIX = '/api/laml/2010-04-01';
export const MAX_PAGE_SIZE = 1000;

export type QueryValues = Record<string, string | number | undefined>;

export interface SignalWireRequest extends ErrorContext {
	method: IHttpRequestMethods;
	/** Path below the account, every dynamic segment already validated and encoded. */
	resource: string;
	query?: QueryValues;
	form?: Record<string, string>;
}

export interface ListPage {
	items: IDataObject[];
	nextPageUri: string | null;
	/** What error messages about this page must not quote. */
	secrets: string[];
}

interface Space {
	origin: string;
	accountPath: string;
	/** Never to be quoted back: the token and the Basic auth value made from it. */
	secrets: string[];
}

async function getSpace(context: SignalWireContext, itemIndex: number): Promise<Space> {
	const credentials = await context.getCredentials('signalWireApi', itemIndex);
	const space = resolveSpaceOrigin(credentials.spaceUrl);
	if ('problem' in space) {
		throw new NodeOperationError(context.getNode(), `Credentials: ${space.problem}`, {
			itemIndex,
			description: 'Fix the Space URL in the SignalWire API credentials.',
		});
	}
	const projectId = String(credentials.projectId ?? '').trim();
	if (!isUuid(projectId)) {
		throw new NodeOperationError(
			context.getNode(),
			'Credentials: the Project ID is not a UUID (like b3877c40-da60-4998-90ad-b792e98472af)',
			{ itemIndex, description: 'Copy the Project ID from the API page of your SignalWire dashboard.' },
		);
	}
	const apiToken = String(credentials.apiToken ?? '');
	return {
		origin: space.origin,
		accountPath: `${API_PREFIX}/Accounts/${projectId}`,
		secrets: [apiToken, Buffer.from(`${projectId}:${apiToken}`).toString('base64')],
	};
}

function resourceUrl(space: Space, resource: string, query: QueryValues | undefined): string {
	return `${space.origin}${space.accountPath}${resource}${toQueryString(query)}`;
}

function toQueryString(query: QueryValues | undefined): string {
	const params = new URLSearchParams();
	for (const [name, value] of Object.entries(query ?? {})) {
		if (value !== undefined && value !== '') params.append(name, String(value));
	}
	const serialized = params.toString();
	return serialized ? `?${serialized}` : '';
}

/**
 * A successful answer must be one JSON object; only a DELETE may answer with nothing (204).
 * Anything else (HTML from a proxy, an array, a bare value) would become misleading output items.
 */
function parseJsonBody(
	context: SignalWireContext,
	body: unknown,
	url: string,
	request: SignalWireRequest,
): IDataObject {
	const empty = body === undefined || body === null || (typeof body === 'string' && body.trim() === '');
	if (empty && request.method === 'DELETE') return {};
	let parsed: unknown = body;
	if (typeof body === 'string' && !empty) {
		try {
			parsed = JSON.parse(body);
		} catch {
			parsed = undefined;
		}
	}
	if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as IDataObject;
	throw apiErrorFromProblem(
		context.getNode(),
		empty ? 'SignalWire answered with an empty body' : 'SignalWire answered with a body that is not a JSON object',
		`The response to ${new URL(url).pathname} could not be read. If this persists, check the Space URL in the credentials: it must point at your SignalWire space.`,
		request.itemIndex,
	);
}

function httpOptions(request: SignalWireRequest, url: string, space: Space, timeoutMs: number): IHttpRequestOptions {
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
async function send(
	context: SignalWireContext,
	space: Space,
	url: string,
	request: SignalWireRequest,
): Promise<IDataObject> {
	const { maxRetries, timeoutMs } = readReliability(context, request.itemIndex);
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
		throw apiErrorFromResponse(context.getNode(), status, response.body, request, attempt, space.secrets);
	}
}

export async function signalWireApiRequest(
	context: SignalWireContext,
	request: SignalWireRequest,
): Promise<IDataObject> {
	const space = await getSpace(context, request.itemIndex);
	const url = resourceUrl(space, request.resource, request.query);
	return await send(context, space, url, request);
}

/**
 * `next_page_uri` is a path from the host (it already starts with /api/laml/2010-04-01), so it is
 * joined to the space origin, never to the API base. A link to any other host, scheme or account
 * is refused: following it would send the credentials elsewhere.
 */
function resolveNextPageUrl(
	context: SignalWireContext,
	space: Space,
	nextPageUri: string,
	itemIndex: number,
): string {
	const resolved = URL.canParse(nextPageUri, space.origin)
		? new URL(nextPageUri, space.origin)
		: undefined;
	if (
		resolved === undefined ||
		resolved.origin !== space.origin ||
		!resolved.pathname.startsWith(`${space.accountPath}/`)
	) {
		throw apiErrorFromProblem(
			context.getNode(),
			'SignalWire returned a next page link outside this space; paging stopped',
			`The link "${nextPageUri.slice(0, 200)}" does not point into ${space.origin}${space.accountPath}, so it was not followed (the credentials never leave the space). Check the Space URL in the credentials.`,
			itemIndex,
			space.secrets,
		);
	}
	return resolved.href;
}

function readListPage(
	context: SignalWireContext,
	body: IDataObject,
	listKey: string,
	itemIndex: number,
): Omit<ListPage, 'secrets'> {
	const items = body[listKey];
	const next = body.next_page_uri;
	if (!Array.isArray(items) || (next !== null && next !== undefined && typeof next !== 'string')) {
		throw apiErrorFromProblem(
			context.getNode(),
			`SignalWire answered without a "${listKey}" list`,
			'The response is not a SignalWire list page. Check the Space URL in the credentials: it must point at your SignalWire space.',
			itemIndex,
		);
	}
	return {
		items: items as IDataObject[],
		nextPageUri: typeof next === 'string' && next !== '' ? next : null,
	};
}

export interface ListRequest extends Omit<SignalWireRequest, 'method' | 'form'> {
	listKey: string;
}

async function listPage(
	context: SignalWireContext,
	space: Space,
	request: ListRequest,
	nextPageUri?: string,
): Promise<ListPage> {
	const url =
		nextPageUri === undefined
			? resourceUrl(space, request.resource, request.query)
			: resolveNextPageUrl(context, space, nextPageUri, request.itemIndex);
	const body = await send(context, space, url, { ...request, method: 'GET' });
	return { ...readListPage(context, body, request.listKey, request.itemIndex), secrets: space.secrets };
}

/** One page: the first one (from `resource` and `query`) or the one a `next_page_uri` names. */
export async function signalWireApiListPage(
	context: SignalWireContext,
	request: ListRequest,
	nextPageUri?: string,
): Promise<ListPage> {
	return await listPage(context, await getSpace(context, request.itemIndex), request, nextPageUri);
}

/**
 * Every item of a list, or the first `limit`. PageSize is chosen so that the fewest requests are
 * spent: the maximum for all items, else just the limit.
 */
export async function signalWireApiListAll(
	context: SignalWireContext,
	request: ListRequest,
	limit?: number,
): Promise<IDataObject[]> {
	const pageSize = limit === undefined ? MAX_PAGE_SIZE : Math.min(limit, MAX_PAGE_SIZE);
	const firstPage: ListRequest = {
		...request,
		query: { ...request.query, PageSize: pageSize },
	};
	const space = await getSpace(context, request.itemIndex);
	const collected: IDataObject[] = [];
	const followed = new Set<string>();
	let page = await listPage(context, space, firstPage);
	for (;;) {
		if (page.items.length > pageSize) {
			throw apiErrorFromProblem(
				context.getNode(),
				`SignalWire returned ${page.items.length} items for a page of at most ${pageSize}; paging stopped`,
				'The answer does not follow SignalWire\'s paging. Check the Space URL in the credentials: it must point at your SignalWire space.',
				request.itemIndex,
			);
		}
		for (const item of page.items) {
			if (limit !== undefined && collected.length >= limit) return collected;
			collected.push(item);
		}
		if (page.nextPageUri === null || (limit !== undefined && collected.length >= limit)) {
			return collected;
		}
		if (followed.has(page.nextPageUri)) {
			throw apiErrorFromProblem(
				context.getNode(),
				'SignalWire returned the same next page link twice; paging stopped',
				`The link "${page.nextPageUri.slice(0, 200)}" was already followed, so following it again would loop forever. ${collected.length} items had been read. Try again later, or narrow the filters.`,
				request.itemIndex,
				page.secrets,
			);
		}
		followed.add(page.nextPageUri);
		page = await listPage(context, space, request, page.nextPageUri);
	}
}

export interface Target {
	/** Path below the account, every dynamic segment already validated and encoded. */
	resource: string;
	/** Said on a 404. */
	notFound: string;
}

/** A form-encoded update of one resource; on a 400/422 the error quotes `sentValues`. */
export async function signalWireApiPost(
	context: SignalWireContext,
	target: Target,
	form: Record<string, string>,
	itemIndex: number,
	sentValues: Record<string, string> = form,
): Promise<IDataObject> {
	return await signalWireApiRequest(context, {
		method: 'POST',
		resource: target.resource,
		form,
		sentValues,
		itemIndex,
		notFound: target.notFound,
	});
}

/** A DELETE, which SignalWire answers with 204 and no body. */
export async function signalWireApiDelete(
	context: SignalWireContext,
	target: Target,
	itemIndex: number,
): Promise<void> {
	await signalWireApiRequest(context, {
		method: 'DELETE',
		resource: target.resource,
		itemIndex,
		notFound: target.notFound,
	});
}
