import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import { readConferenceChild } from '../common/conferenceChild';
import { conferenceLocator } from '../common/conferenceLocator';
import { RECORDING, recordingLocator } from '../common/recordingLocator';
import { jsonItems } from '../../helpers/jsonItems';

const STATUSES = ['paused', 'in-progress', 'stopped'];
const PAUSE_BEHAVIORS = ['skip', 'silence'];

export const option = {
	name: 'Update',
	value: 'update',
	description: 'Pause, resume or stop a conference recording',
	action: 'Pause, resume or stop a conference recording',
};

export const properties: INodeProperties[] = [
	conferenceLocator,
	recordingLocator,
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		required: true,
		default: 'paused',
		description: 'What to do with the recording',
		options: [
			{ name: 'Pause', value: 'paused', description: 'Pause the recording' },
			{ name: 'Resume', value: 'in-progress', description: 'Resume a paused recording' },
			{
				name: 'Stop',
				value: 'stopped',
				description: 'Stop the recording for good (it cannot be resumed)',
			},
		],
	},
	{
		displayName: 'Pause Behavior',
		name: 'pauseBehavior',
		type: 'options',
		default: 'silence',
		displayOptions: { show: { status: ['paused'] } },
		description: 'What the recording holds for the paused time',
		options: [
			{ name: 'Silence', value: 'silence', description: 'Record silence while paused' },
			{ name: 'Skip', value: 'skip', description: 'Leave the paused time out of the recording' },
		],
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const target = readConferenceChild(this, RECORDING, itemIndex);
	const status = String(this.getNodeParameter('status', itemIndex));
	if (!STATUSES.includes(status)) {
		throw new NodeOperationError(
			this.getNode(),
			`Status "${status}" is not one of: ${STATUSES.join(', ')}`,
			{
				itemIndex,
				description: 'Choose Pause, Resume or Stop.',
			},
		);
	}
	const form: Record<string, string> = { Status: status };
	if (status === 'paused') {
		const pauseBehavior = String(this.getNodeParameter('pauseBehavior', itemIndex, 'silence'));
		if (!PAUSE_BEHAVIORS.includes(pauseBehavior)) {
			throw new NodeOperationError(
				this.getNode(),
				`Pause Behavior "${pauseBehavior}" is not skip or silence`,
				{
					itemIndex,
				},
			);
		}
		form.PauseBehavior = pauseBehavior;
	}
	const recording = await apiRequest(this, target, itemIndex, { method: 'POST', form });
	return jsonItems(recording);
}
