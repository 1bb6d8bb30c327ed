import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError, errorDetails } from '../helpers/errorDetails';
import { mapInOrder } from '../helpers/mapInOrder';
import { readParallelism } from './common/requestOptions';
import type { Operation } from './defineResource';
import { RESOURCES } from './resources';

/**
 * The error item n8n routes to the error output under "Continue (using error output)": its json
 * may hold nothing but `error` and `details` (n8n-core's WorkflowExecute checks exactly that), so
 * what to fix and the HTTP status go inside `details`.
 */
function errorItem(
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
): INodeExecutionData {
	const details = errorDetails(error);
	const json: IDataObject = { error: error.message };
	if (Object.keys(details).length > 0) json.details = details;
	return { json, pairedItem: { item: itemIndex } };
}

/** Resource and operation cannot be expressions, so they are the same for every item. */
function chosenOperation(context: IExecuteFunctions): Operation {
	const resource = context.getNodeParameter('resource', 0) as string;
	const operation = context.getNodeParameter('operation', 0) as string;
	const handler = RESOURCES.find((entry) => entry.value === resource)?.operations[operation];
	if (handler === undefined) {
		throw new NodeOperationError(
			context.getNode(),
			`The operation "${operation}" is not supported for resource "${resource}"`,
		);
	}
	return handler;
}

/**
 * The operation's validate() for every item, before any item executes: the items' errors by
 * index. Without continue-on-fail the first bad item fails the run here, before anything is sent.
 */
async function validateAll(
	context: IExecuteFunctions,
	handler: Operation,
	itemCount: number,
): Promise<Map<number, NodeApiError | NodeOperationError>> {
	const failures = new Map<number, NodeApiError | NodeOperationError>();
	if (handler.validate === undefined) return failures;
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			await handler.validate.call(context, itemIndex);
		} catch (error) {
			const nodeError = asNodeError(context.getNode(), error, itemIndex);
			if (!context.continueOnFail()) throw nodeError;
			failures.set(itemIndex, nodeError);
		}
	}
	return failures;
}

/**
 * Runs the chosen operation once per input item, up to Requests in Parallel at a time; every
 * output is paired to its input item and outputs keep the input order.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const handler = chosenOperation(this);
	const invalid = await validateAll(this, handler, items.length);
	const perItem = await mapInOrder(items.length, readParallelism(this), async (itemIndex) => {
		const invalidError = invalid.get(itemIndex);
		if (invalidError !== undefined) return [errorItem(invalidError, itemIndex)];
		try {
			const results = await handler.execute.call(this, itemIndex);
			return this.helpers.constructExecutionMetaData(results, { itemData: { item: itemIndex } });
		} catch (error) {
			const nodeError = asNodeError(this.getNode(), error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			return [errorItem(nodeError, itemIndex)];
		}
	});
	return [perItem.flat()];
}
