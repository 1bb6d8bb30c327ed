import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { customRecordingFileName, defaultRecordingFileName } from '../../helpers/recordingFile';
import type { RecordingFormat } from '../../transport';
import { inputError, oneOf } from '../../helpers/validation';
import { apiRequest, apiDownload, recordingMedia } from '../../transport';
import { maxDownloadTimeOption, maxSizeOption, positiveNumber } from '../common/downloadFields';
import { conferenceTarget } from '../sharedRequests';

/** The statuses whose audio exists: SignalWire ends a recording as stopped (by request) or completed. */
const FINISHED = ['completed', 'stopped'];
const FORMATS: RecordingFormat[] = ['mp3', 'wav'];

/** A Max Size or Max Download Time, its default when empty, refused by name when not positive. */
function readPositive(
	context: IExecuteFunctions,
	options: IDataObject,
	field: INodeProperties,
	itemIndex: number,
): number {
	const value = options[field.name];
	const number = positiveNumber(value, field.default as number);
	if (number !== undefined) return number;
	throw inputError(
		context,
		itemIndex,
		`${field.displayName} ${String(value)} is not a positive number`,
		`Set ${field.displayName} to 1 or more (default ${String(field.default)}).`,
	);
}

/** Everything a download needs from the node's fields, refused before any request when invalid. */
export function readDownloadSettings(context: IExecuteFunctions, itemIndex: number) {
	const format = oneOf(
		context,
		itemIndex,
		'Format',
		context.getNodeParameter('format', itemIndex, 'mp3'),
		FORMATS,
		'Choose MP3 or WAV.',
	);
	const binaryPropertyName = String(
		context.getNodeParameter('binaryPropertyName', itemIndex, 'data'),
	).trim();
	if (binaryPropertyName === '') {
		throw inputError(
			context,
			itemIndex,
			'Put Output File in Field is empty',
			'Enter the name of the binary field to put the recording in, e.g. "data".',
		);
	}
	const options = context.getNodeParameter('downloadOptions', itemIndex, {}) as IDataObject;
	const maxSizeMb = readPositive(context, options, maxSizeOption, itemIndex);
	const maxSeconds = readPositive(context, options, maxDownloadTimeOption, itemIndex);
	// The user's own file name, when they typed one.
	const typed = String(options.fileName ?? '').trim();
	const fileName = typed === '' ? undefined : customRecordingFileName(typed, format);
	if (fileName !== undefined && /^\.[A-Za-z0-9]+$/.test(fileName)) {
		throw inputError(
			context,
			itemIndex,
			`File Name ${JSON.stringify(typed)} has no name part`,
			'Enter a file name such as "standup.mp3", or leave File Name empty.',
		);
	}
	return {
		format,
		binaryPropertyName,
		maxBytes: Math.floor(maxSizeMb * 1024 * 1024),
		maxSeconds,
		fileName,
	};
}

/** The conference's friendly name, for file names. */
export async function conferenceName(
	context: IExecuteFunctions,
	conferenceSid: string,
	itemIndex: number,
): Promise<string | undefined> {
	const conference = await apiRequest(context, conferenceTarget(conferenceSid), itemIndex);
	return typeof conference.friendly_name === 'string' ? conference.friendly_name : undefined;
}

/** Why a recording has no audio to download yet, or undefined when it has. */
export function notDownloadable(recording: IDataObject): string | undefined {
	const status = String(recording.status ?? '');
	if (FINISHED.includes(status)) return undefined;
	if (status === 'absent') {
		return `Recording "${String(recording.sid)}" is absent: SignalWire kept no audio (the recording was too short or silent)`;
	}
	return `Recording "${String(recording.sid)}" is ${status || 'in an unknown state'}, not completed yet: its audio can be downloaded once SignalWire has finished it`;
}

export const NOT_FINISHED_HELP =
	'Stop the recording (Conference Recording → Update → Stop) or let the conference end, then download it. The SignalWire Conference Trigger\'s "Recording Completed" event says when it is ready.';

/** One item: the recording's metadata as `json`, its audio under the chosen binary field. */
export async function downloadRecordingItem(
	context: IExecuteFunctions,
	recording: IDataObject,
	settings: ReturnType<typeof readDownloadSettings>,
	itemIndex: number,
	nameOfConference?: string,
): Promise<INodeExecutionData> {
	const recordingSid = String(recording.sid);
	const fileName =
		settings.fileName ??
		defaultRecordingFileName(
			{
				recordingSid,
				conferenceName: nameOfConference,
				startedAt: recording.start_time ?? recording.date_created,
			},
			settings.format,
		);
	const media = recordingMedia(recordingSid, settings.format);
	const binary = await apiDownload(context, media, itemIndex, { ...settings, fileName });
	return { json: recording, binary: { [settings.binaryPropertyName]: binary } };
}
