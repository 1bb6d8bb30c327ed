import type { INodeProperties } from 'n8n-workflow';

import { conferenceLocator, RECORDING, recordingLocator } from '../common/locators';
import { getChild } from '../sharedRequests';

export const option = {
	name: 'Get',
	value: 'get',
	description: 'Get a recording of a conference',
	action: 'Get a conference recording',
};

export const properties: INodeProperties[] = [conferenceLocator, recordingLocator];

export const execute = getChild(RECORDING);
