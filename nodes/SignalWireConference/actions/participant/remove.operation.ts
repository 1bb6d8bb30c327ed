import type { INodeProperties } from 'n8n-workflow';

import { conferenceLocator, PARTICIPANT, participantLocator } from '../common/locators';
import { deleteChild } from '../sharedRequests';

export const option = {
	name: 'Remove',
	value: 'remove',
	description: 'Remove (kick) a participant from the conference: hangs up their call',
	action: 'Remove (kick) a participant: hang up their call',
};

export const properties: INodeProperties[] = [conferenceLocator, participantLocator];

export const execute = deleteChild(PARTICIPANT, 'callSid');
