import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { signalWireApiDelete } from '../../transport/request';
import { conferenceLocator } from '../common/conferenceLocator';
import { readRecordingTarget, recordingLocator } from '../common/recordingLocator';

const displayOptions = { show: { resource: ['conferenceRecording'], operation: ['delete'] } };

export const description: INodeProperties[] = [
	conferenceLocator(displayOptions),
	recordingLocator(displayOptions),
];

/** SignalWire answers 204 with no body; the output says what was deleted. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const target = readRecordingTarget(this, itemIndex);
	await signalWireApiDelete(this, target, itemIndex);
	return this.helpers.returnJsonArray({
		deleted: true,
		recordingSid: target.recordingSid,
		conferenceSid: target.conferenceSid,
	});
}
