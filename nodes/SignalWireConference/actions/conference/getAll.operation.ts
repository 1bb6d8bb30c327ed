import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toCalendarDate } from '../../helpers/calendarDate';
import type { QueryValues } from '../../transport/request';
import { signalWireApiListAll } from '../../transport/request';
import { limitFields, readLimit } from '../common/limit';

const displayOptions = { show: { resource: ['conference'], operation: ['getAll'] } };

/** Filter parameter → SignalWire query name. The "<" and ">" are part of the name. */
const DATE_FILTERS: Array<{ name: string; displayName: string; query: string; description: string }> = [
	{ name: 'dateCreated', displayName: 'Date Created', query: 'DateCreated', description: 'Only conferences created on this date' },
	{ name: 'dateCreatedBefore', displayName: 'Date Created Before', query: 'DateCreated<', description: 'Only conferences created on or before this date' },
	{ name: 'dateCreatedAfter', displayName: 'Date Created After', query: 'DateCreated>', description: 'Only conferences created on or after this date' },
	{ name: 'dateUpdated', displayName: 'Date Updated', query: 'DateUpdated', description: 'Only conferences last updated on this date' },
	{ name: 'dateUpdatedBefore', displayName: 'Date Updated Before', query: 'DateUpdated<', description: 'Only conferences last updated on or before this date' },
	{ name: 'dateUpdatedAfter', displayName: 'Date Updated After', query: 'DateUpdated>', description: 'Only conferences last updated on or after this date' },
];

const STATUSES = ['init', 'in-progress', 'completed'];

export const description: INodeProperties[] = [
	...limitFields(displayOptions),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions,
		options: [
			...DATE_FILTERS.map(
				(filter): INodeProperties => ({
					displayName: filter.displayName,
					name: filter.name,
					type: 'dateTime',
					default: '',
					description: `${filter.description}. Only the calendar date (YYYY-MM-DD) is used.`,
				}),
			),
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
					{ name: 'Init', value: 'init', description: 'The conference was created but nobody has joined yet' },
				],
			},
		],
	},
];

function buildQuery(context: IExecuteFunctions, filters: IDataObject, itemIndex: number): QueryValues {
	const query: QueryValues = {};
	if (filters.status !== undefined && filters.status !== '') {
		const status = String(filters.status);
		if (!STATUSES.includes(status)) {
			throw new NodeOperationError(context.getNode(), `Status filter "${status}" is not a conference status`, {
				itemIndex,
				description: `Use one of: ${STATUSES.join(', ')}.`,
			});
		}
		query.Status = status;
	}
	if (filters.friendlyName !== undefined && String(filters.friendlyName) !== '') {
		const friendlyName = String(filters.friendlyName);
		if (friendlyName.length > 64) {
			throw new NodeOperationError(context.getNode(), 'Friendly Name filter is longer than 64 characters', {
				itemIndex,
				description: 'SignalWire conference names have at most 64 characters.',
			});
		}
		query.FriendlyName = friendlyName;
	}
	for (const filter of DATE_FILTERS) {
		const value = filters[filter.name];
		if (value === undefined || value === null || value === '') continue;
		query[filter.query] = toCalendarDate(context, value, filter.displayName, itemIndex);
	}
	return query;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const conferences = await signalWireApiListAll(
		this,
		{
			resource: '/Conferences',
			listKey: 'conferences',
			query: buildQuery(this, filters, itemIndex),
			itemIndex,
		},
		limit,
	);
	return this.helpers.returnJsonArray(conferences);
}
