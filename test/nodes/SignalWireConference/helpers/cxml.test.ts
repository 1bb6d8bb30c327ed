import {
	characterNotInXml,
	dialConferenceDocument,
	escapeXml,
	playDocument,
	sayDocument,
} from '../../../../nodes/SignalWireConference/helpers/cxml';
import { parseCxml, renderMustache } from '../../../server/cxmlReader';

describe('cXML writing', () => {
	it('escapes the five XML specials and Mustache braces', () => {
		expect(escapeXml(`<a href="x">Tom & Jerry's {{From}}</a>`)).toBe(
			'&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s &#123;&#123;From&#125;&#125;&lt;/a&gt;',
		);
	});

	it.each([
		['markup', '</Say><Redirect>https://evil.example</Redirect><Say>'],
		['quotes and ampersands', `"double" 'single' & &amp; &#60;`],
		['emoji', '🚀🔥 deploy 👩🏽‍💻'],
		['non-Latin text', '日本語のお知らせ Привет مرحبا שלום ελληνικά'],
		['template tags', '{{From}} {{{Body}}} {{& To}} {{#x}}y{{/x}}'],
	])(
		'%s survive a round trip through a Mustache render and an XML reader unchanged',
		(_case, text) => {
			const document = renderMustache(sayDocument(text, { voice: 'woman', loop: 2 }), {
				From: '+15550000000',
				Body: '<Hangup/>',
				To: 'x',
			});
			const response = parseCxml(document);
			expect(response.children).toHaveLength(1);
			expect(response.children[0]).toMatchObject({
				name: 'Say',
				attributes: { voice: 'woman', loop: '2' },
				text,
			});
		},
	);

	it('writes <Play> and <Dial><Conference> with only the attributes given', () => {
		expect(playDocument('https://example.com/a.mp3')).toBe(
			'<?xml version="1.0" encoding="UTF-8"?><Response><Play>https://example.com/a.mp3</Play></Response>',
		);
		expect(dialConferenceDocument('Room & "1"', { muted: false, beep: 'onExit' })).toBe(
			'<?xml version="1.0" encoding="UTF-8"?><Response><Dial><Conference beep="onExit" muted="false">Room &amp; &quot;1&quot;</Conference></Dial></Response>',
		);
	});

	it('finds the characters no XML document can hold', () => {
		expect(characterNotInXml('tab\tnew\nline\r ok 🚀')).toBeUndefined();
		expect(characterNotInXml('nul\u0000')).toBe('\u0000');
		expect(characterNotInXml('lone \ud800 surrogate')).toBe('\ud800');
		expect(characterNotInXml('\uffff')).toBe('\uffff');
	});
});
