import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import {
	readConferenceChild,
	liveConferenceLocator,
	PARTICIPANT,
	participantLocator,
} from '../common/locators';
import type { Operation } from '../defineResource';
import { jsonItems } from '../../helpers/jsonItems';

/**
 * Mute, Unmute, Hold and Unhold: the operations people look for by name, each one documented
 * participant update with a single form field.
 */
export function flagOperation(
	option: Operation['option'],
	form: Record<string, string>,
): Operation {
	const properties: INodeProperties[] = [liveConferenceLocator, participantLocator];
	async function execute(
		this: IExecuteFunctions,
		itemIndex: number,
	): Promise<INodeExecutionData[]> {
		const target = readConferenceChild(this, PARTICIPANT, itemIndex);
		// Setting a flag twice sets it once, so a 503 may be retried.
		const participant = await apiRequest(this, target, itemIndex, {
			method: 'POST',
			form,
			idempotent: true,
		});
		return jsonItems(participant);
	}
	return { option, properties, execute };
}
