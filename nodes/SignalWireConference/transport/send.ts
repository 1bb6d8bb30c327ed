import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { BodyTooLarge, MAX_BODY_BYTES, readBody, releaseBody } from './body';
import { Deadline, DeadlineExceeded } from './deadline';
import {
	apiErrorFromProblem,
	apiErrorFromResponse,
	DEADLINE_EXCEEDED,
	describeTransportFailure,
	transportFailureCode,
} from './errors';
import {
	backoffMs,
	isIdempotent,
	isRetryableFailure,
	isRetryableStatus,
	MAX_RETRY_AFTER_MS,
	readReliability,
	retryAfterMs,
} from './reliability';
import { parseJsonBody } from './responses';
import { spaceRequestOptions } from './requestOptions';
import { userSecrets } from './secrets';
import type { SignalWireContext, SignalWireRequest, Space } from './types';

function httpOptions(
	request: SignalWireRequest,
	url: string,
	space: Space,
	timeoutMs: number,
): IHttpRequestOptions {
	const options = spaceRequestOptions(space, request.method, url, 'application/json', timeoutMs);
	if (request.form !== undefined) {
		options.headers!['Content-Type'] = 'application/x-www-form-urlencoded';
		options.body = new URLSearchParams(request.form).toString();
	}
	return options;
}

function attemptsNote(attempts: number): string {
	return attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
}

interface Answer {
	status: number;
	headers: Record<string, unknown>;
	body: string;
}

/**
 * One attempt, bounded as a whole by `timeoutMs`: the helper call races the deadline, then the
 * body is read from its stream within what is left of it and within MAX_BODY_BYTES.
 */
async function attempt(
	context: SignalWireContext,
	options: IHttpRequestOptions,
	timeoutMs: number,
): Promise<Answer> {
	const deadline = new Deadline(timeoutMs);
	const call = context.helpers.httpRequestWithAuthentication.call(
		context,
		'signalWireApi',
		options,
	) as Promise<IN8nHttpFullResponse>;
	const response = await deadline.race(call, (late) => releaseBody(late?.body));
	const headers = (response.headers ?? {}) as Record<string, unknown>;
	const status = Number(response.statusCode);
	if (status >= 300 && status < 400) {
		releaseBody(response.body);
		return { status, headers, body: '' };
	}
	return { status, headers, body: await readBody(response.body, headers, deadline) };
}

/**
 * One request, retried on 429 (and on 503 or a lost connection when it is idempotent), with a
 * deadline on each attempt.
 */
export async function send(
	context: SignalWireContext,
	space: Space,
	url: string,
	request: SignalWireRequest,
): Promise<IDataObject> {
	const { maxRetries, timeoutMs } = readReliability(context, request.itemIndex);
	// The token, and whatever the user typed into password fields (see secrets.ts).
	const secrets = [...space.secrets, ...userSecrets(context, request.itemIndex)];
	const idempotent = isIdempotent(request.method, request.idempotent);
	for (let attemptNumber = 1; ; attemptNumber++) {
		let answer: Answer;
		try {
			answer = await attempt(context, httpOptions(request, url, space, timeoutMs), timeoutMs);
		} catch (error) {
			if (error instanceof BodyTooLarge) {
				throw apiErrorFromProblem(
					context.getNode(),
					`SignalWire's answer is larger than ${MAX_BODY_BYTES / (1024 * 1024)} MB; it was not read`,
					`No SignalWire answer is that large (a page of 1,000 conferences is about 1 MB). Check the Space URL in the credentials: it must point at your SignalWire space.`,
					request.itemIndex,
					secrets,
				);
			}
			const code =
				error instanceof DeadlineExceeded ? DEADLINE_EXCEEDED : transportFailureCode(error);
			if (
				attemptNumber <= maxRetries &&
				isRetryableFailure(idempotent, code === DEADLINE_EXCEEDED ? 'ETIMEDOUT' : code)
			) {
				await sleep(backoffMs(attemptNumber));
				continue;
			}
			throw apiErrorFromProblem(
				context.getNode(),
				`Could not reach SignalWire at ${space.origin}: ${describeTransportFailure(code, timeoutMs)}${attemptsNote(attemptNumber)}`,
				'Check the Space URL in the SignalWire API credentials and that this n8n instance can reach it. For slow answers, raise Request Options → Timeout.',
				request.itemIndex,
				secrets,
			);
		}

		const { status } = answer;
		if (status >= 200 && status < 300) {
			return parseJsonBody(context, answer.body, url, request);
		}
		if (isRetryableStatus(status, idempotent) && attemptNumber <= maxRetries) {
			const asked = retryAfterMs(answer.headers['retry-after']);
			if (asked === undefined || asked <= MAX_RETRY_AFTER_MS) {
				await sleep(asked ?? backoffMs(attemptNumber));
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
		throw apiErrorFromResponse(
			context.getNode(),
			status,
			answer.body,
			request,
			attemptNumber,
			secrets,
		);
	}
}
