import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { signalWireApiPost } from '../../transport/request';
import { conferenceLocator } from '../common/conferenceLocator';
import { participantLocator, readParticipantTarget } from '../common/participantLocator';

/**
 * Mute, Unmute, Hold and Unhold: the operations people look for by name, each one documented
 * participant update with a single form field.
 */
export function flagOperation(operation: string, form: Record<string, string>) {
	const displayOptions = { show: { resource: ['participant'], operation: [operation] } };
	const description: INodeProperties[] = [
		conferenceLocator(displayOptions),
		participantLocator(displayOptions),
	];
	async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const target = readParticipantTarget(this, itemIndex);
		const participant = await signalWireApiPost(this, target, form, itemIndex);
		return this.helpers.returnJsonArray(participant);
	}
	return { description, execute };
}
