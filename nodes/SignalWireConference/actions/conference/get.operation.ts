import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getSidFromLocator } from '../../helpers/validation';
import { signalWireApiRequest } from '../../transport/request';
import {
	CONFERENCE_FIELD,
	conferenceLocator,
	conferenceNotFound,
	conferencePath,
} from '../common/conferenceLocator';

const displayOptions = { show: { resource: ['conference'], operation: ['get'] } };

export const description: INodeProperties[] = [conferenceLocator(displayOptions)];

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
	return this.helpers.returnJsonArray(conference);
}
