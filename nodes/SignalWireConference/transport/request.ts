import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import type { BodyBound } from './answer';

import { HttpFailure, MAX_BODY_BYTES, parseJsonBody, readBody, releaseBody } from './answer';
import { resourceUrl } from './paths';
import { withRetries } from './reliability';
import { getSpace, spaceRequestOptions } from './space';
import type { Deadline } from './timer';
import type { Call, CallOptions, SignalWireContext, Space, Target } from './types';

/** A call as the transport carries it: the secrets of the space joined to the caller's own. */
export function callOf(
	space: Space,
	target: Target,
	itemIndex: number,
	options: CallOptions,
): Call {
	return {
		...target,
		...options,
		method: options.method ?? 'GET',
		itemIndex,
		secrets: [...space.secrets, ...(options.secrets ?? []).filter((secret) => secret !== '')],
	};
}

/** A successful answer: its status, headers and n8n's response stream, unread. */
interface Answer {
	status: number;
	headers: Record<string, unknown>;
	body: unknown;
}

/**
 * One attempt's answer within its deadline; an answer that is not a success is thrown as an
 * HttpFailure with as much of its body as `errorBody` allows (a redirect's body is not read).
 */
export async function answerOf(
	context: SignalWireContext,
	options: IHttpRequestOptions,
	deadline: Deadline,
	errorBody: BodyBound,
): Promise<Answer> {
	const pending = context.helpers.httpRequestWithAuthentication.call(
		context,
		'signalWireApi',
		options,
	) as Promise<IN8nHttpFullResponse>;
	const response = await deadline.race(pending, (late) => releaseBody(late?.body));
	const status = Number(response.statusCode);
	const headers = (response.headers ?? {}) as Record<string, unknown>;
	if (status >= 200 && status < 300) return { status, headers, body: response.body };
	if (status >= 300 && status < 400) {
		releaseBody(response.body);
		throw new HttpFailure(status, headers, '');
	}
	throw new HttpFailure(
		status,
		headers,
		await readBody(response.body, deadline, { ...errorBody, headers }),
	);
}

/** One JSON request to `url` (the first page, or a next link paging has checked). */
export async function sendJson(
	context: SignalWireContext,
	space: Space,
	call: Call,
	url: string,
): Promise<IDataObject> {
	const bound = { maxBytes: MAX_BODY_BYTES };
	const text = await withRetries(context, space, call, async (deadline) => {
		const options = spaceRequestOptions(
			space,
			call.method,
			url,
			'application/json',
			deadline.timeoutMs,
		);
		if (call.form !== undefined) {
			options.headers!['Content-Type'] = 'application/x-www-form-urlencoded';
			options.body = new URLSearchParams(call.form).toString();
		}
		const answer = await answerOf(context, options, deadline, bound);
		return await readBody(answer.body, deadline, { ...bound, headers: answer.headers });
	});
	return parseJsonBody(context, text, url, call);
}

/**
 * A request to one resource of the space, e.g.
 * `apiRequest(this, target, itemIndex, { method: 'POST', form, idempotent: true })`. A DELETE's
 * empty 204 gives `{}`.
 */
export async function apiRequest(
	context: SignalWireContext,
	target: Target,
	itemIndex: number,
	options: CallOptions = {},
): Promise<IDataObject> {
	const space = await getSpace(context, itemIndex);
	const call = callOf(space, target, itemIndex, options);
	return await sendJson(context, space, call, resourceUrl(space, target.resource, options.query));
}
