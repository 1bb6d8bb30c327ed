import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_MAX_DOWNLOAD_MB, DEFAULT_MAX_DOWNLOAD_SECONDS } from '../../transport';

/** The fields of a recording download, shared by Download, Get Many's Download toggle and the trigger. */
export const formatField: INodeProperties = {
	displayName: 'Format',
	name: 'format',
	type: 'options',
	default: 'mp3',
	description: 'The audio format SignalWire serves the recording in',
	options: [
		{ name: 'MP3', value: 'mp3', description: 'Compressed, a fraction of the WAV size' },
		{ name: 'WAV', value: 'wav', description: 'Uncompressed, about 1 MB per minute of audio' },
	],
};

export const binaryPropertyField: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the output binary field to put the file in',
};

export const maxSizeOption: INodeProperties = {
	displayName: 'Max Size (MB)',
	name: 'maxSizeMb',
	type: 'number',
	default: DEFAULT_MAX_DOWNLOAD_MB,
	typeOptions: { minValue: 1 },
	description: 'Larger recordings are refused and nothing is stored; a one-hour WAV is about 60 MB',
};

export const maxDownloadTimeOption: INodeProperties = {
	displayName: 'Max Download Time (Seconds)',
	name: 'maxDownloadSeconds',
	type: 'number',
	default: DEFAULT_MAX_DOWNLOAD_SECONDS,
	typeOptions: { minValue: 1 },
	description:
		'A download still running after this long is given up and nothing is stored, however steadily the audio arrives; the default lets 500 MB through at about 1.1 Mbit/s. Request Options → Timeout bounds each pause.',
};

/** A positive number from a download field, or the default when the field is empty. */
export function positiveNumber(value: unknown, fallback: number): number | undefined {
	const number = Number(value ?? fallback);
	return Number.isFinite(number) && number > 0 ? number : undefined;
}

export const fileNameOption: INodeProperties = {
	displayName: 'File Name',
	name: 'fileName',
	type: 'string',
	default: '',
	placeholder: 'standup.mp3',
	description:
		'Name of the output file; the format\'s extension is added when it has none. Default: conference name, date and recording ID, e.g. "Support-bridge-2026-11-27-b3877c40-….mp3".',
};
