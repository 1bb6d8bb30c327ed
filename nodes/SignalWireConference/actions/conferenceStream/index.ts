import type { INodeProperties } from 'n8n-workflow';

import * as start from './start.operation';
import * as stop from './stop.operation';

export const operations = { start, stop };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['conferenceStream'] } },
		default: 'start',
		options: [
			{ name: 'Start', value: 'start', description: "Stream a conference's audio to a WebSocket server", action: 'Start a conference stream' },
			{ name: 'Stop', value: 'stop', description: 'Stop a conference stream', action: 'Stop a conference stream' },
		],
	},
	...start.description,
	...stop.description,
];
