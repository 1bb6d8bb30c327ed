import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ResourceLocatorField } from '../../helpers/validation';
import { getSidFromLocator } from '../../helpers/validation';
import { CONFERENCE_FIELD, conferencePath } from './conferenceLocator';
import { uuidLocator } from './locators';

export const RECORDING_FIELD: ResourceLocatorField = {
	name: 'recordingId',
	label: 'Recording',
	collection: 'Recordings',
};

export function recordingLocator(displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return uuidLocator(
		{
			field: RECORDING_FIELD,
			description: 'The recording of the conference',
			searchMethod: 'searchConferenceRecordings',
		},
		displayOptions,
	);
}

export interface RecordingTarget {
	conferenceSid: string;
	recordingSid: string;
	resource: string;
	notFound: string;
}

export function readRecordingTarget(context: IExecuteFunctions, itemIndex: number): RecordingTarget {
	const conferenceSid = getSidFromLocator(context, CONFERENCE_FIELD, itemIndex);
	const recordingSid = getSidFromLocator(context, RECORDING_FIELD, itemIndex);
	return {
		conferenceSid,
		recordingSid,
		resource: `${conferencePath(conferenceSid)}/Recordings/${encodeURIComponent(recordingSid)}`,
		notFound: `No recording with ID "${recordingSid}" belongs to conference "${conferenceSid}": check both IDs.`,
	};
}
