import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { characterNotInXml, playDocument, sayDocument } from '../../helpers/cxml';
import { buildForm } from '../../helpers/formFields';
import { assertHttpUrl } from '../../helpers/validation';
import { ANNOUNCE_METHOD, ANNOUNCE_URL } from './announceFields';
import type { Cleanup, ScriptUse } from './cxmlScripts';
import { cleanUpAfter, describeScript, obtainScript } from './cxmlScripts';
import { httpMethodField } from './httpMethod';

/** SignalWire's `<Say>` takes up to 4,096 characters; the bound leaves room to spare. */
export const MAX_TEXT_LENGTH = 4000;
export const MAX_LOOP = 10;
const MAX_AUDIO_URL_LENGTH = 2000;

export type Announcement =
	| { type: 'text'; text: string; voice?: string; language?: string; loop?: number }
	| { type: 'audioUrl'; audioUrl: string; loop?: number }
	| { type: 'cxmlUrl'; url: string; method: 'GET' | 'POST' };

/**
 * The announcement fields of Conference → Announce and Participant → Announce. `audience` says who
 * hears it, e.g. "everyone in the conference".
 */
export function announcementFields(audience: string): INodeProperties[] {
	const onlyFor = (type: Announcement['type']) => ({ show: { announcementType: [type] } });
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
			displayName: 'Announce URL',
			name: 'announceUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://example.com/announcement.xml',
			description: `The http(s) URL SignalWire fetches: cXML (or audio) played to ${audience}`,
			displayOptions: onlyFor('cxmlUrl'),
		},
		{
			...httpMethodField(
				'announceMethod',
				'Announce Method',
				'POST',
				'How SignalWire requests the Announce URL',
			),
			displayOptions: onlyFor('cxmlUrl'),
		},
		{
			displayName: 'Speech Options',
			name: 'speechOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: onlyFor('text'),
			options: [
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
			],
		},
		{
			displayName: 'Audio Options',
			name: 'audioOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: onlyFor('audioUrl'),
			options: [loopOption('audio is played')],
		},
	];
}

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

const VOICE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/;

function refuse(
	context: IExecuteFunctions,
	itemIndex: number,
	message: string,
	description: string,
) {
	return new NodeOperationError(context.getNode(), message, { itemIndex, description });
}

function readLoop(
	context: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const loop = Number(value);
	if (!Number.isInteger(loop) || loop < 1 || loop > MAX_LOOP) {
		throw refuse(
			context,
			itemIndex,
			`Loop "${String(value).slice(0, 50)}" is not a whole number from 1 to ${MAX_LOOP}`,
			'Set how many times the announcement is repeated, e.g. 2.',
		);
	}
	return loop;
}

function readOptionalText(
	context: IExecuteFunctions,
	value: unknown,
	pattern: RegExp,
	label: string,
	example: string,
	itemIndex: number,
): string | undefined {
	const text = String(value ?? '').trim();
	if (text === '') return undefined;
	if (!pattern.test(text)) {
		throw refuse(context, itemIndex, `${label} "${text.slice(0, 100)}" is not valid`, example);
	}
	return text;
}

function readText(context: IExecuteFunctions, itemIndex: number): string {
	const text = String(context.getNodeParameter('text', itemIndex, '') ?? '').trim();
	if (text === '') {
		throw refuse(context, itemIndex, 'Text is empty', 'Type the words to announce.');
	}
	const length = [...text].length;
	if (length > MAX_TEXT_LENGTH) {
		throw refuse(
			context,
			itemIndex,
			`Text is ${length.toLocaleString('en-US')} characters long: at most ${MAX_TEXT_LENGTH.toLocaleString('en-US')} can be announced`,
			'Shorten the text, or split it into several announcements.',
		);
	}
	const bad = characterNotInXml(text);
	if (bad !== undefined) {
		throw refuse(
			context,
			itemIndex,
			`Text contains a character that cannot be spoken (U+${bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`,
			'Remove control characters (other than tab and line breaks) from the text.',
		);
	}
	return text;
}

