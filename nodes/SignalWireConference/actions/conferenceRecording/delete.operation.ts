import type { INodeProperties } from 'n8n-workflow';

import { conferenceLocator, RECORDING, recordingLocator } from '../common/locators';
import { deleteChild } from '../sharedRequests';

export const option = {
	name: 'Delete',
	value: 'delete',
	description: 'Delete a recording of a conference',
	action: 'Delete a conference recording',
};

export const properties: INodeProperties[] = [conferenceLocator, recordingLocator];

export const execute = deleteChild(RECORDING, 'recordingSid');
