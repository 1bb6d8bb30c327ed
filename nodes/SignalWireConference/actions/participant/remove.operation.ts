import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { signalWireApiDelete } from '../../transport/request';
import { conferenceLocator } from '../common/conferenceLocator';
import { participantLocator, readParticipantTarget } from '../common/participantLocator';

const displayOptions = { show: { resource: ['participant'], operation: ['remove'] } };

export const description: INodeProperties[] = [
	conferenceLocator(displayOptions),
	participantLocator(displayOptions),
];

/** SignalWire answers 204 with no body; the output says what was done instead. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const target = readParticipantTarget(this, itemIndex);
	await signalWireApiDelete(this, target, itemIndex);
	return this.helpers.returnJsonArray({
		deleted: true,
		callSid: target.callSid,
		conferenceSid: target.conferenceSid,
	});
}
