import type { IDataObject } from 'n8n-workflow';

import { resourceUrl } from './paths';
import { send } from './send';
import { getSpace } from './space';
import type { SignalWireContext, SignalWireRequest, Target } from './types';

/**
 * The transport's public face: the only code in the package that knows HTTP, paging, retries and
 * error mapping. Operations, pickers and triggers import from here and from `paths`/`types`.
 */
export {
	MAX_LIST_ITEMS,
	MAX_PAGE_SIZE,
	signalWireApiListAll,
	signalWireApiListPage,
} from './paging';
export { declareSecretParameters, passwordParameterPaths } from './secrets';
export { DEFAULT_MAX_DOWNLOAD_MB, signalWireDownloadRecording } from './download';
export type { BinaryContext, RecordingDownload, RecordingFormat } from './download';
export * from './paths';
export type * from './types';

export async function signalWireApiRequest(
	context: SignalWireContext,
	request: SignalWireRequest,
): Promise<IDataObject> {
	const space = await getSpace(context, request.itemIndex);
	return await send(context, space, resourceUrl(space, request.resource, request.query), request);
}

export interface PostOptions {
	/**
	 * Whether sending it twice does no more than once (e.g. ending a conference): only then may a
	 * 503 or a lost connection be retried. False by default.
	 */
	idempotent?: boolean;
}

/** A form-encoded create or update; on a 400/422 the error quotes `sentValues`. */
export async function signalWireApiPost(
	context: SignalWireContext,
	target: Target,
	form: Record<string, string>,
	itemIndex: number,
	sentValues: Record<string, string> = form,
	options: PostOptions = {},
): Promise<IDataObject> {
	return await signalWireApiRequest(context, {
		method: 'POST',
		resource: target.resource,
		form,
		sentValues,
		itemIndex,
		notFound: target.notFound,
		idempotent: options.idempotent ?? false,
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

/*
 * Building blocks for other transport files (e.g. downloads): one deadline per request, bounded
 * body reading, and redaction of everything quoted from a server.
 */
export { BodyTooLarge, MAX_BODY_BYTES, readBody, releaseBody } from './body';
export { Deadline, DeadlineExceeded } from './deadline';
export { quoteFromServer, redact } from './redact';