/** The announcement of one item, every value checked before any request. */
export function readAnnouncement(context: IExecuteFunctions, itemIndex: number): Announcement {
	const type = context.getNodeParameter('announcementType', itemIndex, 'text') as string;
	if (type === 'text') {
		const options = context.getNodeParameter('speechOptions', itemIndex, {}) as IDataObject;
		const text = readText(context, itemIndex);
		return {
			type,
			text,
			voice: readOptionalText(
				context,
				options.voice,
				VOICE,
				'Voice',
				'Use a voice name such as woman, Polly.Joanna or gcloud.en-US-Standard-A.',
				itemIndex,
			),
			language: readOptionalText(
				context,
				options.language,
				LANGUAGE,
				'Language',
				'Use a language code such as en-US or de-DE.',
				itemIndex,
			),
			loop: readLoop(context, options.loop, itemIndex),
		};
	}
	if (type === 'audioUrl') {
		const options = context.getNodeParameter('audioOptions', itemIndex, {}) as IDataObject;
		const raw = String(context.getNodeParameter('audioUrl', itemIndex, '') ?? '');
		if (raw.trim() === '') {
			throw refuse(
				context,
				itemIndex,
				'Audio URL is empty',
				'Enter the http(s) URL of an MP3 or WAV file.',
			);
		}
		const audioUrl = assertHttpUrl(context, raw, 'Audio URL', itemIndex);
		if (audioUrl.length > MAX_AUDIO_URL_LENGTH || characterNotInXml(audioUrl) !== undefined) {
			throw refuse(
				context,
				itemIndex,
				`Audio URL is longer than ${MAX_AUDIO_URL_LENGTH} characters or contains control characters`,
				'Use a shorter URL for the audio file.',
			);
		}
		return { type, audioUrl, loop: readLoop(context, options.loop, itemIndex) };
	}
	if (type === 'cxmlUrl') {
		// The same fields, and the same checks, as Update's Announce URL and Announce Method.
		const form = buildForm(
			context,
			{
				announceUrl: context.getNodeParameter('announceUrl', itemIndex, ''),
				announceMethod: context.getNodeParameter('announceMethod', itemIndex, 'POST'),
			},
			[ANNOUNCE_URL, ANNOUNCE_METHOD],
			itemIndex,
		);
		if (form.AnnounceUrl === undefined) {
			throw refuse(
				context,
				itemIndex,
				'Announce URL is empty',
				'Enter the http(s) URL of your cXML document.',
			);
		}
		return {
			type,
			url: form.AnnounceUrl,
			method: (form.AnnounceMethod ?? 'POST') as 'GET' | 'POST',
		};
	}
	throw refuse(
		context,
		itemIndex,
		`Announcement "${type.slice(0, 50)}" is not one of: text, audioUrl, cxmlUrl`,
		'Choose Text, Audio URL or cXML URL.',
	);
}

/** The cXML document the node writes for a Text or Audio URL announcement. */
export function announcementDocument(announcement: Announcement): string | undefined {
	if (announcement.type === 'text') return sayDocument(announcement.text, announcement);
	if (announcement.type === 'audioUrl')
		return playDocument(announcement.audioUrl, announcement.loop);
	return undefined;
}

export interface PreparedAnnouncement {
	/** The AnnounceUrl (and AnnounceMethod) form fields. */
	form: Record<string, string>;
	script?: ScriptUse;
}

/** For Text and Audio URL: the cXML Script SignalWire will fetch; for cXML URL: the URL itself. */
export async function prepareAnnouncement(
	context: IExecuteFunctions,
	announcement: Announcement,
	itemIndex: number,
): Promise<PreparedAnnouncement> {
	const document = announcementDocument(announcement);
	if (document === undefined && announcement.type === 'cxmlUrl') {
		return { form: { AnnounceUrl: announcement.url, AnnounceMethod: announcement.method } };
	}
	const script = await obtainScript(context, document!, itemIndex);
	return { form: { AnnounceUrl: script.requestUrl }, script };
}

/** Once the announcement is made: removes retired scripts when this run added one. */
export async function afterScriptUse(
	context: IExecuteFunctions,
	script: ScriptUse | undefined,
	itemIndex: number,
): Promise<Cleanup | undefined> {
	return script === undefined ? undefined : await cleanUpAfter(context, script, itemIndex);
}

/** What the output says about the announcement and its script. */
export function describeAnnouncement(
	announcement: Announcement,
	script: ScriptUse | undefined,
	cleanup: Cleanup | undefined,
): IDataObject {
	const announced: IDataObject = { ...announcement };
	for (const key of Object.keys(announced)) if (announced[key] === undefined) delete announced[key];
	const output: IDataObject = { announced };
	if (script !== undefined) output.script = describeScript(script, cleanup);
	return output;
}
