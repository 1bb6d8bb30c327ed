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
const DEPLOY_XML = `${XML_DECLARATION}<Response><Say>${DEPLOY}</Say></Response>`;

describe('Conference → Announce', () => {
	it('writes the text as a cXML Script, announces its URL and says what was announced', async () => {
		const allHands = space.server.store.addConference({ friendlyName: 'All hands' });

		const { items, error } = await runNode({
			parameters: announceParameters(allHands.sid, { announcementType: 'text', text: DEPLOY }),
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		const name = expectedScriptName(DEPLOY_XML);
		const [script] = [...space.server.store.scripts.values()];
		const requestUrl = `${space.server.origin}/laml-bins/${script.sid}`;
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
			['Contents', DEPLOY_XML],
		]);
		expect(announce.form).toEqual([['AnnounceUrl', requestUrl]]);
		expect(space.server.requests.every((request) => request.authorization === AUTHORIZATION)).toBe(
			true,
		);
		expect(items).toEqual([
			{
				json: {
					announced: { type: 'text', text: DEPLOY },
					script: {
						sid: script.sid,
						name,
						requestUrl,
						reused: false,
						retiredScriptsRemoved: 0,
					},
					conference: { sid: allHands.sid, friendly_name: 'All hands', status: 'in-progress' },
				},
				pairedItem: { item: 0 },
			},
		]);
		// The sandbox fetched the script and says what was spoken, where.
		expect(space.server.store.said).toEqual([
			expect.objectContaining({
				conferenceSid: allHands.sid,
				conference: 'All hands',
				participant: null,
				announceUrl: requestUrl,
				verb: 'Say',
				text: DEPLOY,
			}),
		]);
		expect(script.numRequests).toBe(1);
	});

	it('reuses a fresh script with the same document instead of writing another', async () => {
		const allHands = space.server.store.addConference({ friendlyName: 'All hands' });
		const parameters = announceParameters(allHands.sid, { announcementType: 'text', text: DEPLOY });
		await runNode({ parameters, credentials: space.credentials });
		space.server.reset();

		const { items } = await runNode({ parameters, credentials: space.credentials });

		const [script] = [...space.server.store.scripts.values()];
		expect(space.server.store.scripts.size).toBe(1);
		expect(describeRequests(space.server)).toEqual([
			`GET /Conferences/${allHands.sid}`,
			`GET /LamlBins?Name=${expectedScriptName(DEPLOY_XML)}&PageSize=50`,
			`POST /Conferences/${allHands.sid}`,
		]);
		expect(space.server.requests[2].form).toEqual([
			['AnnounceUrl', `${space.server.origin}/laml-bins/${script.sid}`],
		]);
		expect(items[0].json.script).toEqual({
			sid: script.sid,
			name: script.name,
			requestUrl: `${space.server.origin}/laml-bins/${script.sid}`,
			reused: true,
		});
		expect(script.numRequests).toBe(2);
		expect(space.server.store.said.map((said) => said.text)).toEqual([DEPLOY]);
	});

	it('writes a new script when the one with the same document has been idle for 10 minutes', async () => {
		const allHands = space.server.store.addConference({ friendlyName: 'All hands' });
		const parameters = announceParameters(allHands.sid, { announcementType: 'text', text: DEPLOY });
		space.server.store.now = () => new Date(Date.now() - 11 * 60_000);
		await runNode({ parameters, credentials: space.credentials });
		space.server.store.now = () => new Date();
		space.server.reset();

		await runNode({ parameters, credentials: space.credentials });

		expect(space.server.store.scripts.size).toBe(2);
		expect(describeRequests(space.server)).toContain('POST /LamlBins');
	});

	it('removes only older copies of the same document, found by its exact name; every other script survives', async () => {
		const allHands = space.server.store.addConference({ friendlyName: 'All hands' });
		const store = space.server.store;
		const hello = `${XML_DECLARATION}<Response><Say>Hello</Say></Response>`;
		const other = `${XML_DECLARATION}<Response><Say>Bye</Say></Response>`;
		const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
		const add = (name: string, contents: string, minutesAgo: number, fetched: boolean) => {
			const sid = `5184b831-184f-4209-872d-${String(store.scripts.size).padStart(12, '0')}`;
			store.scripts.set(sid, {
				sid,
				name,
				contents,
				createdAt: at(minutesAgo + 5),
				updatedAt: at(minutesAgo + 5),
				lastAccessedAt: fetched ? at(minutesAgo) : null,
				numRequests: fetched ? 1 : 0,
			});
			return sid;
		};
		const oldFetched = add(expectedScriptName(hello), hello, 45, true);
		const oldNeverFetched = add(expectedScriptName(hello), hello, 60, false);
		const recentlyFetched = add(expectedScriptName(hello), hello, 20, true);
		const planted = add(
			expectedScriptName(hello),
			`${XML_DECLARATION}<Response><Dial>+19005550100</Dial></Response>`,
			60,
			false,
		);
		const usersNotes = add('n8n-conference-cxml-notes', hello, 90 * 24 * 60, true);
		const otherText = add(expectedScriptName(other), other, 60, true);
		const someoneElses = add('Main IVR', '<Response/>', 500, true);

		const { items } = await runNode({
			parameters: announceParameters(allHands.sid, { announcementType: 'text', text: 'Hello' }),
			credentials: space.credentials,
		});

		const created = [...store.scripts.values()].find(
			(script) => script.name === expectedScriptName(hello) && script.createdAt > at(1),
		)!;
		expect(describeRequests(space.server)).toEqual([
			`GET /Conferences/${allHands.sid}`,
			`GET /LamlBins?Name=${expectedScriptName(hello)}&PageSize=50`,
			'POST /LamlBins',
			`POST /Conferences/${allHands.sid}`,
			`DELETE /LamlBins/${oldNeverFetched}`,
			`DELETE /LamlBins/${oldFetched}`,
		]);
		expect([...store.scripts.keys()].sort()).toEqual(
			[recentlyFetched, planted, usersNotes, otherText, someoneElses, created.sid].sort(),
		);
		expect((items[0].json.script as { retiredScriptsRemoved: number }).retiredScriptsRemoved).toBe(
			2,
		);
		expect(store.said.map((said) => said.text)).toEqual(['Hello']);
	});

	it('never reuses a fresh script that carries the name but not the exact document', async () => {
		const allHands = space.server.store.addConference({ friendlyName: 'All hands' });
		const hello = `${XML_DECLARATION}<Response><Say>Hello</Say></Response>`;
		const now = new Date();
		space.server.store.scripts.set('5184b831-184f-4209-872d-000000000001', {
			sid: '5184b831-184f-4209-872d-000000000001',
			name: expectedScriptName(hello),
			contents: `${XML_DECLARATION}<Response><Dial>+19005550100</Dial></Response>`,
			createdAt: now,
			updatedAt: now,
			lastAccessedAt: null,
			numRequests: 0,
		});

		const { items } = await runNode({
			parameters: announceParameters(allHands.sid, { announcementType: 'text', text: 'Hello' }),
			credentials: space.credentials,
		});

		expect(items[0].json.script).toMatchObject({ reused: false, retiredScriptsRemoved: 0 });
		expect(describeRequests(space.server)).toContain('POST /LamlBins');
		expect(space.server.store.scripts.size).toBe(2);
		expect(space.server.store.said.map((said) => said.text)).toEqual(['Hello']);
	});

	it('ten items with one text in parallel write one script', async () => {
		const allHands = space.server.store.addConference({ friendlyName: 'All hands' });

		const { items, error } = await runNode({
			parameters: {
				...announceParameters(allHands.sid, { announcementType: 'text', text: 'Hello' }),
				requestOptions: { parallelRequests: 10 },
			},
			items: Array.from({ length: 10 }, () => ({})),
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		expect(space.server.store.scripts.size).toBe(1);
		expect(items.map((item) => (item.json.script as { reused: boolean }).reused)).toEqual([
			false,
			...Array.from({ length: 9 }, () => true),
		]);
		expect(space.server.store.said).toHaveLength(10);
	});

	it('reports a failed clean-up in the output without failing the announcement', async () => {
		const allHands = space.server.store.addConference({ friendlyName: 'All hands' });
		const hi = `${XML_DECLARATION}<Response><Say>Hi</Say></Response>`;
		const longAgo = new Date(Date.now() - 60 * 60_000);
		const stale = '5184b831-184f-4209-872d-000000000002';
		space.server.store.scripts.set(stale, {
			sid: stale,
			name: expectedScriptName(hi),
			contents: hi,
			createdAt: longAgo,
			updatedAt: longAgo,
			lastAccessedAt: longAgo,
			numRequests: 1,
		});
		space.server.intercept((request) =>
			request.method === 'DELETE'
				? { status: 503, body: { code: 20503, message: 'Service unavailable', status: 503 } }
				: undefined,
		);

		const { items, error } = await runNode({
			parameters: {
				...announceParameters(allHands.sid, { announcementType: 'text', text: 'Hi' }),
				requestOptions: { maxRetries: 0 },
			},
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		expect(items[0].json.script).toMatchObject({
			retiredScriptsRemoved: 0,
			cleanupError: `Removing cXML Script ${stale} failed: Service unavailable (SignalWire error 20503, HTTP 503)`,
		});
		expect(space.server.store.said.map((said) => said.text)).toEqual(['Hi']);
	});

	it('speaks quotes, ampersands, markup, template braces, emoji and non-Latin text exactly as typed', async () => {
		const allHands = space.server.store.addConference({ friendlyName: 'All hands' });
		const text =
			`</Say><Redirect>https://evil.example/x</Redirect><Say>"Tom" & 'Jerry' <b>` +
			'{{AccountSid}} {{{From}}} 🚀 日本語 Привет مرحبا';

		await runNode({
			parameters: announceParameters(allHands.sid, {
				announcementType: 'text',
				text,
				speechOptions: { voice: 'Polly.Joanna-Neural', language: 'ja-JP', loop: 2 },
			}),
			credentials: space.credentials,
		});

		const contents = new URLSearchParams(space.server.requests[2].body).get('Contents');
		expect(contents).toBe(
			`${XML_DECLARATION}<Response><Say voice="Polly.Joanna-Neural" language="ja-JP" loop="2">` +
				'&lt;/Say&gt;&lt;Redirect&gt;https://evil.example/x&lt;/Redirect&gt;&lt;Say&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos; &lt;b&gt;' +
				'&#123;&#123;AccountSid&#125;&#125; &#123;&#123;&#123;From&#125;&#125;&#125; 🚀 日本語 Привет مرحبا</Say></Response>',
		);
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

	it('plays an audio URL with <Play> and its loop, escaping the URL', async () => {
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

		expect(new URLSearchParams(space.server.requests[2].body).get('Contents')).toBe(
			`${XML_DECLARATION}<Response><Play loop="3">https://example.com/chime.mp3?a=1&amp;b=&quot;2&quot;</Play></Response>`,
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
