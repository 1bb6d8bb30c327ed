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
import * as listSearch from './methods/listSearch';

export class SignalWireConference implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SignalWire Conference',
		name: 'signalWireConference',
		icon: { light: 'file:signalwire.svg', dark: 'file:signalwire.dark.svg' },
		group: ['transform'],
		version: 1,
		// In words ("Download: conference recording"), not the stored values.
		subtitle:
			'={{ (($parameter["operation"] === "getAll" ? "get many" : $parameter["operation"]) + ": " + $parameter["resource"]).replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase().replace(/^./, (first) => first.toUpperCase()) }}',
		description:
			'Run SignalWire conference calls: announce into one or end it, dial someone in, mute or remove participants, download recordings',
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
		listSearch: { ...listSearch },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
