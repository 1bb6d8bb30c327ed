import type { INodeProperties } from 'n8n-workflow';

import { formFields } from '../../helpers/formFields';
import { httpMethodField } from './httpMethod';

/** SignalWire's `<Say>` takes up to 4,096 characters; the bound leaves room to spare. */
export const MAX_TEXT_LENGTH = 4000;
export const MAX_LOOP = 10;

/** The announcement SignalWire fetches, for a whole conference or for one participant. */
export const ANNOUNCE_METHOD_FIELD = httpMethodField(
	'announceMethod',
	'Announce Method',
	'POST',
	'How SignalWire requests the Announce URL',
);

/** Announce URL without its placeholder and description, which say who hears it. */
export const ANNOUNCE_URL_FIELD: INodeProperties = {
	displayName: 'Announce URL',
	name: 'announceUrl',
	type: 'string',
	default: '',
};

/** Announce URL and Announce Method as sent, in the order of SignalWire's spec. */
export const ANNOUNCE_FORM_FIELDS = formFields([ANNOUNCE_URL_FIELD, ANNOUNCE_METHOD_FIELD], {
	announceUrl: { check: 'httpUrl' },
	announceMethod: { methodOf: 'announceUrl' },
});

function loopOption(what: string): INodeProperties {
	return {
		displayName: 'Loop',
		name: 'loop',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_LOOP },
		default: 1,
		description: `How many times the ${what} (1 to ${MAX_LOOP})`,
	};
}

export const speechOptions: INodeProperties[] = [
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: '',
		placeholder: 'en-US',
		description: 'Language and locale of the voice, e.g. en-US, de-DE, fr-CA',
	},
	loopOption('text is spoken'),
	{
		displayName: 'Voice',
		name: 'voice',
		type: 'string',
		default: '',
		placeholder: 'Polly.Joanna',
		description:
			"Text-to-speech voice: man, woman, a Polly voice (Polly.Joanna, Polly.Joanna-Neural) or a Google voice (gcloud.en-US-Standard-A); empty for SignalWire's default",
	},
];

export const audioOptions: INodeProperties[] = [loopOption('audio is played')];

/**
 * The announcement fields of Conference → Announce and Participant → Announce. `audience` says who
 * hears it, e.g. "everyone in the conference".
 */
export function announcementFields(audience: string): INodeProperties[] {
	const onlyFor = (type: 'text' | 'audioUrl' | 'cxmlUrl') => ({
		show: { announcementType: [type] },
	});
	return [
		{
			displayName: 'Announcement',
			name: 'announcementType',
			type: 'options',
			noDataExpression: true,
			default: 'text',
			description: `What is played to ${audience}`,
			options: [
				{
					name: 'Text',
					value: 'text',
					description: 'Typed text, spoken by text-to-speech',
				},
				{
					name: 'Audio URL',
					value: 'audioUrl',
					description: 'An audio file (MP3 or WAV) at a public http(s) URL',
				},
				{
					name: 'cXML URL',
					value: 'cxmlUrl',
					description:
						'A public URL that serves cXML (for example your own &lt;Say&gt; or &lt;Play&gt;)',
				},
			],
		},
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			typeOptions: { rows: 3 },
			required: true,
			default: '',
			placeholder: 'Deploy 4.2 starts in five minutes',
			description: `The words spoken to ${audience}, exactly as typed (up to ${MAX_TEXT_LENGTH.toLocaleString('en-US')} characters)`,
			displayOptions: onlyFor('text'),
		},
		{
			displayName: 'Audio URL',
			name: 'audioUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://example.com/announcements/standup.mp3',
			description: `The http(s) URL of an MP3 or WAV file played to ${audience}`,
			displayOptions: onlyFor('audioUrl'),
		},
		{
			...ANNOUNCE_URL_FIELD,
			required: true,
			placeholder: 'https://example.com/announcement.xml',
			description: `The http(s) URL SignalWire fetches: cXML (or audio) played to ${audience}`,
			displayOptions: onlyFor('cxmlUrl'),
		},
		{ ...ANNOUNCE_METHOD_FIELD, displayOptions: onlyFor('cxmlUrl') },
		{
			displayName: 'Speech Options',
			name: 'speechOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: onlyFor('text'),
			options: speechOptions,
		},
		{
			displayName: 'Audio Options',
			name: 'audioOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: onlyFor('audioUrl'),
			options: audioOptions,
		},
	];
}
