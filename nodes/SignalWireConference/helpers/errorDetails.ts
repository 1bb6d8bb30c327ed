import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** The transport's errors are node errors already; anything else is wrapped in one. */
export function asNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error, itemIndex === undefined ? {} : { itemIndex });
}

/** What an error says besides its message: what to fix and the HTTP status. */
export function errorDetails(error: NodeApiError | NodeOperationError): IDataObject {
	const details: IDataObject = {};
	if (error.description) details.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) details.httpCode = error.httpCode;
	return details;
}

/**
 * The json of an error item. n8n routes an item to the error output ("Continue (using error
 * output)") only when its json holds nothing but `error`, `message` and `details` (n8n-core's
 * WorkflowExecute checks exactly that), so everything else, `more` too, goes inside `details`.
 */
export function errorJson(
	error: NodeApiError | NodeOperationError,
	more: IDataObject = {},
): IDataObject {
	const details = { ...errorDetails(error), ...more };
	return Object.keys(details).length > 0
		? { error: error.message, details }
		: { error: error.message };
}
