/**
 * The cXML documents the node writes itself. Every value a user typed goes through `escapeXml`, so
 * that a text such as `</Say><Redirect>…` is spoken, never executed.
 */

function allowedInXml(codePoint: number): boolean {
	if (codePoint === 0x9 || codePoint === 0xa || codePoint === 0xd) return true;
	if (codePoint < 0x20) return false;
	if (codePoint >= 0xd800 && codePoint <= 0xdfff) return false;
	return codePoint !== 0xfffe && codePoint !== 0xffff;
}

/**
 * The first character of `text` that no XML 1.0 document can hold, not even as a character
 * reference: control characters other than tab and line breaks, lone surrogates, U+FFFE, U+FFFF.
 */
export function characterNotInXml(text: string): string | undefined {
	for (const character of text) {
		if (!allowedInXml(character.codePointAt(0)!)) return character;
	}
	return undefined;
}

const REPLACEMENTS: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&apos;',
	// cXML Scripts are Mustache templates (SignalWire fills in `{{From}}` and the like when it serves
	// one), so braces are written as character references: no typed text can become a template tag.
	'{': '&#123;',
	'}': '&#125;',
};

/** Text safe as element content and as a double-quoted attribute value. */
export function escapeXml(text: string): string {
	return text.replace(/[&<>"'{}]/g, (character) => REPLACEMENTS[character]);
}

export type Attributes = Array<[name: string, value: string | number | boolean | undefined]>;

function element(name: string, attributes: Attributes, content: string): string {
	const written = attributes
		.filter(([, value]) => value !== undefined)
		.map(([attribute, value]) => ` ${attribute}="${escapeXml(String(value))}"`)
		.join('');
	return `<${name}${written}>${escapeXml(content)}</${name}>`;
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

function response(body: string): string {
	return `${DECLARATION}<Response>${body}</Response>`;
}

export interface SayOptions {
	voice?: string;
	language?: string;
	loop?: number;
}

/** `<Say>`: the text is spoken by SignalWire's text-to-speech. */
export function sayDocument(text: string, options: SayOptions = {}): string {
	return response(
		element(
			'Say',
			[
				['voice', options.voice],
				['language', options.language],
				['loop', options.loop],
			],
			text,
		),
	);
}

/** `<Play>`: SignalWire fetches the audio file and plays it. */
export function playDocument(audioUrl: string, loop?: number): string {
	return response(element('Play', [['loop', loop]], audioUrl));
}

/** The `<Conference>` attributes SignalWire's cXML documents that this node offers. */
export interface ConferenceAttributes {
	beep?: 'true' | 'false' | 'onEnter' | 'onExit';
	coach?: string;
	endConferenceOnExit?: boolean;
	muted?: boolean;
	startConferenceOnEnter?: boolean;
}

/** `<Dial><Conference>NAME</Conference></Dial>`: the answered call joins the conference named NAME. */
export function dialConferenceDocument(
	conferenceName: string,
	attributes: ConferenceAttributes = {},
): string {
	return response(
		`<Dial>${element(
			'Conference',
			[
				['beep', attributes.beep],
				['coach', attributes.coach],
				['endConferenceOnExit', attributes.endConferenceOnExit],
				['muted', attributes.muted],
				['startConferenceOnEnter', attributes.startConferenceOnEnter],
			],
			conferenceName,
		)}</Dial>`,
	);
}
