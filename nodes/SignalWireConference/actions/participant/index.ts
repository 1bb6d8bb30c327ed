import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as hold from './hold.operation';
import * as mute from './mute.operation';
import * as remove from './remove.operation';
import * as unhold from './unhold.operation';
import * as unmute from './unmute.operation';
import * as update from './update.operation';

export const operations = { get, getAll, hold, mute, remove, unhold, unmute, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['participant'] } },
		default: 'getAll',
		options: [
			{ name: 'Get', value: 'get', description: 'Get a participant of a conference', action: 'Get a participant' },
			{ name: 'Get Many', value: 'getAll', description: 'Get the active participants of a conference', action: 'Get many participants' },
			{ name: 'Hold', value: 'hold', description: 'Put a participant on hold', action: 'Hold a participant' },
			{ name: 'Mute', value: 'mute', description: 'Mute a participant', action: 'Mute a participant' },
			{ name: 'Remove', value: 'remove', description: 'Remove (kick) a participant from the conference', action: 'Remove a participant' },
			{ name: 'Unhold', value: 'unhold', description: 'Take a participant off hold', action: 'Unhold a participant' },
			{ name: 'Unmute', value: 'unmute', description: 'Unmute a participant', action: 'Unmute a participant' },
			{ name: 'Update', value: 'update', description: 'Update a participant: mute, hold, coach, announce', action: 'Update a participant' },
		],
	},
	...get.description,
	...getAll.description,
	...hold.description,
	...mute.description,
	...remove.description,
	...unhold.description,
	...unmute.description,
	...update.description,
];
