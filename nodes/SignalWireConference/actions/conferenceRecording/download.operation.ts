import type { INodeProperties } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import {
	readConferenceChild,
	conferenceLocator,
	RECORDING,
	recordingLocator,
} from '../common/locators';
import {
	binaryPropertyField,
	fileNameOption,
	formatField,
	maxDownloadTimeOption,
	maxSizeOption,
} from '../common/downloadFields';
import {
	conferenceName,
	downloadRecordingItem,
	NOT_FINISHED_HELP,
	notDownloadable,
	readDownloadSettings,
} from './downloadRecording';
import { inputError } from '../../helpers/validation';
import type { Execute } from '../defineResource';

export const option = {
	name: 'Download',
	value: 'download',
	description: "Download a conference recording's audio as a file (MP3 or WAV)",
	action: 'Download (save) a conference recording as a file',
};

export const properties: INodeProperties[] = [
	conferenceLocator,
	recordingLocator,
	formatField,
	binaryPropertyField,
	{
		displayName: 'Options',
		name: 'downloadOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [fileNameOption, maxSizeOption, maxDownloadTimeOption],
	},
];

/**
 * Reads the recording first: its status says whether there is audio yet, and its metadata becomes
 * the item's json. The conference is read for the default file name only.
 */
export const execute: Execute = async function (itemIndex) {
	const target = readConferenceChild(this, RECORDING, itemIndex);
	const settings = readDownloadSettings(this, itemIndex);
	const [recording, name] = await Promise.all([
		apiRequest(this, target, itemIndex),
		settings.fileName === undefined
			? conferenceName(this, target.conferenceSid, itemIndex)
			: undefined,
	]);
	const problem = notDownloadable(recording);
	if (problem !== undefined) {
		throw inputError(this, itemIndex, problem, NOT_FINISHED_HELP);
	}
	return [await downloadRecordingItem(this, recording, settings, itemIndex, name)];
};
