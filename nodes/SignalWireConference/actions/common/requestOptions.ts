import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_MAX_RETRIES,
	DEFAULT_TIMEOUT_MS,
	MAX_TIMEOUT_MS,
	MIN_TIMEOUT_MS,
} from '../../transport/reliability';

const MAX_PARALLEL_REQUESTS = 10;

/** Shown for every operation: how requests are sent, not what they do. */
export const requestOptions: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			default: DEFAULT_MAX_RETRIES,
			typeOptions: { minValue: 0, maxValue: 10 },
			description:
				'How often to try again when SignalWire answers 429 (too many requests), and, for reads and other requests that are safe to repeat, 503 (unavailable) or a lost connection; 0 turns retries off. Waits grow exponentially and follow Retry-After.',
		},
		{
			displayName: 'Requests in Parallel',
			name: 'parallelRequests',
			type: 'number',
			default: 1,
			typeOptions: { minValue: 1, maxValue: MAX_PARALLEL_REQUESTS },
			description:
				'How many input items to process at once. Outputs keep the order and item links of a one-by-one run.',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			default: DEFAULT_TIMEOUT_MS,
			typeOptions: { minValue: MIN_TIMEOUT_MS, maxValue: MAX_TIMEOUT_MS },
			description:
				'Milliseconds each request may take, from sending it to the last byte of the answer, before it is given up',
		},
	],
};

/** Requests in Parallel: the same for every item (the first item's value), within 1 and the maximum. */
export function readParallelism(context: IExecuteFunctions): number {
	const options = context.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	const wanted = Number(options.parallelRequests ?? 1);
	return Number.isInteger(wanted) ? Math.min(Math.max(wanted, 1), MAX_PARALLEL_REQUESTS) : 1;
}
