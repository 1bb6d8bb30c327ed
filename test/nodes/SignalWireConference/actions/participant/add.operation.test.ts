import { runNode } from '../../../../harness/engine';
import { ACCOUNT_PATH, expectNoToken, useSignalWireServer } from '../../../../harness/fixtures';
import { SignalWireServer } from '../../../../server/SignalWireServer';
import { signCallback } from '../../../../server/callbacks';
import {
	describeRequests,
	expectedScriptName,
	FROM_NUMBER,
	resetTelephony,
	runWithErrorOutput,
	templateQuery,
	XML_DECLARATION,
} from '../common/announceHarness';

const space = useSignalWireServer();

beforeEach(() => resetTelephony(space.server));

const ON_CALL = '+15551230001';

function addParameters(conferenceId: unknown, fields: Record<string, unknown> = {}) {
	return {
		resource: 'participant',
		operation: 'add',
		conferenceId:
			typeof conferenceId === 'string'
				? { __rl: true, mode: 'id', value: conferenceId }
				: conferenceId,
		to: ON_CALL,
		from: { __rl: true, mode: 'list', value: FROM_NUMBER },
		...fields,
	};
}

describe('Participant → Add (dial out)', () => {
	it('creates a call whose Url is the Dial template with the conference name as a value; the person joins', async () => {
		const bridge = space.server.store.addConference({ friendlyName: 'Incident 4711' });

		const { items, error } = await runNode({
			parameters: addParameters(bridge.sid),
			credentials: space.credentials,
		});

		expect(error).toBeUndefined();
		const document = `${XML_DECLARATION}<Response><Dial><Conference>{{n8n_conference}}</Conference></Dial></Response>`;
		const [script] = [...space.server.store.scripts.values()];
		const requestUrl = `${space.server.origin}/laml-bins/${script.sid}`;
		expect(describeRequests(space.server)).toEqual([
			`GET /Conferences/${bridge.sid}`,
			`GET /LamlBins?Name=${expectedScriptName(document)}&PageSize=50`,
			'POST /LamlBins',
			'POST /Calls',
		]);
		expect(space.server.requests[2].form).toEqual([
			['Name', expectedScriptName(document)],
			['Contents', document],
		]);
		expect(space.server.requests[3].form).toEqual([
			['To', ON_CALL],
			['From', FROM_NUMBER],
			['Url', `${requestUrl}?n8n_conference=Incident%204711`],
		]);
		const [call] = [...space.server.store.calls.values()];
		expect(items).toEqual([
			{
				json: {
					call: { sid: call.sid, status: 'queued', to: ON_CALL, from: FROM_NUMBER },
					conference: { sid: bridge.sid, friendly_name: 'Incident 4711' },
					script: {
						sid: script.sid,
						name: expectedScriptName(document),
						requestUrl,
						reused: false,
					},
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(space.server.store.joined).toEqual([
			expect.objectContaining({
				callSid: call.sid,
				to: ON_CALL,
				from: FROM_NUMBER,
				conferenceSid: bridge.sid,
				conference: 'Incident 4711',
			}),
		]);
		expect(bridge.participants.get(call.sid)?.status).toBe('in-progress');
	});

	it('writes only the <Conference> attributes that were set, with their values in the URL, and sends the call options in the spec order', async () => {
		const bridge = space.server.store.addConference({ friendlyName: 'Q&A "live" <1>' });
		const host = space.server.store.addParticipant(bridge);

		await runNode({
			parameters: addParameters(bridge.sid, {
				to: 'sip:alice@example.com',
				addOptions: {
					muted: true,
					coach: host.callSid.toUpperCase(),
					startConferenceOnEnter: false,
					endConferenceOnExit: true,
					beep: 'onEnter',
					timeout: 30,
					callerId: '+1 (555) 010-0002',
					statusCallback: 'https://example.com/call-status',
				},
			}),
			credentials: space.credentials,
		});

		expect(new URLSearchParams(space.server.requests[2].body).get('Contents')).toBe(
			`${XML_DECLARATION}<Response><Dial><Conference beep="{{n8n_beep}}" coach="{{n8n_coach}}" endConferenceOnExit="{{n8n_endConferenceOnExit}}" muted="{{n8n_muted}}" startConferenceOnEnter="{{n8n_startConferenceOnEnter}}">{{n8n_conference}}</Conference></Dial></Response>`,
		);
		const [script] = [...space.server.store.scripts.values()];
		const values = templateQuery({
			n8n_beep: 'onEnter',
			n8n_coach: host.callSid,
			n8n_endConferenceOnExit: 'true',
			n8n_muted: 'true',
			n8n_startConferenceOnEnter: 'false',
			n8n_conference: 'Q&A "live" <1>',
		});
		expect(space.server.requests[3].form).toEqual([
			['To', 'sip:alice@example.com'],
			['From', FROM_NUMBER],
			['Url', `${space.server.origin}/laml-bins/${script.sid}?${values}`],
			['StatusCallback', 'https://example.com/call-status'],
			['CallerId', '+15550100002'],
			['Timeout', '30'],
		]);
		expect(space.server.store.joined).toEqual([
			expect.objectContaining({
				conference: 'Q&A "live" <1>',
				muted: true,
				coach: host.callSid,
				beep: 'onEnter',
				startConferenceOnEnter: false,
				endConferenceOnExit: true,
			}),
		]);
	});

	it('By Name with no running conference of that name dials the name, which starts the conference', async () => {
		const { items } = await runNode({
			parameters: addParameters({ __rl: true, mode: 'name', value: 'Incident 4711' }),
			credentials: space.credentials,
		});

		expect(describeRequests(space.server)[0]).toBe(
			'GET /Conferences?FriendlyName=Incident+4711&Status=in-progress&PageSize=2',
		);
		expect(items[0].json.conference).toEqual({ sid: null, friendly_name: 'Incident 4711' });
		const started = space.server.store
			.listConferences()
			.find((c) => c.friendlyName === 'Incident 4711');
		expect(started?.status).toBe('in-progress');
		expect(space.server.store.joined[0]).toMatchObject({
			conferenceSid: started?.sid,
			to: ON_CALL,
		});
	});

	it('sends the signed participant-join status callback when the called person joins', async () => {
		const received: Array<{ signature: string | undefined; body: string }> = [];
		const receiver = new SignalWireServer({ projectId: 'receiver', apiToken: 'unused' });
		receiver.intercept((request) => {
			received.push({
				signature: request.headers['x-signalwire-signature'] as string,
				body: request.body,
			});
			return { status: 204 };
		});
		const receiverOrigin = await receiver.start();
		const server = new SignalWireServer({
			projectId: space.server.options.projectId,
			apiToken: space.server.options.apiToken,
			statusCallback: { url: `${receiverOrigin}/webhook`, signingKey: 'PSKtest' },
		});
		const origin = await server.start();
		try {
			resetTelephony(server);
			const bridge = server.store.addConference({ friendlyName: 'Incident 4711' });
			await runNode({
				parameters: addParameters(bridge.sid),
				credentials: { ...space.credentials, spaceUrl: origin },
			});
			await server.flushCallbacks();
			const [call] = [...server.store.calls.values()];
			expect(server.callbacks.map((callback) => callback.event)).toEqual(['participant-join']);
			const form = new URLSearchParams(received[0].body);
			expect(form.get('StatusCallbackEvent')).toBe('participant-join');
			expect(form.get('CallSid')).toBe(call.sid);
			expect(form.get('FriendlyName')).toBe('Incident 4711');
			expect(received[0].signature).toBe(
				signCallback('PSKtest', `${receiverOrigin}/webhook`, form),
			);
		} finally {
			await server.stop();
			await receiver.stop();
		}
	});

	it.each([
		[{ to: '={{ "" }}' }, 'To is empty'],
		[
			{ to: '5551230001' },
			'To "5551230001" is neither a phone number in E.164 format nor a SIP address',
		],
		[
			{ to: 'alice@example.com' },
			'To "alice@example.com" is neither a phone number in E.164 format nor a SIP address',
		],
		[{ from: { __rl: true, mode: 'list', value: '={{ "" }}' } }, 'From is empty'],
		[
			{ from: { __rl: true, mode: 'number', value: '={{ "5550100001" }}' } },
			'From "5550100001" is not a phone number in E.164 format',
		],
		[{ addOptions: { callerId: 'Ops' } }, 'Caller ID "Ops" is not a phone number in E.164 format'],
		[
			{ addOptions: { coach: 'CA123' } },
			'Coach "CA123" is not a valid ID: SignalWire IDs are UUIDs',
		],
		[
			{ addOptions: { timeout: 601 } },
			'Timeout "601" is not a whole number of seconds from 1 to 600',
		],
		[
			{ addOptions: { beep: '={{ "sometimes" }}' } },
			'Beep "sometimes" is not one of: true, false, onEnter, onExit',
		],
		[
			{ addOptions: { statusCallback: 'ftp://example.com/x' } },
			'Status Callback URL "ftp://example.com/x" is not a valid http(s) URL',
		],
	])('refuses %j before sending anything', async (fields, message) => {
		const bridge = space.server.store.addConference({ friendlyName: 'Incident 4711' });

		const { error } = await runNode({
			parameters: addParameters(bridge.sid, fields),
			credentials: space.credentials,
		});

		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(message);
		expect(error?.context?.itemIndex).toBe(0);
		expect(space.server.requests).toEqual([]);
	});

	it('refuses a conference that has ended after looking at it, and calls nobody', async () => {
		const over = space.server.store.addConference({
			friendlyName: 'Incident 4700',
			status: 'completed',
		});

		const { error } = await runNode({
			parameters: addParameters(over.sid),
			credentials: space.credentials,
		});

		expect(error?.message).toBe(
			'Conference "Incident 4700" is not in progress (status: completed): nobody was called',
		);
		expect(describeRequests(space.server)).toEqual([`GET /Conferences/${over.sid}`]);
		expect(space.server.store.calls.size).toBe(0);
	});

	it("says what SignalWire refused when the From number is not the space's", async () => {
		const bridge = space.server.store.addConference({ friendlyName: 'Incident 4711' });

		const { error } = await runNode({
			parameters: addParameters(bridge.sid, {
				from: { __rl: true, mode: 'number', value: '+15559999999' },
			}),
			credentials: space.credentials,
		});

		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(
			'From +15559999999 is not a phone number of this project (HTTP 400)',
		);
		expect(error?.description).toContain('Sent: To="+15551230001", From="+15559999999"');
	});

	it('calls several people with item links; both continue-on-fail modes keep going', async () => {
		const bridge = space.server.store.addConference({ friendlyName: 'Incident 4711' });
		const parameters = addParameters(bridge.sid, { to: '={{ $json.to }}' });
		const items = [{ to: ON_CALL }, { to: 'nobody' }, { to: '+15551230002' }];

		const regular = await runNode({
			parameters,
			items,
			credentials: space.credentials,
			continueOnFail: true,
		});
		expect(
			regular.items.map((item) => [
				(item.json.call as { to: string } | undefined)?.to ?? item.json.error,
				item.pairedItem,
			]),
		).toEqual([
			[ON_CALL, { item: 0 }],
			['To "nobody" is neither a phone number in E.164 format nor a SIP address', { item: 1 }],
			['+15551230002', { item: 2 }],
		]);
		expectNoToken([regular.items, regular.logs]);

		const { success, errors } = await runWithErrorOutput(parameters, items, space.credentials);
		expect(success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(errors.map((item) => [item.json.error, item.pairedItem])).toEqual([
			['To "nobody" is neither a phone number in E.164 format nor a SIP address', { item: 1 }],
		]);
		expect(space.server.store.joined.map((joined) => joined.to)).toEqual([
			ON_CALL,
			'+15551230002',
			ON_CALL,
			'+15551230002',
		]);
		expect(space.server.requests.some((request) => request.path === `${ACCOUNT_PATH}/Calls`)).toBe(
			true,
		);
	});
});
