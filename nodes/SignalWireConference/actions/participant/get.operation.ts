import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import {
	readConferenceChild,
	conferenceLocator,
	PARTICIPANT,
	participantLocator,
} from '../common/locators';
import { jsonItems } from '../../helpers/jsonItems';

export const option = {
	name: 'Get',
	value: 'get',
	description: 'Get a participant of a conference',
	action: 'Get a participant',
};

export const properties: INodeProperties[] = [conferenceLocator, participantLocator];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const target = readConferenceChild(this, PARTICIPANT, itemIndex);
	const participant = await apiRequest(this, target, itemIndex);
	return jsonItems(participant);
}
