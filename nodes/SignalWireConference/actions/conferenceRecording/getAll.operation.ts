import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { getSidFromLocator } from '../../helpers/validation';
import { conferenceRecordingsPath, signalWireApiListAll } from '../../transport';
import {
	CONFERENCE_FIELD,
	conferenceLocator,
	conferenceNotFound,
} from '../common/conferenceLocator';
import { dateFilterOptions, dateFilters, readDateFilters } from '../common/dateFilters';
import { limitFields, readLimit } from '../common/limit';

const DATE_FILTERS = dateFilters('Created', 'recordings');

export const option = {
	name: 'Get Many',
	value: 'getAll',
	description: 'List the recordings of a conference, optionally by date',
	action: 'Get many conference recordings',
};

export const properties: INodeProperties[] = [
	conferenceLocator,
	...limitFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: dateFilterOptions(DATE_FILTERS),
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const conferenceSid = getSidFromLocator(this, CONFERENCE_FIELD, itemIndex);
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const recordings = await signalWireApiListAll(
		this,
		{
			resource: conferenceRecordingsPath(conferenceSid),
			listKey: 'recordings',
			query: readDateFilters(this, filters, DATE_FILTERS, itemIndex),
			itemIndex,
			notFound: conferenceNotFound(conferenceSid),
		},
		limit,
	);
	return this.helpers.returnJsonArray(recordings);
}
