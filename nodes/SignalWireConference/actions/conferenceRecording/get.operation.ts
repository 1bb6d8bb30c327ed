import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { signalWireApiRequest } from '../../transport/request';
import { conferenceLocator } from '../common/conferenceLocator';
import { readRecordingTarget, recordingLocator } from '../common/recordingLocator';

const displayOptions = { show: { resource: ['conferenceRecording'], operation: ['get'] } };

export const description: INodeProperties[] = [
	conferenceLocator(displayOptions),
	recordingLocator(displayOptions),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const target = readRecordingTarget(this, itemIndex);
	const recording = await signalWireApiRequest(this, {
		method: 'GET',
		resource: target.resource,
		itemIndex,
		notFound: target.notFound,
	});
	return this.helpers.returnJsonArray(recording);
}
