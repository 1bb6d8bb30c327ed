import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { conferencePath, signalWireApiPost } from '../../transport';
import { conferenceLocatorWithName, conferenceSidFor } from '../common/conferenceByName';
import { conferenceNotFound } from '../common/conferenceLocator';
import { jsonItems } from '../../helpers/jsonItems';

export const option = {
	name: 'End',
	value: 'end',
	description: 'End a conference now: everyone in it is disconnected',
	action: 'End a conference',
};

export const properties: INodeProperties[] = [conferenceLocatorWithName('The conference to end')];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const sid = await conferenceSidFor(this, itemIndex, 'nothing was ended');
	const conference = await signalWireApiPost(
		this,
		{ resource: conferencePath(sid), notFound: conferenceNotFound(sid) },
		{ Status: 'completed' },
		itemIndex,
	);
	return jsonItems(conference);
}
