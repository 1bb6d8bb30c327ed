/**
 * Just enough of an XML reader for the sandbox to act out cXML: elements, attributes and text,
 * entity and character references decoded. Anything malformed is refused, as SignalWire would.
 */
export interface CxmlElement {
	name: string;
	attributes: Record<string, string>;
	children: CxmlElement[];
	text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXmlText(text: string): string {
	return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, reference: string) => {
		if (reference.startsWith('#x')) return String.fromCodePoint(parseInt(reference.slice(2), 16));
		if (reference.startsWith('#')) return String.fromCodePoint(parseInt(reference.slice(1), 10));
		const decoded = ENTITIES[reference];
		if (decoded === undefined) throw new Error(`unknown entity ${whole}`);
		return decoded;
	});
}

const TAG = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export function parseCxml(source: string): CxmlElement {
	const document = source.replace(/^\uFEFF?\s*(<\?xml[^?]*\?>)?\s*/, '');
	const root: CxmlElement = { name: '#document', attributes: {}, children: [], text: '' };
	const stack: CxmlElement[] = [root];
	let position = 0;
	while (position < document.length) {
		const next = document.indexOf('<', position);
		const textEnd = next === -1 ? document.length : next;
		if (textEnd > position) {
			const raw = document.slice(position, textEnd);
			if (raw.includes('>')) throw new Error('stray ">" in text');
			stack[stack.length - 1].text += decodeXmlText(raw);
			position = textEnd;
			continue;
		}
		TAG.lastIndex = position;
		const match = TAG.exec(document);
		if (!match) throw new Error(`malformed tag at ${position}`);
		position = TAG.lastIndex;
		const [, closing, name, attributeText, selfClosing] = match;
		if (closing) {
			const open = stack.pop();
			if (open === undefined || open.name !== name) throw new Error(`unexpected </${name}>`);
			continue;
		}
		const attributes: Record<string, string> = {};
		for (const attribute of attributeText.matchAll(ATTRIBUTE)) {
			attributes[attribute[1]] = decodeXmlText(attribute[2] ?? attribute[3] ?? '');
		}
		const element: CxmlElement = { name, attributes, children: [], text: '' };
		stack[stack.length - 1].children.push(element);
		if (!selfClosing) stack.push(element);
	}
	if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].name}> is not closed`);
	const [response] = root.children;
	if (root.children.length !== 1 || response.name !== 'Response' || root.text.trim() !== '') {
		throw new Error('the document is not one <Response> element');
	}
	return response;
}

/**
 * cXML Scripts are Mustache templates: SignalWire fills in request parameters when it serves one.
 * `{{Name}}` is HTML-escaped, `{{{Name}}}` and `{{& Name}}` are not; other tags render nothing.
 */
export function renderMustache(template: string, parameters: Record<string, string>): string {
	const escape = (value: string) =>
		value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
	return template.replace(
		/\{\{(\{)?\s*([&#^/!>]?)\s*([^}]*?)\s*\}?\}\}/g,
		(_whole, triple: string | undefined, sigil: string, name: string) => {
			if (sigil !== '' && sigil !== '&') return '';
			const value = parameters[name] ?? '';
			return triple || sigil === '&' ? value : escape(value);
		},
	);
}
