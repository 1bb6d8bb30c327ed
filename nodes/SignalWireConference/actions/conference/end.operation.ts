import type { INodeProperties } from 'n8n-workflow';

import { conferenceSidFor } from '../common/conferenceByName';
import { conferenceLocatorWithName } from '../common/locators';
import { updateConference } from './update.operation';
import { jsonItems } from '../../helpers/jsonItems';
import type { Execute } from '../defineResource';

export const option = {
	name: 'End',
	value: 'end',
	description: 'End a conference now: everyone in it is disconnected',
	action: 'End a conference',
};

export const properties: INodeProperties[] = [conferenceLocatorWithName('The conference to end')];

export const execute: Execute = async function (itemIndex) {
	const sid = await conferenceSidFor(this, itemIndex, 'nothing was ended');
	return jsonItems(await updateConference(this, sid, { Status: 'completed' }, itemIndex));
};
