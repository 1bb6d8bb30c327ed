import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError, errorJson } from '../helpers/errorDetails';
import { mapInOrder } from '../helpers/mapInOrder';
import { readParallelism } from './common/requestOptions';
import type { Operation } from './defineResource';
import { RESOURCES } from './resources';

/** An item's failure: thrown unless the node continues on fail, else its error item. */
function errorItemOrThrow(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): INodeExecutionData {
	const nodeError = asNodeError(context.getNode(), error, itemIndex);
	if (!context.continueOnFail()) throw nodeError;
	return { json: errorJson(nodeError), pairedItem: { item: itemIndex } };
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
 * The operation's validate() for every item, before any item executes: the error items by index.
 * Without continue-on-fail the first bad item fails the run here, before anything is sent.
 */
async function validateAll(
	context: IExecuteFunctions,
	handler: Operation,
	itemCount: number,
): Promise<Map<number, INodeExecutionData>> {
	const failures = new Map<number, INodeExecutionData>();
	if (handler.validate === undefined) return failures;
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			await handler.validate.call(context, itemIndex);
		} catch (error) {
			failures.set(itemIndex, errorItemOrThrow(context, error, itemIndex));
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
		const invalidItem = invalid.get(itemIndex);
		if (invalidItem !== undefined) return [invalidItem];
		try {
			const results = await handler.execute.call(this, itemIndex);
			return this.helpers.constructExecutionMetaData(results, { itemData: { item: itemIndex } });
		} catch (error) {
			return [errorItemOrThrow(this, error, itemIndex)];
		}
	});
	return [perItem.flat()];
}
