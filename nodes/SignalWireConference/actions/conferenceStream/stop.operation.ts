import type { INodeProperties } from 'n8n-workflow';

import { getSidFromLocator } from '../../helpers/validation';
import { apiRequest, conferenceStreamPath } from '../../transport';
import {
	CONFERENCE_FIELD,
	conferenceLocator,
	readStreamReference,
	streamLocator,
} from '../common/locators';
import { jsonItems } from '../../helpers/jsonItems';
import type { Execute } from '../defineResource';

export const option = {
	name: 'Stop',
	value: 'stop',
	description: 'Stop a conference stream by its ID or name',
	action: 'Stop a conference stream',
};

export const properties: INodeProperties[] = [conferenceLocator, streamLocator];

export const execute: Execute = async function (itemIndex) {
	const conferenceSid = getSidFromLocator(this, CONFERENCE_FIELD, itemIndex);
	const stream = readStreamReference(this, itemIndex);
	const target = {
		resource: conferenceStreamPath(conferenceSid, stream),
		notFound: `No running stream "${stream}" in conference "${conferenceSid}": check the stream's ID or name and the conference.`,
	};
	const form = { Status: 'stopped' };
	return jsonItems(await apiRequest(this, target, itemIndex, { method: 'POST', form }));
};
