import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError, readBooleanValue } from '../../helpers/validation';

/** Return All and Limit; the operation's displayOptions are merged in by its resource. */
export const limitFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** `undefined` means every item. */
export function readLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false);
	if (readBooleanValue(context, returnAll, 'Return All', itemIndex)) return undefined;
	const limit = Number(context.getNodeParameter('limit', itemIndex, 50));
	if (!Number.isInteger(limit) || limit < 1) {
		throw inputError(
			context,
			itemIndex,
			`Limit ${limit} is not a whole number of at least 1`,
			'Set Limit to 1 or more, or turn on Return All.',
		);
	}
	return limit;
}
