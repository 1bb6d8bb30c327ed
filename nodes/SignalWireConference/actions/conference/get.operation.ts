import type { INodeProperties } from 'n8n-workflow';

import { jsonItems } from '../../helpers/jsonItems';
import { getSidFromLocator } from '../../helpers/validation';
import { apiRequest } from '../../transport';
import { CONFERENCE_FIELD, conferenceLocator } from '../common/locators';
import type { Execute } from '../defineResource';
import { conferenceTarget } from '../sharedRequests';

export const option = {
	name: 'Get',
	value: 'get',
	description: 'Get a conference by its ID',
	action: 'Get a conference',
};

export const properties: INodeProperties[] = [conferenceLocator];

export const execute: Execute = async function (itemIndex) {
	const conferenceSid = getSidFromLocator(this, CONFERENCE_FIELD, itemIndex);
	return jsonItems(await apiRequest(this, conferenceTarget(conferenceSid), itemIndex));
};
