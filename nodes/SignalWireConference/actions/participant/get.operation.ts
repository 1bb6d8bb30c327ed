import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { signalWireApiRequest } from '../../transport/request';
import { conferenceLocator } from '../common/conferenceLocator';
import { participantLocator, readParticipantTarget } from '../common/participantLocator';

const displayOptions = { show: { resource: ['participant'], operation: ['get'] } };

export const description: INodeProperties[] = [
	conferenceLocator(displayOptions),
	participantLocator(displayOptions),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const target = readParticipantTarget(this, itemIndex);
	const participant = await signalWireApiRequest(this, {
		method: 'GET',
		resource: target.resource,
		itemIndex,
		notFound: target.notFound,
	});
	return this.helpers.returnJsonArray(participant);
}
