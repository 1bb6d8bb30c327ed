import type {
	IDataObject,
	IHookFunctions,
	INodeProperties,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	binaryPropertyField,
	formatField,
	maxDownloadTimeOption,
	maxSizeOption,
	positiveNumber,
} from '../actions/common/downloadFields';
import { errorDetails } from '../helpers/errorDetails';
import { jsonItems } from '../helpers/jsonItems';
import { defaultRecordingFileName } from '../helpers/recordingFile';
import { isUuid, parseBooleanValue } from '../helpers/validation';
import { apiDownload, recordingMedia } from '../transport';
import { RECORDING_EVENT_VALUES } from './events';

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
		displayOptions: { show: { events: ['recording-completed'] } },
		description:
			"Whether to attach the recording's audio to the item of a Recording Completed event (needs SignalWire API credentials); for long recordings, a Download operation after the trigger keeps the callback's answer fast",
	},
	{ ...formatField, name: 'recordingFormat', displayOptions: showForDownload },
	{ ...binaryPropertyField, displayOptions: showForDownload },
	{ ...maxSizeOption, displayOptions: showForDownload },
	{ ...maxDownloadTimeOption, displayOptions: showForDownload },
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

/**
 * Whether a Recording Completed event downloads its recording: 'off', 'on', or 'refused' when
 * callbacks are not verified and Download Unverified Recordings does not ask twice.
 */
export function recordingDownload(
	context: IHookFunctions | IWebhookFunctions,
	completed: boolean,
	verified: boolean,
): 'off' | 'on' | 'refused' {
	// Strict: an expression's "false" must not download.
	const asked = (name: string) => parseBooleanValue(context.getNodeParameter(name, false)) === true;
	if (!completed || !asked('downloadRecording')) return 'off';
	return verified || asked('downloadUnverified') ? 'on' : 'refused';
}

/**
 * The workflow's data for a callback's item, with a completed recording's audio when it is to be
 * downloaded. A failed download still starts the workflow (the event happened), saying why.
 */
export async function recordingWorkflowData(
	context: IWebhookFunctions,
	item: IDataObject,
	verified: boolean,
): Promise<IWebhookResponseData> {
	// A conference callback cannot claim a recording's event: only a recording callback downloads.
	const completed = item.StatusCallbackEvent === undefined && item.event === 'recording-completed';
	const download = recordingDownload(context, completed, verified);
	if (download === 'off') return { workflowData: [jsonItems(item)] };
	const recordingSid = `${item.RecordingSid ?? ''}`.trim().toLowerCase();
	const refusal =
		download === 'refused'
			? 'The recording was not downloaded: Verify Signature is off, so this callback may not come from SignalWire. Turn on Verify Signature, or Download Unverified Recordings.'
			: !isUuid(recordingSid)
				? `The callback's RecordingSid "${recordingSid.slice(0, 100)}" is not a SignalWire ID, so the recording was not downloaded`
				: undefined;
	if (refusal !== undefined) {
		return { workflowData: [jsonItems({ ...item, downloadError: { message: refusal } })] };
	}
	const format =
		String(context.getNodeParameter('recordingFormat', 'mp3')) === 'wav' ? 'wav' : 'mp3';
	const field = String(context.getNodeParameter('binaryPropertyName', 'data')).trim() || 'data';
	// A callback cannot be refused for the trigger's own settings: a bad number is the default.
	const setting = (option: INodeProperties) => {
		const fallback = option.default as number;
		return positiveNumber(context.getNodeParameter(option.name, fallback), fallback) ?? fallback;
	};
	const maxBytes = Math.floor(setting(maxSizeOption) * 1024 * 1024);
	const maxSeconds = setting(maxDownloadTimeOption);
	// SignalWire waits for the callback's answer and may send it again when it is slow, while a long
	// recording takes a while to download: so the callback is answered first.
	context.getResponseObject().status(200).json({ message: 'Workflow was started' });
	try {
		const binary = await apiDownload(context, recordingMedia(recordingSid, format), 0, {
			format,
			fileName: defaultRecordingFileName(
				{ recordingSid, startedAt: item.RecordingStartTime },
				format,
			),
			maxBytes,
			maxSeconds,
		});
		return {
			noWebhookResponse: true,
			workflowData: [[{ json: item, binary: { [field]: binary } }]],
		};
	} catch (error) {
		// What went wrong, with what the action node's error items carry.
		const downloadError =
			error instanceof NodeApiError || error instanceof NodeOperationError
				? { message: error.message, ...errorDetails(error) }
				: { message: error instanceof Error ? error.message : String(error) };
		return { noWebhookResponse: true, workflowData: [[{ json: { ...item, downloadError } }]] };
	}
}
