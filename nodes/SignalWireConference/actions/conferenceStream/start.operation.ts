import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { buildForm, formFields } from '../../helpers/formFields';
import { getSidFromLocator, inputError } from '../../helpers/validation';
import { apiRequest, conferenceStreamsPath } from '../../transport';
import { CONFERENCE_FIELD, conferenceLocator, STREAM_NAME_PATTERN } from '../common/locators';
import { httpMethodField } from '../common/httpMethod';
import { jsonItems } from '../../helpers/jsonItems';
import { conferenceTarget } from '../sharedRequests';
import type { Execute } from '../defineResource';

const MAX_CUSTOM_PARAMETERS = 99;
const CODECS = ['PCMU', 'PCMA', 'L16', 'L16@16000h', 'L16@24000h'];

export const option = {
	name: 'Start',
	value: 'start',
	description: "Stream a conference's audio to a WebSocket server, e.g. for live transcription",
	action: 'Start a conference audio stream, e.g. for live transcription',
};

export const properties: INodeProperties[] = [
	conferenceLocator,
	{
		displayName: 'WebSocket URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'wss://example.com/audiostream',
		description: 'The wss:// address SignalWire opens a WebSocket to and streams the audio into',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Authorization Bearer Token',
				name: 'authorizationBearerToken',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'Token SignalWire sends to the WebSocket server as "Authorization: Bearer …"; never shown in the output',
			},
			{
				displayName: 'Codec',
				name: 'streamCodec',
				type: 'options',
				default: 'PCMU',
				description: 'Audio codec of the stream',
				options: CODECS.map((codec) => ({ name: codec, value: codec })),
			},
			{
				displayName: 'Custom Parameters',
				name: 'customParameters',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Parameter',
				description: `Name/value pairs passed to the WebSocket server (up to ${MAX_CUSTOM_PARAMETERS})`,
				options: [
					{
						displayName: 'Parameter',
						name: 'parameter',
						values: [
							{ displayName: 'Name', name: 'name', type: 'string', default: '' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'transcriber',
				description:
					'Unique name of the stream in this conference; a stream can be stopped by its name',
			},
			{
				displayName: 'Real Time',
				name: 'streamRealTime',
				type: 'boolean',
				default: true,
				description: 'Whether to stream in real time',
			},
			{
				displayName: 'Status Callback',
				name: 'statusCallback',
				type: 'string',
				default: '',
				placeholder: 'https://example.com/stream-status',
				description: 'URL SignalWire calls when the stream starts and stops',
			},
			httpMethodField(
				'statusCallbackMethod',
				'Status Callback Method',
				'POST',
				'How SignalWire calls the Status Callback',
			),
			{
				displayName: 'Track',
				name: 'track',
				type: 'options',
				default: 'both_tracks',
				description: 'Which audio to stream',
				options: [
					{ name: 'Both Tracks', value: 'both_tracks' },
					{ name: 'Inbound Track', value: 'inbound_track' },
					{ name: 'Outbound Track', value: 'outbound_track' },
				],
			},
		],
	},
];

/** In the order of SignalWire's spec, which is the order they are sent in. */
const OPTION_FIELDS = formFields(properties, {
	name: {
		check: {
			pattern: STREAM_NAME_PATTERN,
			refusal: 'may only use letters, digits, "_" and "-" (up to 64)',
		},
		hint: 'The name goes into the URL when the stream is stopped by name.',
	},
	// Refusals list the tracks in SignalWire's order, not the editor's.
	track: { check: { oneOf: ['inbound_track', 'outbound_track', 'both_tracks'] } },
	statusCallbackMethod: { methodOf: 'statusCallback' },
	statusCallback: { check: 'httpUrl' },
	streamCodec: {},
	streamRealTime: {},
});
const BEARER_TOKEN = formFields(properties, { authorizationBearerToken: {} });

function readWebSocketUrl(context: IExecuteFunctions, itemIndex: number): string {
	const url = String(context.getNodeParameter('url', itemIndex, '')).trim();
	const parsed = URL.canParse(url) ? new URL(url) : undefined;
	if (parsed?.protocol !== 'wss:' || parsed.username !== '' || parsed.password !== '') {
		throw inputError(
			context,
			itemIndex,
			`WebSocket URL "${url.slice(0, 200)}" is not a wss:// URL`,
			'SignalWire streams only to secure WebSockets: use an address like wss://example.com/audiostream.',
		);
	}
	return url;
}

function readCustomParameters(
	context: IExecuteFunctions,
	options: IDataObject,
	itemIndex: number,
): Record<string, string> {
	const pairs = ((options.customParameters as IDataObject | undefined)?.parameter ??
		[]) as IDataObject[];
	if (pairs.length > MAX_CUSTOM_PARAMETERS) {
		throw inputError(
			context,
			itemIndex,
			`Custom Parameters has ${pairs.length} entries; SignalWire accepts up to ${MAX_CUSTOM_PARAMETERS}`,
		);
	}
	const form: Record<string, string> = {};
	pairs.forEach((pair, index) => {
		const name = String(pair.name ?? '').trim();
		if (name === '') {
			throw inputError(context, itemIndex, `Custom parameter ${index + 1} has no name`);
		}
		form[`Parameter${index + 1}.Name`] = name;
		form[`Parameter${index + 1}.Value`] = String(pair.value ?? '');
	});
	return form;
}

export const execute: Execute = async function (itemIndex) {
	const conferenceSid = getSidFromLocator(this, CONFERENCE_FIELD, itemIndex);
	const url = readWebSocketUrl(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const form: Record<string, string> = {
		Url: url,
		...buildForm(this, options, OPTION_FIELDS, itemIndex),
	};
	Object.assign(form, readCustomParameters(this, options, itemIndex));
	// The token is sent but never quoted back: error messages list only the other fields.
	const sentValues = { ...form };
	const bearer = buildForm(this, options, BEARER_TOKEN, itemIndex);
	const target = conferenceTarget(conferenceSid, conferenceStreamsPath);
	const stream = await apiRequest(this, target, itemIndex, {
		method: 'POST',
		form: { ...form, ...bearer },
		sentValues,
		// The bearer token is the one password field: quoted nowhere, even when a server echoes it.
		secrets: Object.values(bearer),
	});
	return jsonItems(stream);
};
