import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { QueryValues } from '../../transport';
import { conferencesPath, apiListAll } from '../../transport';
import { dateFilters, readDateFilters } from '../common/dateFilters';
import { limitFields, readLimit } from '../common/limit';
import { jsonItems } from '../../helpers/jsonItems';
import { inputError, oneOf } from '../../helpers/validation';
import type { Execute } from '../defineResource';

const DATE_FILTERS = [
	...dateFilters('Created', 'conferences'),
	...dateFilters('Updated', 'conferences'),
];

const STATUSES = ['init', 'in-progress', 'completed'];

export const option = {
	name: 'Get Many',
	value: 'getAll',
	description: 'List conferences, optionally filtered by status, name or date',
	action: 'Get many conferences',
};

export const properties: INodeProperties[] = [
	...limitFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			...DATE_FILTERS,
			{
				displayName: 'Friendly Name',
				name: 'friendlyName',
				type: 'string',
				default: '',
				placeholder: 'Support bridge',
				description: 'Only conferences with exactly this name (up to 64 characters)',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'in-progress',
				description: 'Only conferences in this state',
				options: [
					{ name: 'Completed', value: 'completed', description: 'The conference has ended' },
					{ name: 'In Progress', value: 'in-progress', description: 'The conference is running' },
					{
						name: 'Init',
						value: 'init',
						description: 'The conference was created but nobody has joined yet',
					},
				],
			},
		],
	},
];

export const execute: Execute = async function (itemIndex) {
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query: QueryValues = {};
	if (filters.status !== undefined && filters.status !== '') {
		query.Status = oneOf(this, itemIndex, 'Status filter', filters.status, STATUSES);
	}
	if (filters.friendlyName !== undefined && String(filters.friendlyName) !== '') {
		query.FriendlyName = String(filters.friendlyName);
		if (query.FriendlyName.length > 64) {
			throw inputError(
				this,
				itemIndex,
				'Friendly Name filter is longer than 64 characters',
				'SignalWire conference names have at most 64 characters.',
			);
		}
	}
	Object.assign(query, readDateFilters(this, filters, DATE_FILTERS, itemIndex));
	const conferences = await apiListAll(this, { resource: conferencesPath() }, itemIndex, {
		listKey: 'conferences',
		query,
		limit,
	});
	return jsonItems(conferences);
};
