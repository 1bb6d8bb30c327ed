import { runNode } from '../../harness/engine';
import { ACCOUNT_PATH, expectNoToken, useSignalWireServer } from '../../harness/fixtures';
import type { NodeRun } from '../../harness/engine';
import { resolveSpaceOrigin } from '../../../nodes/SignalWireConference/transport/space';
import { FROM_NUMBER, resetTelephony } from './actions/common/announceHarness';

const space = useSignalWireServer();

const UUID = 'b3877c40-da60-4998-90ad-b792e98472cf';
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Values people and programs put where an ID belongs, by mistake or on purpose. */
const HOSTILE_IDS = [
	'',
	' ',
	'/',
	'..',
	'../..',
	'../../Calls',
	'%2F',
	'%2e%2e%2f',
	'a/b',
	'?x=1',
	'#fragment',
	`${UUID}/..`,
	`${UUID}/Participants`,
	`${UUID}?PageSize=1`,
	`${UUID}#x`,
	`${UUID}%2F..`,
	`${UUID}\n`,
	`../${UUID}`,
	UUID.slice(0, -1),
	`${UUID}f`,
	UUID.replace(/-/g, ''),
	`{${UUID}}`,
	UUID.replace('b', 'ｂ'),
	`${UUID}\u0000`,
	`\u202e${UUID}`,
	'CF0123456789abcdef0123456789abcdef',
	'CA0123456789abcdef0123456789abcdef',
	'null',
	'undefined',
	'[object Object]',
	'<script>alert(1)</script>',
	"' OR 1=1 --",
	'😀',
	`https://evil.example.com${ACCOUNT_PATH}/Conferences/${UUID}`,
	'x'.repeat(10_000),
	'\t\n',
];

const HOSTILE_URLS = [
	'javascript:alert(1)',
	'file:///etc/passwd',
	'data:text/html,<b>x</b>',
	'ftp://example.com/a.wav',
	'https://user:pass@example.com/a.xml',
	'https://:pass@example.com/a.xml',
	'http://',
	'//example.com/a.xml',
	'example.com/a.xml',
	'https://exa mple.com/a.xml',
	'wss://example.com/a',
	'ws://example.com/a',
	'http://[::1',
	'x'.repeat(5000),
	'\u0000https://example.com',
	'https://example.com/a.xml\u0000',
];

function conferenceParameters(operation: string, extra: Record<string, unknown> = {}) {
	return {
		resource: 'conference',
		operation,
		conferenceId: { __rl: true, mode: 'id', value: '={{ $json.value }}' },
		...extra,
	};
}

/** Each operation with the field the hostile value goes into. */
const ID_TARGETS: Array<[string, Record<string, unknown>]> = [
	['conference get', conferenceParameters('get')],
	['conference update', conferenceParameters('update', { updateFields: { status: 'completed' } })],
	[
		'conference by URL',
		{
			resource: 'conference',
			operation: 'get',
			conferenceId: { __rl: true, mode: 'url', value: '={{ $json.value }}' },
		},
	],
	[
		'participant list',
		{
			resource: 'participant',
			operation: 'getAll',
			returnAll: true,
			conferenceId: { __rl: true, mode: 'id', value: '={{ $json.value }}' },
		},
	],
	[
		'participant mute',
		{
			resource: 'participant',
			operation: 'mute',
			conferenceId: { __rl: true, mode: 'id', value: UUID },
			participantId: { __rl: true, mode: 'id', value: '={{ $json.value }}' },
		},
	],
	[
		'participant remove',
		{
			resource: 'participant',
			operation: 'remove',
			conferenceId: { __rl: true, mode: 'id', value: UUID },
			participantId: { __rl: true, mode: 'id', value: '={{ $json.value }}' },
		},
	],
	[
		'recording delete',
		{
			resource: 'conferenceRecording',
			operation: 'delete',
			conferenceId: { __rl: true, mode: 'id', value: UUID },
			recordingId: { __rl: true, mode: 'id', value: '={{ $json.value }}' },
		},
	],
	[
		'coach target',
		{
			resource: 'participant',
			operation: 'update',
			conferenceId: { __rl: true, mode: 'id', value: UUID },
			participantId: { __rl: true, mode: 'id', value: UUID },
			updateFields: { coaching: true, callSidToCoach: '={{ $json.value }}' },
		},
	],
	[
		'stream stop by ID',
		{
			resource: 'conferenceStream',
			operation: 'stop',
			conferenceId: { __rl: true, mode: 'id', value: UUID },
			streamId: { __rl: true, mode: 'id', value: '={{ $json.value }}' },
		},
	],
	[
		'stream stop by name',
		{
			resource: 'conferenceStream',
			operation: 'stop',
			conferenceId: { __rl: true, mode: 'id', value: UUID },
			streamId: { __rl: true, mode: 'name', value: '={{ $json.value }}' },
		},
	],
];

