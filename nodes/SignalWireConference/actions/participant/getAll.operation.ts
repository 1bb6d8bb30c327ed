import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getSidFromLocator } from '../../helpers/validation';
import { signalWireApiListAll } from '../../transport/request';
import { CONFERENCE_FIELD, conferenceLocator, conferenceNotFound, conferencePath } from '../common/conferenceLocator';
import { limitFields, readLimit } from '../common/limit';

const displayOptions = { show: { resource: ['participant'], operation: ['getAll'] } };

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
		options: [
			{
				displayName: 'Hold',
				name: 'hold',
				type: 'boolean',
				default: true,
				description: 'Whether to list only participants on hold (on) or only those not on hold (off)',
			},
			{
				displayName: 'Muted',
				name: 'muted',
				type: 'boolean',
				default: true,
				description: 'Whether to list only muted participants (on) or only unmuted ones (off)',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const conferenceSid = getSidFromLocator(this, CONFERENCE_FIELD, itemIndex);
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const participants = await signalWireApiListAll(
		this,
		{
			resource: `${conferencePath(conferenceSid)}/Participants`,
			listKey: 'participants',
			query: {
				Muted: filters.muted === undefined ? undefined : String(Boolean(filters.muted)),
				Hold: filters.hold === undefined ? undefined : String(Boolean(filters.hold)),
			},
			itemIndex,
			notFound: conferenceNotFound(conferenceSid),
		},
		limit,
	);
	return this.helpers.returnJsonArray(participants);
}
