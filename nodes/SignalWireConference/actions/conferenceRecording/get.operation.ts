import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import {
	readConferenceChild,
	conferenceLocator,
	RECORDING,
	recordingLocator,
} from '../common/locators';
import { jsonItems } from '../../helpers/jsonItems';

export const option = {
	name: 'Get',
	value: 'get',
	description: 'Get a recording of a conference',
	action: 'Get a conference recording',
};

export const properties: INodeProperties[] = [conferenceLocator, recordingLocator];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const target = readConferenceChild(this, RECORDING, itemIndex);
	const recording = await apiRequest(this, target, itemIndex);
	return jsonItems(recording);
}
