import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { requestOptions } from './actions/common/requestOptions';
import { RESOURCES } from './actions/resources';
import { router } from './actions/router';
import { toolDescriptionFields } from './actions/toolDescriptions';
import {
	searchConferenceRecordings,
	searchConferences,
	searchParticipants,
} from './methods/listSearch';
import { searchPhoneNumbers } from './methods/phoneNumberSearch';

export class SignalWireConference implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SignalWire Conference',
		name: 'signalWireConference',
		icon: { light: 'file:signalwire.svg', dark: 'file:signalwire.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Run SignalWire conference calls: end one or announce into it, mute, hold or remove participants, control recordings and streams',
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
			...toolDescriptionFields(RESOURCES),
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: RESOURCES.map(({ name, value }) => ({ name, value })).sort((a, b) =>
					a.name.localeCompare(b.name),
				),
				default: 'conference',
			},
			...RESOURCES.flatMap((resource) => resource.properties),
			requestOptions,
		],
	};

	methods = {
		listSearch: {
			searchConferences,
			searchParticipants,
			searchConferenceRecordings,
			searchPhoneNumbers,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