const URL_TARGETS: Array<[string, Record<string, unknown>, string]> = [
	[
		'conference announce',
		conferenceParameters('update', {
			conferenceId: { __rl: true, mode: 'id', value: UUID },
			updateFields: { announceUrl: '={{ $json.value }}' },
		}),
		'AnnounceUrl',
	],
	[
		'participant hold music',
		{
			resource: 'participant',
			operation: 'update',
			conferenceId: { __rl: true, mode: 'id', value: UUID },
			participantId: { __rl: true, mode: 'id', value: UUID },
			updateFields: { holdUrl: '={{ $json.value }}' },
		},
		'HoldUrl',
	],
	[
		'stream URL',
		{
			resource: 'conferenceStream',
			operation: 'start',
			conferenceId: { __rl: true, mode: 'id', value: UUID },
			url: '={{ $json.value }}',
			options: {},
		},
		'Url',
	],
	[
		'stream status callback',
		{
			resource: 'conferenceStream',
			operation: 'start',
			conferenceId: { __rl: true, mode: 'id', value: UUID },
			url: 'wss://example.com/a',
			options: { statusCallback: '={{ $json.value }}' },
		},
		'StatusCallback',
	],
];

/** Either a clear input error and nothing sent, or requests to the space's own API paths only. */
function expectSafe(run: NodeRun, label: string): 'refused' | 'sent' {
	expectNoToken([run.items, run.error?.message, run.error?.description, run.logs]);
	if (run.error?.name === 'NodeOperationError') {
		expect({ label, requests: space.server.requests.length }).toEqual({ label, requests: 0 });
		expect(run.error.message.length).toBeGreaterThan(0);
		expect(run.error.context?.itemIndex).toBe(0);
		return 'refused';
	}
	for (const request of space.server.requests) {
		expect({ label, path: request.path }).toEqual({
			label,
			path: expect.stringMatching(new RegExp(`^${ACCOUNT_PATH}/Conferences(/|$)`)),
		});
		const segments = request.path.split('/').map(decodeURIComponent);
		expect({
			label,
			traversal: segments.some(
				(segment) => segment === '..' || segment === '.' || segment.includes('/'),
			),
		}).toEqual({ label, traversal: false });
		for (const [index, segment] of segments.entries()) {
			if (['Conferences', 'Participants', 'Recordings'].includes(segments[index - 1] ?? '')) {
				expect({ label, id: segment }).toEqual({ label, id: expect.stringMatching(UUID_PATTERN) });
			}
		}
	}
	return 'sent';
}

