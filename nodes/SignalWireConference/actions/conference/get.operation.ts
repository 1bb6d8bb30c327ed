import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getSidFromLocator } from '../../helpers/validation';
import { conferencePath, signalWireApiRequest } from '../../transport';
import {
	CONFERENCE_FIELD,
	conferenceLocator,
	conferenceNotFound,
} from '../common/conferenceLocator';
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
	const conference = await signalWireApiRequest(this, {
		method: 'GET',
		resource: conferencePath(conferenceSid),
		itemIndex,
		notFound: conferenceNotFound(conferenceSid),
	});
	return jsonItems(conference);
}
