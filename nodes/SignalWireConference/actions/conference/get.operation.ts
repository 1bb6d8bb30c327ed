import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getSidFromLocator } from '../../helpers/validation';
import { conferencePath, apiRequest } from '../../transport';
import { CONFERENCE_FIELD, conferenceLocator, conferenceNotFound } from '../common/locators';
import { jsonItems } from '../../helpers/jsonItems';

export const option = {
	name: 'Get',
	value: 'get',
	description: 'Get a conference by its ID',
	action: 'Get a conference',
};

export const properties: INodeProperties[] = [conferenceLocator];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const conferenceSid = getSidFromLocator(this, CONFERENCE_FIELD, itemIndex);
	const conference = await apiRequest(
		this,
		{ resource: conferencePath(conferenceSid), notFound: conferenceNotFound(conferenceSid) },
		itemIndex,
	);
	return jsonItems(conference);
}
