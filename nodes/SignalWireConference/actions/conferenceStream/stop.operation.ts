import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getSidFromLocator } from '../../helpers/validation';
import { signalWireApiPost } from '../../transport/request';
import { CONFERENCE_FIELD, conferenceLocator, conferencePath } from '../common/conferenceLocator';
import { readStreamReference, streamLocator } from '../common/streamLocator';

const displayOptions = { show: { resource: ['conferenceStream'], operation: ['stop'] } };

export const description: INodeProperties[] = [
	conferenceLocator(displayOptions),
	streamLocator(displayOptions),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const conferenceSid = getSidFromLocator(this, CONFERENCE_FIELD, itemIndex);
	const stream = readStreamReference(this, itemIndex);
	const target = {
		resource: `${conferencePath(conferenceSid)}/Streams/${encodeURIComponent(stream)}`,
		notFound: `No running stream "${stream}" in conference "${conferenceSid}": check the stream's ID or name and the conference.`,
	};
	const stopped = await signalWireApiPost(this, target, { Status: 'stopped' }, itemIndex);
	return this.helpers.returnJsonArray(stopped);
}
