import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { asNodeError, errorJson } from '../../helpers/errorDetails';
import { mapInOrder } from '../../helpers/mapInOrder';
import { getSidFromLocator, readBooleanValue } from '../../helpers/validation';
import { conferenceRecordingsPath, apiListAll } from '../../transport';
import { CONFERENCE_FIELD, conferenceLocator } from '../common/locators';
import { conferenceTarget } from '../sharedRequests';
import { dateFilters, readDateFilters } from '../common/dateFilters';
import { limitFields, readLimit } from '../common/limit';
import {
	binaryPropertyField,
	formatField,
	maxSizeOption,
	maxDownloadTimeOption,
} from '../common/downloadFields';
import { readParallelism } from '../common/requestOptions';
import {
	conferenceName,
	downloadRecordingItem,
	notDownloadable,
	readDownloadSettings,
} from './downloadRecording';
import { jsonItems } from '../../helpers/jsonItems';
import type { Execute } from '../defineResource';

const DATE_FILTERS = dateFilters('Created', 'recordings');

export const option = {
	name: 'Get Many',
	value: 'getAll',
	description: 'List the recordings of a conference, optionally by date',
	action: 'Get many conference recordings',
};

export const properties: INodeProperties[] = [
	conferenceLocator,
	...limitFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: DATE_FILTERS,
	},
	{
		displayName: 'Download',
		name: 'download',
		type: 'boolean',
		default: false,
		description:
			"Whether to also download each recording's audio as a file, up to Requests in Parallel at a time; recordings without audio yet come out without a file and say why",
	},
	...[
		formatField,
		binaryPropertyField,
		{
			displayName: 'Options',
			name: 'downloadOptions',
			type: 'collection' as const,
			placeholder: 'Add Option',
			default: {},
			options: [maxSizeOption, maxDownloadTimeOption],
		},
	].map((field) => ({ ...field, displayOptions: { show: { download: [true] } } })),
];

/**
 * Every listed recording with its audio attached. One without audio yet (in progress, paused,
 * absent) keeps its item, without a file and with `downloadSkipped` saying why. One whose download
 * fails stops the run, naming the recording; under On Error → Continue it becomes an error item in
 * the shape n8n routes to the error output (nothing but `error` and `details` in its json, the
 * recording's metadata under `details.recording`), and the other recordings are still downloaded.
 */
async function withAudio(
	context: IExecuteFunctions,
	recordings: IDataObject[],
	conferenceSid: string,
	settings: ReturnType<typeof readDownloadSettings>,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const name = await conferenceName(context, conferenceSid, itemIndex);
	return await mapInOrder(recordings.length, readParallelism(context), async (index) => {
		const recording = recordings[index];
		const skipped = notDownloadable(recording);
		if (skipped !== undefined) return { json: { ...recording, downloadSkipped: skipped } };
		try {
			return await downloadRecordingItem(context, recording, settings, itemIndex, name);
		} catch (error) {
			const failure = asNodeError(context.getNode(), error, itemIndex);
			failure.message = `Recording "${String(recording.sid)}" could not be downloaded: ${failure.message}`;
			if (!context.continueOnFail()) throw failure;
			return { json: errorJson(failure, { recording }) };
		}
	});
}

export const execute: Execute = async function (itemIndex) {
	const conferenceSid = getSidFromLocator(this, CONFERENCE_FIELD, itemIndex);
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const download = this.getNodeParameter('download', itemIndex, false);
	// Checked before any request, like every other field.
	const settings = readBooleanValue(this, download, 'Download', itemIndex)
		? readDownloadSettings(this, itemIndex)
		: undefined;
	const target = conferenceTarget(conferenceSid, conferenceRecordingsPath);
	const recordings = await apiListAll(this, target, itemIndex, {
		listKey: 'recordings',
		query: readDateFilters(this, filters, DATE_FILTERS, itemIndex),
		limit,
	});
	if (settings === undefined) return jsonItems(recordings);
	return await withAudio(this, recordings, conferenceSid, settings, itemIndex);
};
