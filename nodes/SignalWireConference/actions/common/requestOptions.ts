import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from '../../transport/reliability';

export const MAX_PARALLEL_REQUESTS = 10;

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
				'How often to try again when SignalWire answers 429 (too many requests) or 503 (unavailable), and when a read loses its connection; 0 turns retries off. Waits grow exponentially and follow Retry-After.',
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
			typeOptions: { minValue: 100 },
			description: 'Milliseconds to wait for each answer from SignalWire before giving up',
		},
	],
};
