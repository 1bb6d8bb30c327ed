import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { getSidFromLocator, readBooleanValue } from '../../helpers/validation';
import { participantsPath, apiListAll } from '../../transport';
import { CONFERENCE_FIELD, conferenceLocator } from '../common/locators';
import { conferenceTarget } from '../sharedRequests';
import { limitFields, readLimit } from '../common/limit';
import { jsonItems } from '../../helpers/jsonItems';
import type { Execute } from '../defineResource';

export const option = {
	name: 'Get Many',
	value: 'getAll',
	description: 'List the people in a conference right now, optionally only the muted or held ones',
	action: 'Get many participants',
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
		options: [
			{
				displayName: 'Hold',
				name: 'hold',
				type: 'boolean',
				default: true,
				description:
					'Whether to list only participants on hold (on) or only those not on hold (off)',
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

export const execute: Execute = async function (itemIndex) {
	const conferenceSid = getSidFromLocator(this, CONFERENCE_FIELD, itemIndex);
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const filter = (value: unknown, label: string) =>
		value === undefined ? undefined : String(readBooleanValue(this, value, label, itemIndex));
	const query = { Muted: filter(filters.muted, 'Muted'), Hold: filter(filters.hold, 'Hold') };
	const target = conferenceTarget(conferenceSid, participantsPath);
	return jsonItems(
		await apiListAll(this, target, itemIndex, { listKey: 'participants', query, limit }),
	);
};