describe('bad-input campaign', () => {
	const cases = ID_TARGETS.flatMap(([target, parameters]) =>
		HOSTILE_IDS.map((value) => ({ target, parameters, value })),
	);

	it(`sends nothing for ${cases.length} hostile IDs unless the request stays in the space's API`, async () => {
		const outcomes = { refused: 0, sent: 0 };
		for (const { target, parameters, value } of cases) {
			space.server.reset();
			const run = await runNode({ parameters, items: [{ value }], credentials: space.credentials });
			outcomes[expectSafe(run, `${target} ← ${JSON.stringify(value).slice(0, 60)}`)]++;
		}
		// Names like "null" or "😀" are refused as stream names too; only an ID-shaped value may pass.
		expect(outcomes.refused).toBeGreaterThan(cases.length * 0.9);
	});

	it('sends hostile URLs only when they are real http(s) or wss URLs, exactly as given', async () => {
		let checked = 0;
		for (const [target, parameters, field] of URL_TARGETS) {
			for (const value of HOSTILE_URLS) {
				space.server.reset();
				const run = await runNode({
					parameters,
					items: [{ value }],
					credentials: space.credentials,
				});
				const outcome = expectSafe(run, `${target} ← ${JSON.stringify(value).slice(0, 60)}`);
				if (outcome === 'sent') {
					const sent = new URLSearchParams(space.server.requests[0].body).get(field) ?? '';
					expect(['http:', 'https:', 'wss:']).toContain(new URL(sent).protocol);
					expect(new URL(sent).username + new URL(sent).password).toBe('');
				}
				checked++;
			}
		}
		expect(checked).toBe(URL_TARGETS.length * HOSTILE_URLS.length);
	});

	it.each([
		[{ returnAll: false, limit: '={{ 0 }}' }, 'Limit 0 is not a whole number of at least 1'],
		[{ returnAll: false, limit: '={{ -5 }}' }, 'Limit -5 is not a whole number of at least 1'],
		[{ returnAll: false, limit: '={{ 2.5 }}' }, 'Limit 2.5 is not a whole number of at least 1'],
		[{ returnAll: false, limit: '={{ "many" }}' }, 'Limit NaN is not a whole number of at least 1'],
		[
			{ returnAll: true, filters: { dateCreated: '={{ "2026-13-01" }}' } },
			'Date Created "2026-13-01" is not a date',
		],
		[
			{ returnAll: true, filters: { dateUpdatedAfter: '={{ "0000-00-00" }}' } },
			'Date Updated After "0000-00-00" is not a date',
		],
		[
			{ returnAll: true, filters: { dateCreatedBefore: '={{ "2025-02-29" }}' } },
			'Date Created Before "2025-02-29" is not a date',
		],
		[
			{ returnAll: true, filters: { friendlyName: `={{ "${'x'.repeat(65)}" }}` } },
			'Friendly Name filter is longer than 64 characters',
		],
		[
			{ returnAll: true, filters: { status: '={{ "active" }}' } },
			'Status filter "active" is not one of: init, in-progress, completed',
		],
	])('refuses out-of-range list input %j before sending anything', async (extra, message) => {
		const run = await runNode({
			parameters: { resource: 'conference', operation: 'getAll', ...extra },
			credentials: space.credentials,
		});

		expect(run.error?.message).toBe(message);
		expect(space.server.requests).toEqual([]);
	});

	it("keeps a huge Limit to SignalWire's maximum page size", async () => {
		await runNode({
			parameters: {
				resource: 'conference',
				operation: 'getAll',
				returnAll: false,
				limit: '={{ 1e12 }}',
			},
			credentials: space.credentials,
		});

		expect(space.server.requests.map((request) => request.rawQuery)).toEqual(['PageSize=1000']);
	});

	it.each([
		[{ parallelRequests: 0, maxRetries: -1, timeout: -5 }],
		[{ parallelRequests: 1000, maxRetries: 1e9, timeout: 'soon' }],
	])('keeps out-of-range request options %j within safe bounds', async (requestOptions) => {
		const conference = space.server.store.addConference({ friendlyName: 'Room' });

		const run = await runNode({
			parameters: { ...conferenceParameters('get'), requestOptions },
			items: [{ value: conference.sid }],
			credentials: space.credentials,
		});

		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.json.sid)).toEqual([conference.sid]);
	});
});

