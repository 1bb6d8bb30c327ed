import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { defaultRecordingFileName } from '../helpers/recordingFile';
import { isUuid, parseBooleanValue } from '../helpers/validation';
import type { RecordingFormat } from '../transport';
import {
	apiDownload,
	DEFAULT_MAX_DOWNLOAD_MB,
	DEFAULT_MAX_DOWNLOAD_SECONDS,
	recordingMedia,
} from '../transport';
import { positiveNumber } from '../actions/common/downloadFields';
import { jsonItems } from '../helpers/jsonItems';
import { mayDownloadRecordings } from './recordingEvents';
import { verifiesSignature } from './verifyRequest';

interface TriggerDownload {
	format: RecordingFormat;
	binaryPropertyName: string;
	maxBytes: number;
	maxSeconds: number;
}

/** The trigger cannot refuse a callback for its own settings: a bad number falls back to its default. */
function readTriggerDownload(context: IWebhookFunctions): TriggerDownload {
	const format =
		String(context.getNodeParameter('recordingFormat', 'mp3')) === 'wav' ? 'wav' : 'mp3';
	const binaryPropertyName =
		String(context.getNodeParameter('binaryPropertyName', 'data')).trim() || 'data';
	const setting = (name: string, fallback: number) =>
		positiveNumber(context.getNodeParameter(name, fallback), fallback) ?? fallback;
	const maxSizeMb = setting('maxSizeMb', DEFAULT_MAX_DOWNLOAD_MB);
	const maxSeconds = setting('maxDownloadSeconds', DEFAULT_MAX_DOWNLOAD_SECONDS);
	return {
		format,
		binaryPropertyName,
		maxBytes: Math.floor(maxSizeMb * 1024 * 1024),
		maxSeconds,
	};
}

/** What went wrong, in the shape the action node's error items use. */
function describeFailure(error: unknown): IDataObject {
	const failure: IDataObject = {
		message: error instanceof Error ? error.message : String(error),
	};
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.description) failure.description = error.description;
		if (error instanceof NodeApiError && error.httpCode) failure.httpCode = error.httpCode;
	}
	return failure;
}

/**
 * SignalWire waits for the callback's answer and may send it again when it is slow, while a
 * long recording takes a while to download: so the callback is answered first, then the audio
 * is fetched and the workflow started with it.
 */
function acknowledge(context: IWebhookFunctions): void {
	context.getResponseObject().status(200).json({ message: 'Workflow was started' });
}

/**
 * The trigger's answer to a recording callback it was set up for: the item, with the recording's
 * audio attached for a completed recording when Download Recording is on. A download that fails
 * still starts the workflow (the event happened), its item saying why under `downloadError`.
 */
export async function recordingWorkflowData(
	context: IWebhookFunctions,
	item: IDataObject,
): Promise<IWebhookResponseData> {
	const wanted =
		item.event === 'recording-completed' &&
		// Strict: an expression's "false" must not download.
		parseBooleanValue(context.getNodeParameter('downloadRecording', false)) === true;
	if (!wanted) return { workflowData: [jsonItems(item)] };
	if (
		!mayDownloadRecordings(
			verifiesSignature(context),
			context.getNodeParameter('downloadUnverified', false),
		)
	) {
		const downloadError = {
			message:
				'The recording was not downloaded: Verify Signature is off, so this callback may not come from SignalWire. Turn on Verify Signature, or Download Unverified Recordings.',
		};
		return { workflowData: [jsonItems({ ...item, downloadError })] };
	}

	const recordingSid = String(item.RecordingSid ?? '')
		.trim()
		.toLowerCase();
	if (!isUuid(recordingSid)) {
		const downloadError = {
			message: `The callback's RecordingSid "${recordingSid.slice(0, 100)}" is not a SignalWire ID, so the recording was not downloaded`,
		};
		return { workflowData: [jsonItems({ ...item, downloadError })] };
	}
	const settings = readTriggerDownload(context);
	acknowledge(context);
	try {
		const binary = await apiDownload(context, recordingMedia(recordingSid, settings.format), 0, {
			format: settings.format,
			fileName: defaultRecordingFileName(
				{ recordingSid, startedAt: item.RecordingStartTime },
				settings.format,
			),
			maxBytes: settings.maxBytes,
			maxSeconds: settings.maxSeconds,
		});
		return {
			noWebhookResponse: true,
			workflowData: [[{ json: item, binary: { [settings.binaryPropertyName]: binary } }]],
		};
	} catch (error) {
		return {
			noWebhookResponse: true,
			workflowData: [[{ json: { ...item, downloadError: describeFailure(error) } }]],
		};
	}
}
