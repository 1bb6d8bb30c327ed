import type { INodeProperties } from 'n8n-workflow';

import { conferenceLocator, PARTICIPANT, participantLocator } from '../common/locators';
import { getChild } from '../sharedRequests';

export const option = {
	name: 'Get',
	value: 'get',
	description: 'Get a participant of a conference',
	action: 'Get a participant',
};

export const properties: INodeProperties[] = [conferenceLocator, participantLocator];

export const execute = getChild(PARTICIPANT);
