import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Template } from '../../helpers/cxml';
import { characterNotInXml, playTemplate, sayTemplate } from '../../helpers/cxml';
import type { FieldSpec } from '../../helpers/formFields';
import { buildForm, formFields } from '../../helpers/formFields';
import { assertHttpUrl, inputError } from '../../helpers/validation';
import {
	ANNOUNCE_FORM_FIELDS,
	audioOptions,
	MAX_TEXT_LENGTH,
	speechOptions,
} from './announceFields';
import type { ScriptUse } from './cxmlScripts';
import { templateQuery, templateScript } from './cxmlScripts';

const MAX_AUDIO_URL_LENGTH = 2000;

/** One item's announcement, as checked; what the output's `announced` says. */
export type Announcement =
	| { type: 'text'; text: string; voice?: string; language?: string; loop?: number }
	| { type: 'audioUrl'; audioUrl: string; loop?: number }
	| { type: 'cxmlUrl'; url: string; method: 'GET' | 'POST' };

const LOOP: FieldSpec = { hint: 'Set how many times the announcement is repeated, e.g. 2.' };
const SPEECH_OPTIONS = formFields(speechOptions, {
	voice: {
		check: { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, refusal: 'is not valid' },
		hint: 'Use a voice name such as woman, Polly.Joanna or gcloud.en-US-Standard-A.',
	},
	language: {
		check: { pattern: /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/, refusal: 'is not valid' },
		hint: 'Use a language code such as en-US or de-DE.',
	},
	loop: LOOP,
});
const AUDIO_OPTIONS = formFields(audioOptions, { loop: LOOP });

/** Voice, Language and Loop as given, checked; those left blank are absent. */
function readOptions(context: IExecuteFunctions, name: string, itemIndex: number) {
	const options = context.getNodeParameter(name, itemIndex, {}) as IDataObject;
	const fields = name === 'speechOptions' ? SPEECH_OPTIONS : AUDIO_OPTIONS;
	const { Voice, Language, Loop } = buildForm(context, options, fields, itemIndex);
	return { voice: Voice, language: Language, loop: Loop === undefined ? undefined : Number(Loop) };
}

function readText(context: IExecuteFunctions, itemIndex: number): string {
	const text = String(context.getNodeParameter('text', itemIndex, '') ?? '').trim();
	if (text === '') {
		throw inputError(context, itemIndex, 'Text is empty', 'Type the words to announce.');
	}
	const length = [...text].length;
	if (length > MAX_TEXT_LENGTH) {
		throw inputError(
			context,
			itemIndex,
			`Text is ${length.toLocaleString('en-US')} characters long: at most ${MAX_TEXT_LENGTH.toLocaleString('en-US')} can be announced`,
			'Shorten the text, or split it into several announcements.',
		);
	}
	const bad = characterNotInXml(text);
	if (bad !== undefined) {
		throw inputError(
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
	const announcement = readFields(context, itemIndex);
	// The script URL's query must fit too.
	if (announcement.type !== 'cxmlUrl') templateQuery(context, templateOf(announcement), itemIndex);
	return announcement;
}

function readFields(context: IExecuteFunctions, itemIndex: number): Announcement {
	const type = context.getNodeParameter('announcementType', itemIndex, 'text') as string;
	if (type === 'text') {
		const text = readText(context, itemIndex);
		return { type, text, ...readOptions(context, 'speechOptions', itemIndex) };
	}
	if (type === 'audioUrl') {
		const raw = String(context.getNodeParameter('audioUrl', itemIndex, '') ?? '');
		if (raw.trim() === '') {
			throw inputError(
				context,
				itemIndex,
				'Audio URL is empty',
				'Enter the http(s) URL of an MP3 or WAV file.',
			);
		}
		const audioUrl = assertHttpUrl(context, raw, 'Audio URL', itemIndex);
		if (audioUrl.length > MAX_AUDIO_URL_LENGTH || characterNotInXml(audioUrl) !== undefined) {
			throw inputError(
				context,
				itemIndex,
				`Audio URL is longer than ${MAX_AUDIO_URL_LENGTH} characters or contains control characters`,
				'Use a shorter URL for the audio file.',
			);
		}
		return { type, audioUrl, loop: readOptions(context, 'audioOptions', itemIndex).loop };
	}
	if (type === 'cxmlUrl') {
		const values = {
			announceUrl: context.getNodeParameter('announceUrl', itemIndex, ''),
			announceMethod: context.getNodeParameter('announceMethod', itemIndex, 'POST'),
		};
		const url = String(values.announceUrl ?? '');
		if (url.trim() === '') {
			throw inputError(
				context,
				itemIndex,
				'Announce URL is empty',
				'Enter the http(s) URL of your cXML document.',
			);
		}
		// The same fields, and the same checks, as Update's Announce URL and Announce Method.
		const form = buildForm(context, values, ANNOUNCE_FORM_FIELDS, itemIndex);
		return {
			type,
			url: form.AnnounceUrl,
			method: (form.AnnounceMethod ?? 'POST') as 'GET' | 'POST',
		};
	}
	throw inputError(
		context,
		itemIndex,
		`Announcement "${type.slice(0, 50)}" is not one of: text, audioUrl, cxmlUrl`,
		'Choose Text, Audio URL or cXML URL.',
	);
}

/** The cXML template for a Text or Audio URL announcement. */
function templateOf(announcement: Exclude<Announcement, { type: 'cxmlUrl' }>): Template {
	return announcement.type === 'text'
		? sayTemplate(announcement.text, announcement)
		: playTemplate(announcement.audioUrl, announcement.loop);
}

/**
 * The AnnounceUrl (and AnnounceMethod) form fields. For Text and Audio URL: the template's script
 * with this item's values; for cXML URL: the URL.
 */
export async function prepareAnnouncement(
	context: IExecuteFunctions,
	announcement: Announcement,
	itemIndex: number,
): Promise<{ form: Record<string, string>; script?: ScriptUse }> {
	if (announcement.type === 'cxmlUrl') {
		return { form: { AnnounceUrl: announcement.url, AnnounceMethod: announcement.method } };
	}
	const { script, url } = await templateScript(context, templateOf(announcement), itemIndex);
	return { form: { AnnounceUrl: url }, script };
}

/** What the output says about the announcement and its script. */
export function describeAnnouncement(
	announcement: Announcement,
	script: ScriptUse | undefined,
): IDataObject {
	const announced: IDataObject = { ...announcement };
	for (const key of Object.keys(announced)) if (announced[key] === undefined) delete announced[key];
	return script === undefined ? { announced } : { announced, script: { ...script } };
}
