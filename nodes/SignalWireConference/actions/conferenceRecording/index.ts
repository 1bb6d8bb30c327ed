import type { INodeProperties } from 'n8n-workflow';

import * as deleteOperation from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const operations = { delete: deleteOperation, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['conferenceRecording'] } },
		default: 'getAll',
		options: [
			{ name: 'Delete', value: 'delete', description: 'Delete a recording of a conference', action: 'Delete a conference recording' },
			{ name: 'Get', value: 'get', description: 'Get a recording of a conference', action: 'Get a conference recording' },
			{ name: 'Get Many', value: 'getAll', description: 'Get the recordings of a conference', action: 'Get many conference recordings' },
			{ name: 'Update', value: 'update', description: 'Pause, resume or stop a recording', action: 'Update a conference recording' },
		],
	},
	...deleteOperation.description,
	...get.description,
	...getAll.description,
	...update.description,
];
