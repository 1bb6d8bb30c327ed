import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getSidFromLocator } from '../../helpers/validation';
import { signalWireApiListAll } from '../../transport/request';
import { CONFERENCE_FIELD, conferenceLocator, conferenceNotFound, conferencePath } from '../common/conferenceLocator';
import { dateFilterOptions, dateFilters, readDateFilters } from '../common/dateFilters';
import { limitFields, readLimit } from '../common/limit';

const displayOptions = { show: { resource: ['conferenceRecording'], operation: ['getAll'] } };

const DATE_FILTERS = dateFilters('Created', 'recordings');

export const description: INodeProperties[] = [
	conferenceLocator(displayOptions),
	...limitFields(displayOptions),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions,
		options: dateFilterOptions(DATE_FILTERS),
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const conferenceSid = getSidFromLocator(this, CONFERENCE_FIELD, itemIndex);
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const recordings = await signalWireApiListAll(
		this,
		{
			resource: `${conferencePath(conferenceSid)}/Recordings`,
			listKey: 'recordings',
			query: readDateFilters(this, filters, DATE_FILTERS, itemIndex),
			itemIndex,
			notFound: conferenceNotFound(conferenceSid),
		},
		limit,
	);
	return this.helpers.returnJsonArray(recordings);
}
