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

/**
 * What an error item carries besides the message: what to fix and the HTTP status. n8n routes an
 * item to the error output only when its json holds nothing but `error`, `message` and `details`
 * (or the item has `error` set), so these go inside `details`.
 */
export function errorDetails(error: NodeApiError | NodeOperationError): IDataObject {
	const details: IDataObject = {};
	if (error.description) details.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) details.httpCode = error.httpCode;
	return details;
}
