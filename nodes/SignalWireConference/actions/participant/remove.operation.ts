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
	name: 'Remove',
	value: 'remove',
	description: 'Remove (kick) a participant from the conference: hangs up their call',
	action: 'Remove (kick) a participant: hang up their call',
};

export const properties: INodeProperties[] = [conferenceLocator, participantLocator];

/** SignalWire answers 204 with no body; the output says what was done instead. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const target = readConferenceChild(this, PARTICIPANT, itemIndex);
	await apiRequest(this, target, itemIndex, { method: 'DELETE' });
	return jsonItems({
		deleted: true,
		callSid: target.sid,
		conferenceSid: target.conferenceSid,
	});
}
