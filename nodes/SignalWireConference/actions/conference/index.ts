import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const operations = { get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['conference'] } },
		default: 'getAll',
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a conference',
				action: 'Get a conference',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many conferences, optionally filtered by status, name or date',
				action: 'Get many conferences',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'End a conference, or play an announcement into it',
				action: 'Update a conference',
			},
		],
	},
	...get.description,
	...getAll.description,
	...update.description,
];
