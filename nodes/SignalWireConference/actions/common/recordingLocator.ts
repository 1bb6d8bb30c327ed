import type { INodeProperties } from 'n8n-workflow';

import { conferenceRecordingPath } from '../../transport';
import type { ConferenceChild } from './conferenceChild';
import { uuidLocator } from './locators';

export const RECORDING: ConferenceChild = {
	field: { name: 'recordingId', label: 'Recording', collection: 'Recordings' },
	path: conferenceRecordingPath,
	notFound: (conferenceSid, recordingSid) =>
		`No recording with ID "${recordingSid}" belongs to conference "${conferenceSid}": check both IDs.`,
};

export const recordingLocator: INodeProperties = uuidLocator({
	field: RECORDING.field,
	description: 'The recording of the conference',
	searchMethod: 'searchConferenceRecordings',
});
