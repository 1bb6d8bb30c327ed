import { runNode } from '../../../../harness/engine';
import {
	ACCOUNT_PATH,
	AUTHORIZATION,
	expectNoToken,
	useSignalWireServer,
} from '../../../../harness/fixtures';
import {
	describeRequests,
	expectedScriptName,
	resetTelephony,
	runWithErrorOutput,
	SAY_TEMPLATE,
	templateQuery,
	XML_DECLARATION,
} from '../common/announceHarness';

const space = useSignalWireServer();

beforeEach(() => resetTelephony(space.server));

function announceParameters(conferenceId: unknown, announcement: Record<string, unknown>) {
	return {
		resource: 'conference',
		operation: 'announce',
		conferenceId:
			typeof conferenceId === 'string'
				? { __rl: true, mode: 'id', value: conferenceId }
				: conferenceId,
		...announcement,
	};
}

const DEPLOY = 'Deploy 4.2 starts in five minutes';

describe('Conference → Announce', () => {
	it('writes the Say template once as a cXML Script and announces its URL with the text as a value', async () => {
		const allHands = space.server.store.addConference({ friendlyName: 'All hands' });

		const { items, error } = await runNode({
			parameters: announceParameters(allHands.sid, { announcementType: 'text', text: DEPLOY }),
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		const name = expectedScriptName(SAY_TEMPLATE);
		const [script] = [...space.server.store.scripts.values()];
		const requestUrl = `${space.server.origin}/laml-bins/${script.sid}`;
		const announceUrl = `${requestUrl}?n8n_text=Deploy%204.2%20starts%20in%20five%20minutes`;
		expect(describeRequests(space.server)).toEqual([
			`GET /Conferences/${allHands.sid}`,
			`GET /LamlBins?Name=${name}&PageSize=50`,
			'POST /LamlBins',
			`POST /Conferences/${allHands.sid}`,
		]);
		const [, , create, announce] = space.server.requests;
		expect(create.contentType).toBe('application/x-www-form-urlencoded');
		expect(create.form).toEqual([
			['Name', name],
			['Contents', SAY_TEMPLATE],
		]);
		expect(announce.form).toEqual([['AnnounceUrl', announceUrl]]);
		expect(space.server.requests.every((request) => request.authorization === AUTHORIZATION)).toBe(
			true,
		);
		expect(items).toEqual([
			{
				json: {
					announced: { type: 'text', text: DEPLOY },
					script: { sid: script.sid, name, requestUrl, reused: false },
					conference: { sid: allHands.sid, friendly_name: 'All hands', status: 'in-progress' },
				},
				pairedItem: { item: 0 },
			},
		]);
		// The sandbox fetched the script, rendered it with the URL's values and says what was spoken.
		expect(space.server.store.said).toEqual([
			expect.objectContaining({
				conferenceSid: allHands.sid,
				conference: 'All hands',
				participant: null,
				announceUrl,
				verb: 'Say',
				text: DEPLOY,
			}),
		]);
		expect(script.numRequests).toBe(1);
	});

	it('uses the existing template, however old, for another text: one lookup, no write', async () => {
		const allHands = space.server.store.addConference({ friendlyName: 'All hands' });
		space.server.store.now = () => new Date(Date.now() - 365 * 24 * 60 * 60_000);
		await runNode({
			parameters: announceParameters(allHands.sid, { announcementType: 'text', text: DEPLOY }),
			credentials: space.credentials,
		});
		space.server.store.now = () => new Date();
		space.server.reset();

		const { items } = await runNode({
			parameters: announceParameters(allHands.sid, { announcementType: 'text', text: 'Done' }),
			credentials: space.credentials,
		});

		const [script] = [...space.server.store.scripts.values()];
		expect(space.server.store.scripts.size).toBe(1);
		expect(describeRequests(space.server)).toEqual([
			`GET /Conferences/${allHands.sid}`,
			`GET /LamlBins?Name=${expectedScriptName(SAY_TEMPLATE)}&PageSize=50`,
			`POST /Conferences/${allHands.sid}`,
		]);
		expect(space.server.requests[2].form).toEqual([
			['AnnounceUrl', `${space.server.origin}/laml-bins/${script.sid}?n8n_text=Done`],
		]);
		expect(items[0].json.script).toEqual({
			sid: script.sid,
			name: script.name,
			requestUrl: `${space.server.origin}/laml-bins/${script.sid}`,
			reused: true,
		});
		expect(space.server.store.said.map((said) => said.text)).toEqual(['Done']);
	});

	it('uses and touches no script it did not write with that exact name and contents', async () => {
		const allHands = space.server.store.addConference({ friendlyName: 'All hands' });
		const store = space.server.store;
		const longAgo = new Date(Date.now() - 90 * 24 * 60 * 60_000);
		const add = (name: string, contents: string) => {
			const sid = `5184b831-184f-4209-872d-${String(store.scripts.size).padStart(12, '0')}`;
			store.scripts.set(sid, {
				sid,
				name,
				contents,
				createdAt: longAgo,
				updatedAt: longAgo,
				lastAccessedAt: longAgo,
				numRequests: 1,
			});
			return sid;
		};
		const hello = `${XML_DECLARATION}<Response><Say>Hello</Say></Response>`;
		const before = [
			// A planted document under the template's name is neither used nor removed.
			add(
				expectedScriptName(SAY_TEMPLATE),
				`${XML_DECLARATION}<Response><Dial>+19005550100</Dial></Response>`,
			),
			add('n8n-conference-cxml-notes', hello),
			add(expectedScriptName(hello, 'cxml'), hello),
			add('Main IVR', '<Response/>'),
		];

		const { items, error } = await runNode({
			parameters: announceParameters(allHands.sid, { announcementType: 'text', text: 'Hello' }),
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		expect(items[0].json.script).toMatchObject({ reused: false });
		expect(describeRequests(space.server)).toEqual([
			`GET /Conferences/${allHands.sid}`,
			`GET /LamlBins?Name=${expectedScriptName(SAY_TEMPLATE)}&PageSize=50`,
			'POST /LamlBins',
			`POST /Conferences/${allHands.sid}`,
		]);
		expect([...store.scripts.keys()].slice(0, 4)).toEqual(before);
		expect([...store.scripts.values()].map((script) => script.contents).slice(0, 4)).toEqual([
			`${XML_DECLARATION}<Response><Dial>+19005550100</Dial></Response>`,
			hello,
			hello,
			'<Response/>',
		]);
		expect(store.said.map((said) => [said.verb, said.text])).toEqual([['Say', 'Hello']]);
	});

	it('ten items with ten texts in parallel write one script', async () => {
		const allHands = space.server.store.addConference({ friendlyName: 'All hands' });
		const texts = Array.from({ length: 10 }, (_, index) => `Hello ${index}`);

		const { items, error } = await runNode({
			parameters: {
				...announceParameters(allHands.sid, {
					announcementType: 'text',
					text: '={{ $json.text }}',
				}),
				requestOptions: { parallelRequests: 10 },
			},
			items: texts.map((text) => ({ text })),
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		expect(space.server.store.scripts.size).toBe(1);
		expect(items.map((item) => (item.json.script as { reused: boolean }).reused)).toEqual([
			false,
			...Array.from({ length: 9 }, () => true),
		]);
		expect(space.server.store.said.map((said) => said.text).sort()).toEqual(texts);
	});

	it('speaks quotes, ampersands, markup, template braces, emoji and non-Latin text exactly as typed', async () => {
		const allHands = space.server.store.addConference({ friendlyName: 'All hands' });
		const text =
			`</Say><Redirect>https://evil.example/x</Redirect><Say>"Tom" & 'Jerry' <b>` +
			'{{AccountSid}} {{{From}}} {{=<% %>=}} 🚀 日本語 Привет مرحبا';

		await runNode({
			parameters: announceParameters(allHands.sid, {
				announcementType: 'text',
				text,
				speechOptions: { voice: 'Polly.Joanna-Neural', language: 'ja-JP', loop: 2 },
			}),
			credentials: space.credentials,
		});

		const [, , create, announce] = space.server.requests;
		expect(create.form).toEqual([
			[
				'Name',
				expectedScriptName(
					`${XML_DECLARATION}<Response><Say voice="{{n8n_voice}}" language="{{n8n_language}}" loop="{{n8n_loop}}">{{n8n_text}}</Say></Response>`,
				),
			],
			[
				'Contents',
				`${XML_DECLARATION}<Response><Say voice="{{n8n_voice}}" language="{{n8n_language}}" loop="{{n8n_loop}}">{{n8n_text}}</Say></Response>`,
			],
		]);
		const [script] = [...space.server.store.scripts.values()];
		const values = {
			n8n_voice: 'Polly.Joanna-Neural',
			n8n_language: 'ja-JP',
			n8n_loop: '2',
			n8n_text: text,
		};
		expect(announce.form).toEqual([
			['AnnounceUrl', `${space.server.origin}/laml-bins/${script.sid}?${templateQuery(values)}`],
		]);
		expect(space.server.store.said).toEqual([
			expect.objectContaining({
				verb: 'Say',
				text,
				voice: 'Polly.Joanna-Neural',
				language: 'ja-JP',
				loop: '2',
			}),
		]);
	});

	it('plays an audio URL with the <Play> template and its loop', async () => {
		const allHands = space.server.store.addConference({ friendlyName: 'All hands' });
		const audioUrl = 'https://example.com/chime.mp3?a=1&b="2"';

		const { items } = await runNode({
			parameters: announceParameters(allHands.sid, {
				announcementType: 'audioUrl',
				audioUrl,
				audioOptions: { loop: 3 },
			}),
			credentials: space.credentials,
		});

		const [, , create, announce] = space.server.requests;
		expect(new URLSearchParams(create.body).get('Contents')).toBe(
			`${XML_DECLARATION}<Response><Play loop="{{n8n_loop}}">{{n8n_audio_url}}</Play></Response>`,
		);
		expect(announce.form[0][1]).toMatch(
			/\/laml-bins\/[0-9a-f-]{36}\?n8n_loop=3&n8n_audio_url=https%3A%2F%2Fexample.com%2Fchime.mp3%3Fa%3D1%26b%3D%222%22$/,
		);
		expect(items[0].json.announced).toEqual({ type: 'audioUrl', audioUrl, loop: 3 });
		expect(space.server.store.said).toEqual([
			expect.objectContaining({ verb: 'Play', url: audioUrl, loop: '3' }),
		]);
	});

	it('sends a cXML URL as it is, with its method, and writes no script', async () => {
		const allHands = space.server.store.addConference({ friendlyName: 'All hands' });

		const { items } = await runNode({
			parameters: announceParameters(allHands.sid, {
				announcementType: 'cxmlUrl',
				announceUrl: 'https://example.com/announcement.xml',
				announceMethod: 'GET',
			}),
			credentials: space.credentials,
		});

		expect(describeRequests(space.server)).toEqual([
			`GET /Conferences/${allHands.sid}`,
			`POST /Conferences/${allHands.sid}`,
		]);
		expect(space.server.requests[1].body).toBe(
			'AnnounceUrl=https%3A%2F%2Fexample.com%2Fannouncement.xml&AnnounceMethod=GET',
		);
		expect(items[0].json).toEqual({
			announced: { type: 'cxmlUrl', url: 'https://example.com/announcement.xml', method: 'GET' },
			conference: { sid: allHands.sid, friendly_name: 'All hands', status: 'in-progress' },
		});
		expect(space.server.store.scripts.size).toBe(0);
	});

	it('finds the running conference By Name', async () => {
		space.server.store.addConference({ friendlyName: 'All hands', status: 'completed' });
		const running = space.server.store.addConference({ friendlyName: 'All hands' });

		const { items } = await runNode({
			parameters: announceParameters(
				{ __rl: true, mode: 'name', value: 'All hands' },
				{ announcementType: 'text', text: 'We are starting' },
			),
			credentials: space.credentials,
		});

		expect(describeRequests(space.server)[0]).toBe(
			'GET /Conferences?FriendlyName=All+hands&Status=in-progress&PageSize=2',
		);
		expect(space.server.requests[3].path).toBe(`${ACCOUNT_PATH}/Conferences/${running.sid}`);
		expect(items[0].json.conference).toEqual({
			sid: running.sid,
			friendly_name: 'All hands',
			status: 'in-progress',
		});
	});

	it.each([
		[
			'completed',
			'Conference "Over" is not in progress (status: completed): nothing was announced',
		],
		['init', 'Conference "Over" is not in progress (status: init): nothing was announced'],
	] as const)(
		'refuses a %s conference after looking at it, writing nothing',
		async (status, message) => {
			const conference = space.server.store.addConference({ friendlyName: 'Over', status });

			const { error } = await runNode({
				parameters: announceParameters(conference.sid, { announcementType: 'text', text: 'Late' }),
				credentials: space.credentials,
			});

			expect(error?.name).toBe('NodeOperationError');
			expect(error?.message).toBe(message);
			expect(describeRequests(space.server)).toEqual([`GET /Conferences/${conference.sid}`]);
			expect(space.server.store.scripts.size).toBe(0);
		},
	);

	it.each([
		[
			'nobody of that name',
			'Nobody here',
			'No conference named "Nobody here" is in progress: nothing was announced',
		],
		[
			'two of that name',
			'Support bridge',
			'Several conferences named "Support bridge" are in progress',
		],
	])('By Name refuses %s', async (_case, name, message) => {
		space.server.store.addConference({ friendlyName: 'Support bridge' });
		space.server.store.addConference({ friendlyName: 'Support bridge' });

		const { error } = await runNode({
			parameters: announceParameters(
				{ __rl: true, mode: 'name', value: name },
				{ announcementType: 'text', text: 'Hi' },
			),
			credentials: space.credentials,
		});

		expect(error?.message).toBe(message);
		expect(space.server.requests.map((request) => request.method)).toEqual(['GET']);
	});

	it.each([
		[{ announcementType: 'text', text: '   ' }, 'Text is empty'],
		[
			{ announcementType: 'text', text: '={{ "x".repeat(4001) }}' },
			'Text is 4,001 characters long: at most 4,000 can be announced',
		],
		[
			{ announcementType: 'text', text: '={{ "é".repeat(1200) }}' },
			"The values are 7,209 characters long once URL-encoded into the cXML Script's URL: at most 7,000 fit",
		],
		[
			{ announcementType: 'text', text: '={{ "bell \\u0007" }}' },
			'Text contains a character that cannot be spoken (U+0007)',
		],
		[
			{ announcementType: 'text', text: 'Hi', speechOptions: { loop: 0 } },
			'Loop "0" is not a whole number from 1 to 10',
		],
		[
			{ announcementType: 'text', text: 'Hi', speechOptions: { voice: 'Polly.Joanna"><Hangup/>' } },
			'Voice "Polly.Joanna"><Hangup/>" is not valid',
		],
		[
			{ announcementType: 'text', text: 'Hi', speechOptions: { language: 'english please' } },
			'Language "english please" is not valid',
		],
		[{ announcementType: 'audioUrl', audioUrl: '={{ "" }}' }, 'Audio URL is empty'],
		[
			{ announcementType: 'audioUrl', audioUrl: 'ftp://example.com/a.mp3' },
			'Audio URL "ftp://example.com/a.mp3" is not a valid http(s) URL',
		],
		[
			{ announcementType: 'cxmlUrl', announceUrl: 'javascript:alert(1)' },
			'Announce URL "javascript:alert(1)" is not a valid http(s) URL',
		],
		[{ announcementType: 'cxmlUrl', announceUrl: '={{ " " }}' }, 'Announce URL is empty'],
		[
			{
				announcementType: 'cxmlUrl',
				announceUrl: 'https://example.com/a.xml',
				announceMethod: '={{ "PUT" }}',
			},
			'Announce Method "PUT" is not GET or POST',
		],
	])('refuses %j before sending anything', async (announcement, message) => {
		const allHands = space.server.store.addConference({ friendlyName: 'All hands' });

		const { error } = await runNode({
			parameters: announceParameters(allHands.sid, announcement),
			credentials: space.credentials,
		});

		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(message);
		expect(error?.context?.itemIndex).toBe(0);
		expect(space.server.requests).toEqual([]);
	});

	it('refuses an empty conference name and a bad conference ID before sending anything', async () => {
		for (const conferenceId of [
			{ __rl: true, mode: 'name', value: '={{ "  " }}' },
			{ __rl: true, mode: 'id', value: '={{ "x/../y" }}' },
		]) {
			const { error } = await runNode({
				parameters: announceParameters(conferenceId, { announcementType: 'text', text: 'Hi' }),
				credentials: space.credentials,
			});
			expect(error?.name).toBe('NodeOperationError');
		}
		expect(space.server.requests).toEqual([]);
	});

	it('announces per item with item links; continue-on-fail (regular output) keeps going', async () => {
		const first = space.server.store.addConference({ friendlyName: 'One' });
		const over = space.server.store.addConference({ friendlyName: 'Over', status: 'completed' });
		const third = space.server.store.addConference({ friendlyName: 'Three' });

		const { items, error, logs } = await runNode({
			parameters: announceParameters('={{ $json.sid }}', {
				announcementType: 'text',
				text: '={{ $json.text }}',
			}),
			items: [
				{ sid: first.sid, text: 'First' },
				{ sid: over.sid, text: 'Too late' },
				{ sid: third.sid, text: '' },
				{ sid: third.sid, text: 'Third' },
			],
			credentials: space.credentials,
			continueOnFail: true,
		});

		expect(error).toBeUndefined();
		expect(
			items.map((item) => [
				item.json.error ?? (item.json.announced as { text: string }).text,
				item.pairedItem,
			]),
		).toEqual([
			['First', { item: 0 }],
			[
				'Conference "Over" is not in progress (status: completed): nothing was announced',
				{ item: 1 },
			],
			['Text is empty', { item: 2 }],
			['Third', { item: 3 }],
		]);
		expect(space.server.store.said.map((said) => [said.conference, said.text])).toEqual([
			['One', 'First'],
			['Three', 'Third'],
		]);
		expectNoToken([items, logs]);
	});

	it('with "Continue (using error output)" sends failed items to the error output', async () => {
		const allHands = space.server.store.addConference({ friendlyName: 'All hands' });

		const { success, errors, error } = await runWithErrorOutput(
			announceParameters('={{ $json.sid }}', {
				announcementType: 'text',
				text: '={{ $json.text }}',
			}),
			[
				{ sid: allHands.sid, text: 'Hello' },
				{ sid: allHands.sid, text: '' },
			],
			space.credentials,
		);

		expect(error).toBeUndefined();
		expect(
			success.map((item) => [(item.json.announced as { text: string }).text, item.pairedItem]),
		).toEqual([['Hello', { item: 0 }]]);
		expect(errors).toEqual([
			{
				json: { error: 'Text is empty', details: { description: 'Type the words to announce.' } },
				pairedItem: { item: 1 },
			},
		]);
	});

	it('without continue-on-fail stops at the first failing item', async () => {
		const over = space.server.store.addConference({ friendlyName: 'Over', status: 'completed' });
		const after = space.server.store.addConference({ friendlyName: 'After' });

		const { error } = await runNode({
			parameters: announceParameters('={{ $json.sid }}', { announcementType: 'text', text: 'Hi' }),
			items: [{ sid: over.sid }, { sid: after.sid }],
			credentials: space.credentials,
		});

		expect(error?.message).toBe(
			'Conference "Over" is not in progress (status: completed): nothing was announced',
		);
		expect(error?.context?.itemIndex).toBe(0);
		expect(space.server.store.said).toEqual([]);
		expect(space.server.requests).toHaveLength(1);
	});
});
