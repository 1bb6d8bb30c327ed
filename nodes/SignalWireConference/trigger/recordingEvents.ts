import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { binaryPropertyField, formatField, maxSizeOption } from '../actions/common/downloadFields';
import { parseBooleanValue } from '../helpers/validation';

/**
 * The events of SignalWire's recording status callbacks (`RecordingStatus`): a `<Conference>` asks
 * for them with `recordingStatusCallbackEvent`, whose words are the statuses themselves.
 */
export const RECORDING_EVENTS: Array<INodePropertyOptions & { value: string; cxml: string }> = [
	{
		name: 'Recording Absent',
		action: 'When a recording ends without audio',
		value: 'recording-absent',
		cxml: 'absent',
		description: 'A recording ended without audio (too short or silent)',
	},
	{
		name: 'Recording Completed',
		action: 'When a recording is ready',
		value: 'recording-completed',
		cxml: 'completed',
		description: "A recording's audio is ready to download",
	},
	{
		name: 'Recording In Progress',
		action: 'When a recording starts',
		value: 'recording-in-progress',
		cxml: 'in-progress',
		description: 'A recording started',
	},
];

const RECORDING_EVENT_VALUES = RECORDING_EVENTS.map((event) => event.value);

/** The `recordingStatusCallbackEvent` attribute value that makes SignalWire send the chosen events. */
export function recordingStatusCallbackEventAttribute(events: string[]): string {
	const words = new Set(
		RECORDING_EVENTS.filter((event) => events.includes(event.value)).map((event) => event.cxml),
	);
	return ['in-progress', 'completed', 'absent'].filter((word) => words.has(word)).join(' ');
}

const showForCompleted = { show: { events: ['recording-completed'] } };
const showForDownload = { show: { events: ['recording-completed'], downloadRecording: [true] } };

/** The trigger's fields for recording events: what to paste into cXML, and the download. */
export const RECORDING_PROPERTIES: INodeProperties[] = [
	{
		displayName:
			'For recording events, also add to &lt;Conference&gt;: <code>record="record-from-start" recordingStatusCallback="<b>this node\'s Production URL</b>" recordingStatusCallbackEvent="in-progress completed absent" recordingStatusCallbackMethod="POST"</code> (keep only the words of the recording events you pick).',
		name: 'recordingSetupNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { events: RECORDING_EVENT_VALUES } },
	},
	{
		displayName: 'Download Recording',
		name: 'downloadRecording',
		type: 'boolean',
		default: false,
		displayOptions: showForCompleted,
		description:
			"Whether to attach the recording's audio to the item of a Recording Completed event (needs SignalWire API credentials); for long recordings, a Download operation after the trigger keeps the callback's answer fast",
	},
	{ ...formatField, name: 'recordingFormat', displayOptions: showForDownload },
	{ ...binaryPropertyField, displayOptions: showForDownload },
	{ ...maxSizeOption, displayOptions: showForDownload },
];

/**
 * With Verify Signature off, a download needs this second switch: any request naming a recording
 * would otherwise make n8n download it with the project's API credentials.
 */
export const UNVERIFIED_DOWNLOAD_PROPERTY: INodeProperties = {
	displayName: 'Download Unverified Recordings',
	name: 'downloadUnverified',
	type: 'boolean',
	default: false,
	displayOptions: {
		show: { events: ['recording-completed'], downloadRecording: [true], verifySignature: [false] },
	},
	description:
		'Whether to download the recording a callback names even though the callback is not verified: anyone who knows this URL can then make n8n download any recording of your project with your API credentials, as often as they like',
};

/** Whether the trigger may download the recordings callbacks name: verified, or asked twice. */
export function mayDownloadRecordings(verifies: boolean, downloadUnverified: unknown): boolean {
	return verifies || parseBooleanValue(downloadUnverified) === true;
}

/** Whether a callback is a recording status callback rather than a conference status callback. */
export function isRecordingCallback(item: IDataObject): boolean {
	return item.StatusCallbackEvent === undefined && typeof item.RecordingStatus === 'string';
}

function asNumber(value: unknown): IDataObject[string] {
	return typeof value === 'string' && /^\d+$/.test(value)
		? Number(value)
		: (value as IDataObject[string]);
}

/**
 * A recording callback's item: its event named `recording-<status>`, duration and channels as the
 * numbers SignalWire documents them to be. Other callbacks pass unchanged.
 */
export function withRecordingEvent(item: IDataObject): IDataObject {
	if (!isRecordingCallback(item)) return item;
	return {
		...item,
		RecordingDuration: asNumber(item.RecordingDuration),
		RecordingChannels: asNumber(item.RecordingChannels),
		event: `recording-${String(item.RecordingStatus)}`,
	};
}
