import {
	characterNotInXml,
	dialConferenceTemplate,
	playTemplate,
	sayTemplate,
} from '../../../../nodes/SignalWireConference/helpers/cxml';
import { parseCxml, renderMustache } from '../../../server/cxmlReader';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

describe('cXML templates', () => {
	it('hold markup and n8n_ tags only; the values travel beside them', () => {
		expect(sayTemplate('</Say><Hangup/>', { voice: 'woman', loop: 2 })).toEqual({
			contents: `${DECLARATION}<Response><Say voice="{{n8n_voice}}" loop="{{n8n_loop}}">{{n8n_text}}</Say></Response>`,
			parameters: { n8n_voice: 'woman', n8n_loop: '2', n8n_text: '</Say><Hangup/>' },
		});
		expect(playTemplate('https://example.com/a.mp3')).toEqual({
			contents: `${DECLARATION}<Response><Play>{{n8n_audio_url}}</Play></Response>`,
			parameters: { n8n_audio_url: 'https://example.com/a.mp3' },
		});
		expect(dialConferenceTemplate('Room & "1"', { muted: 'false', beep: 'onExit' })).toEqual({
			contents: `${DECLARATION}<Response><Dial><Conference beep="{{n8n_beep}}" muted="{{n8n_muted}}">{{n8n_conference}}</Conference></Dial></Response>`,
			parameters: { n8n_beep: 'onExit', n8n_muted: 'false', n8n_conference: 'Room & "1"' },
		});
	});

	it.each([
		['markup', '</Say><Redirect>https://evil.example</Redirect><Say>'],
		['quotes and ampersands', `"double" 'single' & &amp; &#60;`],
		['emoji', '🚀🔥 deploy 👩🏽‍💻'],
		['non-Latin text', '日本語のお知らせ Привет مرحبا שלום ελληνικά'],
		['template tags', '{{From}} {{{Body}}} {{& To}} {{#x}}y{{/x}} {{=<% %>=}}'],
	])(
		'%s survive a Mustache render beside SignalWire’s own parameters and an XML reader unchanged',
		(_case, text) => {
			const { contents, parameters } = sayTemplate(text, { voice: 'woman', loop: 2 });
			const document = renderMustache(contents, {
				From: '+15550000000',
				Body: '<Hangup/>',
				To: 'x',
				...parameters,
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

	it('finds the characters no XML document can hold', () => {
		expect(characterNotInXml('tab\tnew\nline\r ok 🚀')).toBeUndefined();
		expect(characterNotInXml('nul\u0000')).toBe('\u0000');
		expect(characterNotInXml('lone \ud800 surrogate')).toBe('\ud800');
		expect(characterNotInXml('\uffff')).toBe('\uffff');
	});
});
