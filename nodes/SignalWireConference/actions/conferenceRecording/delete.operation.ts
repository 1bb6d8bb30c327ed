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
	name: 'Delete',
	value: 'delete',
	description: 'Delete a recording of a conference',
	action: 'Delete a conference recording',
};

export const properties: INodeProperties[] = [conferenceLocator, recordingLocator];

/** SignalWire answers 204 with no body; the output says what was deleted. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const target = readConferenceChild(this, RECORDING, itemIndex);
	await apiRequest(this, target, itemIndex, { method: 'DELETE' });
	return jsonItems({
		deleted: true,
		recordingSid: target.sid,
		conferenceSid: target.conferenceSid,
	});
}
