/**
 * The cXML the node hands to SignalWire: fixed Mustache templates. SignalWire renders a cXML Script
 * with the parameters of the request that fetches it, the script URL's query string included, and
 * Mustache's `{{name}}` escapes &, <, > and ". So a typed text travels as a value and is spoken,
 * never executed, and one script serves every text. The names start with `n8n_`, which SignalWire's
 * own parameters (From, CallSid …) never do.
 */
export interface Template {
	/** The script's Contents: markup and `{{n8n_…}}` tags only, nothing typed. */
	contents: string;
	/** What fills the tags: the query string of the script URL. */
	parameters: Record<string, string>;
}

/**
 * The first character of `text` that no XML 1.0 document can hold, not even escaped: control
 * characters other than tab and line breaks, lone surrogates, U+FFFE, U+FFFF (XML's `Char`).
 */
export function characterNotInXml(text: string): string | undefined {
	return /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.exec(text)?.[0];
}

type Values = Array<[name: string, value: string | number | boolean | undefined]>;

/**
 * `<?xml …?><Response>{open}<verb a="{{n8n_a}}" …>{{n8n_content}}</verb>{close}</Response>`. Only
 * the attributes that have a value are written, so a template exists per combination of options
 * used, and SignalWire's defaults apply to the rest.
 */
function template(
	verb: string,
	attributes: Values,
	content: [string, string],
	wrap = '',
): Template {
	const parameters: Record<string, string> = {};
	let written = '';
	for (const [attribute, value] of attributes) {
		if (value === undefined) continue;
		parameters[`n8n_${attribute}`] = String(value);
		written += ` ${attribute}="{{n8n_${attribute}}}"`;
	}
	parameters[`n8n_${content[0]}`] = content[1];
	const element = `<${verb}${written}>{{n8n_${content[0]}}}</${verb}>`;
	const body = wrap === '' ? element : `<${wrap}>${element}</${wrap}>`;
	return {
		contents: `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`,
		parameters,
	};
}

/** `<Say>`: the text is spoken by SignalWire's text-to-speech. */
export function sayTemplate(
	text: string,
	{ voice, language, loop }: { voice?: string; language?: string; loop?: number } = {},
): Template {
	const attributes: Values = [
		['voice', voice],
		['language', language],
		['loop', loop],
	];
	return template('Say', attributes, ['text', text]);
}

/** `<Play>`: SignalWire fetches the audio file and plays it. */
export function playTemplate(audioUrl: string, loop?: number): Template {
	return template('Play', [['loop', loop]], ['audio_url', audioUrl]);
}

/**
 * `<Dial><Conference>NAME</Conference></Dial>`: the answered call joins the conference NAME. The
 * `<Conference>` attributes SignalWire's cXML documents that this node offers, as text.
 */
export function dialConferenceTemplate(
	conferenceName: string,
	attributes: Partial<
		Record<'beep' | 'coach' | 'endConferenceOnExit' | 'muted' | 'startConferenceOnEnter', string>
	> = {},
): Template {
	const values: Values = [
		['beep', attributes.beep],
		['coach', attributes.coach],
		['endConferenceOnExit', attributes.endConferenceOnExit],
		['muted', attributes.muted],
		['startConferenceOnEnter', attributes.startConferenceOnEnter],
	];
	return template('Conference', values, ['conference', conferenceName], 'Dial');
}
