import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as conference from './actions/conference';
import { router } from './actions/router';
import { searchConferences } from './methods/listSearch';

export class SignalWireConference implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SignalWire Conference',
		name: 'signalWireConference',
		icon: { light: 'file:signalwire.svg', dark: 'file:signalwire.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'List, inspect, end and announce into SignalWire conferences',
		defaults: {
			name: 'SignalWire Conference',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'signalWireApi',
				required: true,
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Conference',
						value: 'conference',
					},
				],
				default: 'conference',
			},
			...conference.description,
		],
	};

	methods = {
		listSearch: {
			searchConferences,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