describe('bad-input campaign: Space URL', () => {
	const HOSTILE_SPACES = [
		'http://example.signalwire.com',
		'http://evil.com',
		'http://127.0.0.1.evil.com',
		'http://localhost.evil.com',
		'http://0x7f000001',
		'http://2130706433',
		'http://[::ffff:127.0.0.1]',
		'file:///etc/passwd',
		'javascript:alert(1)',
		'ftp://example.signalwire.com',
		'gopher://example.signalwire.com',
		'https://user:pw@example.signalwire.com',
		'https://example.signalwire.com@evil.com',
		'https://evil.com#@example.signalwire.com',
		'https://example.signalwire.com/api/laml',
		'https://example.signalwire.com?next=https://evil.com',
		'https://exa mple.signalwire.com',
		'https://',
		'//evil.com',
		'\u0000example',
		'example.signalwire.com/../../evil',
		'',
		'   ',
		'x'.repeat(3000),
		// Backslashes, which WHATWG URL parsers read as "/": the host would end before them.
		'https://evil.com\\example.signalwire.com',
		'evil.com\\example.signalwire.com',
		'https://evil.com\\@example.signalwire.com',
		'https:\\\\evil.com',
		'\\\\evil.com\\example.signalwire.com',
		// Numeric hosts that parsers turn into some IPv4 address.
		'https://0x7f000001',
		'https://2130706433',
		'https://127.1',
		'https://0177.0.0.1',
		'0x7f.1',
		// User info and look-alikes.
		'example.signalwire.com@evil.com',
		'example.signalwire.com:443@evil.com',
		'https://example.signalwire.com%2f@evil.com',
		'https://example.signalwire.com%40evil.com',
		'https://examp\u0131e.signalwire.com',
		'https://ｅxample.signalwire.com',
		'https://example.signalwire.com\u3002evil.com',
		// Control characters and whitespace inside.
		'https://exam\tple.signalwire.com',
		'https://example.signalwire.com\r\nHost: evil.com',
		'example .signalwire.com',
		// Ports and schemes that are not what they seem.
		'example.signalwire.com:0',
		'example.signalwire.com:65536',
		'example.signalwire.com:-1',
		'mailto:ops@example.com',
		'data:,evil',
		'https:/example.signalwire.com',
		'https:example.signalwire.com',
		'http://[::ffff:7f00:1]',
		'https://[::ffff:7f00:1]',
		'https://[0:0:0:0:0:0:0:1]',
	];

	/** Forms people type for their space that must be understood, and where each one goes. */
	const FRIENDLY_SPACES: Array<[string, string]> = [
		['example', 'https://example.signalwire.com'],
		['example.signalwire.com:443', 'https://example.signalwire.com'],
		['EXAMPLE.SignalWire.com:8443/', 'https://example.signalwire.com:8443'],
		['localhost:3000', 'https://localhost:3000'],
		['127.0.0.1:8080', 'https://127.0.0.1:8080'],
		['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
		['http://[::1]:3000', 'http://[::1]:3000'],
	];

	it.each(FRIENDLY_SPACES)('understands the Space URL %j as %s', (spaceUrl, origin) => {
		expect(resolveSpaceOrigin(spaceUrl)).toEqual({ origin });
	});

	it.each(HOSTILE_SPACES.map((value) => [JSON.stringify(value).slice(0, 50), value]))(
		'resolves %s to a refusal or to exactly the host typed, over https',
		(_label, spaceUrl) => {
			const result = resolveSpaceOrigin(spaceUrl);
			if ('origin' in result) {
				const origin = new URL(result.origin);
				expect(origin.protocol).toBe('https:');
				expect(result.origin).toBe(`https://${origin.host}`);
				expect(spaceUrl.toLowerCase()).toContain(origin.hostname);
				expect(origin.hostname).not.toContain('evil');
			} else {
				expect(result.problem.length).toBeGreaterThan(10);
			}
		},
	);

	it('refuses plain-http and odd Space URLs in the node before any request', async () => {
		for (const spaceUrl of HOSTILE_SPACES.filter((value) => !/^https:\/\/[a-z.]+$/.test(value))) {
			space.server.reset();
			const run = await runNode({
				parameters: conferenceParameters('get'),
				items: [{ value: UUID }],
				credentials: { ...space.credentials, spaceUrl },
			});
			if (run.error?.name !== 'NodeOperationError') {
				// Only names that resolve to an https host of their own get this far; none is reachable here.
				expect({ spaceUrl, origin: resolveSpaceOrigin(spaceUrl) }).toEqual({
					spaceUrl,
					origin: { origin: expect.stringMatching(/^https:\/\//) },
				});
			}
			expect(space.server.requests).toEqual([]);
		}
	});
});

describe('bad-input campaign: every boolean the package reads', () => {
	const conferenceId = { __rl: true, mode: 'id', value: UUID };
	const participantId = { __rl: true, mode: 'id', value: UUID };

	/** Each boolean, where it goes, and how to read back what was sent for it. */
	const TARGETS: Array<{
		label: string;
		parameters: (value: unknown) => Record<string, unknown>;
		sent: () => string | null | undefined;
	}> = [
		{
			label: 'Muted',
			parameters: (value) => ({
				resource: 'participant',
				operation: 'getAll',
				conferenceId,
				returnAll: true,
				filters: { muted: value },
			}),
			sent: () => new URLSearchParams(space.server.requests[0]?.rawQuery).get('Muted'),
		},
		{
			label: 'Hold',
			parameters: (value) => ({
				resource: 'participant',
				operation: 'getAll',
				conferenceId,
				returnAll: true,
				filters: { hold: value },
			}),
			sent: () => new URLSearchParams(space.server.requests[0]?.rawQuery).get('Hold'),
		},
		...(['Muted', 'Hold', 'Coaching'] as const).map((label) => ({
			label,
			parameters: (value: unknown) => ({
				resource: 'participant',
				operation: 'update',
				conferenceId,
				participantId,
				updateFields: {
					[label.toLowerCase()]: value,
					...(label === 'Coaching' ? { callSidToCoach: UUID } : {}),
				},
			}),
			sent: () => new URLSearchParams(space.server.requests[0]?.body).get(label),
		})),
		{
			label: 'Real Time',
			parameters: (value) => ({
				resource: 'conferenceStream',
				operation: 'start',
				conferenceId,
				url: 'wss://example.com/audio',
				options: { streamRealTime: value },
			}),
			sent: () => new URLSearchParams(space.server.requests[0]?.body).get('StreamRealTime'),
		},
		...(
			[
				['Muted', 'muted'],
				['Start Conference On Enter', 'startConferenceOnEnter'],
				['End Conference On Exit', 'endConferenceOnExit'],
			] as const
		).map(([label, option]) => ({
			label,
			parameters: (value: unknown) => {
				resetTelephony(space.server);
				return {
					resource: 'participant',
					operation: 'add',
					conferenceId: { __rl: true, mode: 'name', value: 'Boolean room' },
					to: '+15551230001',
					from: { __rl: true, mode: 'number', value: FROM_NUMBER },
					addOptions: { [option]: value },
				};
			},
			// The attribute's value travels in the query of the script URL the call fetches.
			sent: () => {
				const call = space.server.requests.find(
					(request) => request.method === 'POST' && request.path.endsWith('/Calls'),
				);
				const url = new URLSearchParams(call?.body).get('Url') ?? '';
				return URL.canParse(url)
					? (new URL(url).searchParams.get(`n8n_${option}`) ?? undefined)
					: undefined;
			},
		})),
		{
			label: 'Download',
			parameters: (value) => {
				const conference = space.server.store.addConference({ friendlyName: 'Recorded' });
				space.server.store.addRecording(conference, { status: 'completed', durationSeconds: 3 });
				return {
					resource: 'conferenceRecording',
					operation: 'getAll',
					conferenceId: { __rl: true, mode: 'id', value: conference.sid },
					returnAll: true,
					download: value,
				};
			},
			// Listing asks SignalWire for the recordings; only a download would ask for media.
			sent: () =>
				space.server.requests.length === 0
					? undefined
					: String(space.server.requests.some((request) => /\.(mp3|wav)$/.test(request.path))),
		},
		{
			label: 'Return All',
			parameters: (value) => ({
				resource: 'conference',
				operation: 'getAll',
				returnAll: value,
				limit: 7,
			}),
			sent: () => {
				const pageSize = new URLSearchParams(space.server.requests[0]?.rawQuery).get('PageSize');
				return pageSize === null ? undefined : String(pageSize === '1000');
			},
		},
	];

	const TRUE_VALUES: unknown[] = [
		true,
		'={{ true }}',
		'={{ "true" }}',
		'={{ "TRUE" }}',
		'={{ " True " }}',
		'={{ 1 === 1 }}',
	];
	const FALSE_VALUES: unknown[] = [
		false,
		'={{ false }}',
		'={{ "false" }}',
		'={{ "False" }}',
		'={{ " FALSE " }}',
		'={{ 1 === 2 }}',
	];
	const BAD_VALUES: unknown[] = [
		'={{ "yes" }}',
		'={{ "no" }}',
		'={{ 1 }}',
		'={{ 0 }}',
		'={{ "0" }}',
		'={{ "maybe" }}',
		'={{ "truee" }}',
		'={{ "false!" }}',
		'={{ [] }}',
		'={{ {} }}',
	];

	const cases = TARGETS.flatMap((target) => [
		...TRUE_VALUES.map((value) => ({ target, value, expected: 'true' })),
		...FALSE_VALUES.map((value) => ({ target, value, expected: 'false' })),
		...BAD_VALUES.map((value) => ({ target, value, expected: 'refused' })),
	]);

	it.each(
		cases.map((entry) => [entry.target.label, JSON.stringify(entry.value), entry.expected, entry]),
	)('%s given %s: %s', async (_label, _shown, _expected, { target, value, expected }) => {
		const run = await runNode({
			parameters: target.parameters(value),
			credentials: space.credentials,
		});

		if (expected === 'refused') {
			expect(run.error?.name).toBe('NodeOperationError');
			expect(run.error?.message).toMatch(new RegExp(`^${target.label} ".*" is not true or false$`));
			expect(run.error?.context?.itemIndex).toBe(0);
			expect(space.server.requests).toEqual([]);
		} else {
			expect(target.sent()).toBe(expected);
		}
	});
});

describe('bad-input campaign: dates, one rule for every form', () => {
	/** Every date input the package reads, with the query name each one is sent as. */
	const DATE_INPUTS: Array<[string, (value: unknown) => Record<string, unknown>, string]> = [
		...(
			[
				['dateCreated', 'DateCreated'],
				['dateCreatedBefore', 'DateCreated<'],
				['dateCreatedAfter', 'DateCreated>'],
				['dateUpdated', 'DateUpdated'],
				['dateUpdatedBefore', 'DateUpdated<'],
				['dateUpdatedAfter', 'DateUpdated>'],
			] as const
		).map(([filter, query]): [string, (value: unknown) => Record<string, unknown>, string] => [
			`conference ${filter}`,
			(value) => ({
				resource: 'conference',
				operation: 'getAll',
				returnAll: true,
				filters: { [filter]: value },
			}),
			query,
		]),
		...(
			[
				['dateCreated', 'DateCreated'],
				['dateCreatedBefore', 'DateCreated<'],
				['dateCreatedAfter', 'DateCreated>'],
			] as const
		).map(([filter, query]): [string, (value: unknown) => Record<string, unknown>, string] => [
			`recording ${filter}`,
			(value) => ({
				resource: 'conferenceRecording',
				operation: 'getAll',
				conferenceId: { __rl: true, mode: 'id', value: UUID },
				returnAll: true,
				filters: { [filter]: value },
			}),
			query,
		]),
	];

	/** The date as written, in the value's own offset; a JavaScript Date in UTC, as n8n stores it. */
	const ACCEPTED: Array<[unknown, string]> = [
		['2026-11-01', '2026-11-01'],
		['={{ "2026-11-01" }}', '2026-11-01'],
		['2026-11-01T00:00:00', '2026-11-01'],
		['2026-11-01T23:30:00-05:00', '2026-11-01'],
		['2026-11-01T23:30:00.250+14:00', '2026-11-01'],
		['2026-11-01T01:30:00Z', '2026-11-01'],
		['2026-11-01 08:00', '2026-11-01'],
		['={{ "Sun, 01 Nov 2026 23:30:00 -0500" }}', '2026-11-01'],
		['={{ "Sun, 01 Nov 2026 01:30:00 +1400" }}', '2026-11-01'],
		['={{ "1 Nov 2026 23:30:00 GMT" }}', '2026-11-01'],
		['={{ "Mon, 24 Sept 2018 21:00:00 +0000" }}', '2018-09-24'],
		['={{ $json.date_created }}', '2026-11-04'],
		['={{ DateTime.fromISO("2026-11-01T23:30:00-05:00", { setZone: true }) }}', '2026-11-01'],
		['={{ DateTime.fromISO("2026-11-02T04:30:00Z", { zone: "utc" }) }}', '2026-11-02'],
		['={{ new Date("2026-11-01T23:30:00-05:00") }}', '2026-11-02'],
		['={{ new Date("2026-11-01T23:30:00-05:00").toISOString() }}', '2026-11-02'],
		['={{ "Sun Nov 01 2026 23:30:00 GMT-0500 (Eastern Standard Time)" }}', '2026-11-01'],
	];

	const REFUSED: unknown[] = [
		'={{ "yesterday" }}',
		'={{ "2026-02-30" }}',
		'={{ "2026-13-01" }}',
		'={{ "2026-11-01garbage" }}',
		'={{ "2026-11-1" }}',
		'={{ "11/01/2026" }}',
		'={{ "01.11.2026" }}',
		'={{ "Sun, 31 Feb 2026 10:00:00 +0000" }}',
		'={{ "Sun, 01 Foo 2026 10:00:00 +0000" }}',
		'={{ "1730419200000" }}',
		'={{ 1730419200000 }}',
		'={{ new Date("nope") }}',
		'={{ DateTime.fromISO("nope") }}',
		'={{ {} }}',
		'={{ [] }}',
		'={{ true }}',
	];

	it.each(DATE_INPUTS)(
		'%s reads every accepted form as its date',
		async (_label, parameters, query) => {
			space.server.store.addConference({ sid: UUID, friendlyName: 'Room' });
			for (const [value, expected] of ACCEPTED) {
				space.server.reset();
				const run = await runNode({
					parameters: parameters(value),
					items: [{ date_created: 'Wed, 04 Nov 2026 23:12:45 +0000' }],
					credentials: space.credentials,
				});
				expect({ value, error: run.error?.message }).toEqual({ value, error: undefined });
				const sent = new URLSearchParams(space.server.requests[0].rawQuery).get(query);
				expect({ value, sent }).toEqual({ value, sent: expected });
			}
		},
	);

	it.each(DATE_INPUTS)(
		'%s refuses everything else before any request',
		async (_label, parameters) => {
			for (const value of REFUSED) {
				space.server.reset();
				const run = await runNode({
					parameters: parameters(value),
					credentials: space.credentials,
				});
				expect({ value, name: run.error?.name }).toEqual({ value, name: 'NodeOperationError' });
				expect(run.error?.message).toMatch(
					/^Date (Created|Updated)( Before| After)? ".*" is not a date$/,
				);
				expect(space.server.requests).toEqual([]);
			}
		},
	);

	it('gives one instant the same date as a Date, as the text n8n makes of it, and as a UTC DateTime', async () => {
		const forms = [
			'={{ new Date(Date.UTC(2026, 10, 2, 4, 30)) }}',
			'={{ new Date(Date.UTC(2026, 10, 2, 4, 30)).toISOString() }}',
			'={{ DateTime.fromMillis(Date.UTC(2026, 10, 2, 4, 30), { zone: "utc" }) }}',
			'={{ JSON.parse(JSON.stringify({ d: new Date(Date.UTC(2026, 10, 2, 4, 30)) })).d }}',
		];
		const sent: Array<string | null> = [];
		for (const value of forms) {
			space.server.reset();
			await runNode({
				parameters: {
					resource: 'conference',
					operation: 'getAll',
					returnAll: true,
					filters: { dateCreated: value },
				},
				credentials: space.credentials,
			});
			sent.push(new URLSearchParams(space.server.requests[0]?.rawQuery).get('DateCreated'));
		}
		expect(sent).toEqual(['2026-11-02', '2026-11-02', '2026-11-02', '2026-11-02']);
	});
});
