import type { INodeProperties } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import {
	readConferenceChild,
	conferenceLocator,
	RECORDING,
	recordingLocator,
} from '../common/locators';
import { jsonItems } from '../../helpers/jsonItems';
import { oneOf } from '../../helpers/validation';
import type { Execute } from '../defineResource';

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

export const execute: Execute = async function (itemIndex) {
	const target = readConferenceChild(this, RECORDING, itemIndex);
	const status = oneOf(
		this,
		itemIndex,
		'Status',
		this.getNodeParameter('status', itemIndex),
		STATUSES,
		'Choose Pause, Resume or Stop.',
	);
	const form: Record<string, string> = { Status: status };
	if (status === 'paused') {
		const pauseBehavior = this.getNodeParameter('pauseBehavior', itemIndex, 'silence');
		form.PauseBehavior = oneOf(this, itemIndex, 'Pause Behavior', pauseBehavior, PAUSE_BEHAVIORS);
	}
	return jsonItems(await apiRequest(this, target, itemIndex, { method: 'POST', form }));
};
