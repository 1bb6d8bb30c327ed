'use strict';
/**
 * The node as tools in a real n8n: (a) the MCP example published in `n8n start`, used by a real
 * MCP client (the official TypeScript SDK) over Streamable HTTP with the trigger's Bearer Auth;
 * (b) n8n's AI Agent with three of the node's tools and a scripted OpenAI-compatible model on
 * 127.0.0.1. Asserted from both ends: what the client or the model received, and exactly what
 * the sandbox received.
 */
const path = require('node:path');

const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const {
	StreamableHTTPClientTransport,
} = require('@modelcontextprotocol/sdk/client/streamableHttp.js');

const {
	MCP_CONTROLS,
	mcpClientCredential,
	mcpUrl,
	newClientToken,
} = require('../../scripts/lib/mcp');
const { ROOT } = require('../../scripts/lib/paths');
const { executionError, nodeItems } = require('../../scripts/lib/run-data');
const { activateWorkflow, fireEvent } = require('../../scripts/lib/triggers');
const { startEnvironment } = require('./support/environment');
const { accountPath, basicAuth, wire } = require('./support/expectations');
const { startScriptedModel, toolResults } = require('./support/scripted-model');

// What a model reads about each operation, from the built package.
const { TOOL_DESCRIPTIONS } = require(
	path.join(ROOT, 'dist', 'nodes', 'SignalWireConference', 'actions', 'toolDescriptions.js'),
);

const MCP_ADD = path.join(__dirname, 'workflows', 'mcp-add-participant.json');
const AGENT = path.join(__dirname, 'workflows', 'agent-conference-tools.json');
const CLIENT_TOKEN = newClientToken();

/** n8n registers a published workflow's routes in the background: wait until the route answers. */
async function waitForRoute(url, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const response = await fetch(url, { method: 'GET' });
		await response.arrayBuffer();
		if (response.status !== 404) return;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`n8n did not register ${url} within ${timeoutMs / 1000} s`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ANNOUNCEMENT = 'The deploy starts in five minutes.';
// A text of its own: the same text again would reuse the agent test's cXML Script.
const MCP_ANNOUNCEMENT = 'The all-hands resumes in two minutes.';
const BOB_AS_SPOKEN = 'five five five, one two three, zero zero zero two';

/** The agent's scripted model: announce, list, try to call Bob, then answer from what the tools said. */
const AGENT_SCRIPT = [
	() => ({
		toolCalls: [
			{
				name: 'Announce_Into_Conference',
				args: { conference_name: 'All hands', text: ANNOUNCEMENT },
			},
		],
	}),
	() => ({ toolCalls: [{ name: 'List_Running_Conferences', args: {} }] }),
	() => ({
		toolCalls: [
			{ name: 'Add_Participant', args: { conference_name: 'All hands', to: BOB_AS_SPOKEN } },
		],
	}),
	(body) => {
		const results = toolResults(body);
		const [announced] = JSON.parse(results.call_1_0);
		return {
			content: `Announced in ${announced.conference.friendly_name} (${announced.conference.sid}, ${announced.conference.status}). Bob was not called: ${JSON.parse(results.call_3_0)[0].error}`,
		};
	},
];

let environment;
let sandbox;
let model;

/**
 * Exactly what Announce (Text, By Name) sends: the running conference of that name, the Say
 * template's cXML Script (looked up by its exact name, created if the sandbox has none yet), the
 * announcement with the text in the script URL. `announced` is the operation's output.
 */
function announceByName(name, text, announced) {
	const all = accountPath(sandbox);
	return [
		{
			method: 'GET',
			path: `${all}/Conferences`,
			query: [
				['FriendlyName', name],
				['Status', 'in-progress'],
				['PageSize', '2'],
			],
			form: [],
		},
		{
			method: 'GET',
			path: `${all}/LamlBins`,
			query: [
				['Name', announced.script.name],
				['PageSize', '50'],
			],
			form: [],
		},
		...(announced.script.reused
			? []
			: [
					{
						method: 'POST',
						path: `${all}/LamlBins`,
						query: [],
						form: [
							['Name', announced.script.name],
							[
								'Contents',
								'<?xml version="1.0" encoding="UTF-8"?><Response><Say>{{n8n_text}}</Say></Response>',
							],
						],
					},
				]),
		{
			method: 'POST',
			path: `${all}/Conferences/${announced.conference.sid}`,
			query: [],
			form: [
				[
					'AnnounceUrl',
					`${sandbox.spaceUrl}/laml-bins/${announced.script.sid}?n8n_text=${encodeURIComponent(text)}`,
				],
			],
		},
	];
}

/** No answer, error or tool result may carry the API token, alone or inside the Basic header. */
function expectNoSecret(text) {
	expect(text).not.toContain(sandbox.apiToken);
	expect(text).not.toContain(basicAuth(sandbox).slice('Basic '.length));
}

beforeAll(async () => {
	model = await startScriptedModel(AGENT_SCRIPT);
	environment = await startEnvironment({ workflowFiles: [MCP_CONTROLS.file, MCP_ADD, AGENT] });
	sandbox = environment.sandbox;
	await environment.n8n.importCredentials([
		mcpClientCredential(CLIENT_TOKEN),
		{
			id: 'swScriptedModel',
			name: 'Scripted model',
			type: 'openAiApi',
			data: { apiKey: 'sk-scripted-model', url: model.baseUrl },
		},
	]);
}, 180_000);

afterAll(async () => {
	await environment?.stop();
	await model?.stop();
});

describe("n8n's AI Agent with the node's tools and a scripted model", () => {
	let result;
	let requests;

	beforeAll(async () => {
		await sandbox.reset();
		result = await environment.n8n.execute('e2eAgentConfTools');
		requests = await sandbox.requests();
	}, 180_000);

	it("offers the model each tool under its node name, with the operation's description and the $fromAI fields", () => {
		expect(model.requests).toHaveLength(4);
		const [first] = model.requests;
		expect(first.authorization).toBe('Bearer sk-scripted-model');
		expect(
			Object.fromEntries(
				first.body.tools.map(({ function: tool }) => [
					tool.name,
					{ description: tool.description, fields: Object.keys(tool.parameters.properties) },
				]),
			),
		).toEqual({
			Announce_Into_Conference: {
				description: TOOL_DESCRIPTIONS.conference.announce,
				fields: ['conference_name', 'text'],
			},
			List_Running_Conferences: { description: TOOL_DESCRIPTIONS.conference.getAll, fields: [] },
			Add_Participant: {
				description: TOOL_DESCRIPTIONS.participant.add,
				fields: ['conference_name', 'to'],
			},
		});
	});

	it('returns sids, names and states to the model, and a refused call as a message it can relay', () => {
		const results = toolResults(model.requests[3].body);
		const [announced] = JSON.parse(results.call_1_0);
		expect(announced).toMatchObject({
			announced: { type: 'text', text: ANNOUNCEMENT },
			conference: { friendly_name: 'All hands', status: 'in-progress' },
		});
		expect(announced.conference.sid).toMatch(UUID);
		const running = JSON.parse(results.call_2_0);
		expect(running.length).toBeGreaterThan(1);
		for (const conference of running) {
			expect(conference.sid).toMatch(UUID);
			expect(conference.status).toBe('in-progress');
			expect(typeof conference.friendly_name).toBe('string');
		}
		expect(running.map((conference) => conference.sid)).toContain(announced.conference.sid);
		// The AI Agent hands a failed tool's message (not its description) back to the model.
		expect(JSON.parse(results.call_3_0)).toEqual([
			{
				error: `To "${BOB_AS_SPOKEN}" is neither a phone number in E.164 format nor a SIP address`,
			},
		]);
		for (const { body } of model.requests) expectNoSecret(JSON.stringify(body));
	});

	it('produces the final answer from the tool results', () => {
		expect(executionError(result.execution)).toBeUndefined();
		const sid = JSON.parse(toolResults(model.requests[3].body).call_1_0)[0].conference.sid;
		expect(nodeItems(result.execution, 'AI Agent')).toEqual([
			{
				output: `Announced in All hands (${sid}, in-progress). Bob was not called: To "${BOB_AS_SPOKEN}" is neither a phone number in E.164 format nor a SIP address`,
			},
		]);
	});

	it('sends SignalWire the announcement and the list, and no call for the refused number', () => {
		const [announced] = JSON.parse(toolResults(model.requests[3].body).call_1_0);
		expect(requests.map(wire)).toEqual([
			...announceByName('All hands', ANNOUNCEMENT, announced),
			{
				method: 'GET',
				path: `${accountPath(sandbox)}/Conferences`,
				query: [
					['Status', 'in-progress'],
					['PageSize', '50'],
				],
				form: [],
			},
		]);
		for (const request of requests) expect(request.authorization).toBe(basicAuth(sandbox));
	});
});

describe('the MCP example, published in n8n start, used by a real MCP client', () => {
	let editor;

	async function connect(mcpPath, token = CLIENT_TOKEN) {
		const client = new Client({ name: 'signalwire-e2e-client', version: '1.0.0' });
		const url = new URL(mcpUrl(editor.baseUrl, mcpPath));
		await client.connect(
			new StreamableHTTPClientTransport(url, {
				requestInit: { headers: { Authorization: `Bearer ${token}` } },
			}),
		);
		return client;
	}

	/** Calls a tool with a fresh sandbox log; returns the result and what SignalWire received. */
	async function call(client, name, args) {
		await sandbox.reset();
		const result = await client.callTool({ name, arguments: args });
		expectNoSecret(JSON.stringify(result));
		return { result, requests: await sandbox.requests() };
	}

	beforeAll(async () => {
		const started = await environment.startEditor();
		editor = started.editor;
		await activateWorkflow(started.rest, MCP_CONTROLS.workflowId);
		await activateWorkflow(started.rest, 'e2eMcpAddParticipant');
		await waitForRoute(mcpUrl(editor.baseUrl));
		await waitForRoute(mcpUrl(editor.baseUrl, 'signalwire-add-e2e'));
	}, 180_000);

	it('refuses a client without the Bearer token', async () => {
		const response = await fetch(mcpUrl(editor.baseUrl), {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				Accept: 'application/json, text/event-stream',
			},
			body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
		});

		expect(response.status).toBe(403);
	});

	it("lists the five tools, each with its operation's description and the fields a model fills", async () => {
		const client = await connect(MCP_CONTROLS.path);
		const { tools } = await client.listTools();
		await client.close();

		const described = Object.fromEntries(
			tools.map((tool) => [
				tool.name,
				{
					description: tool.description,
					fields: Object.fromEntries(
						Object.entries(tool.inputSchema.properties).map(([key, field]) => [
							key,
							field.description,
						]),
					),
					required: tool.inputSchema.required ?? [],
				},
			]),
		);
		const name = expect.stringContaining('exactly as people call it, e.g. All hands');
		const conferenceSid = expect.stringContaining('The conference sid (a UUID)');
		expect(described).toEqual({
			Announce_Into_Conference: {
				description: TOOL_DESCRIPTIONS.conference.announce,
				fields: {
					conference_name: name,
					text: expect.stringContaining('written as they should be heard'),
				},
				required: ['conference_name', 'text'],
			},
			End_Conference: {
				description: TOOL_DESCRIPTIONS.conference.end,
				fields: { conference_name: name },
				required: ['conference_name'],
			},
			List_Running_Conferences: {
				description: TOOL_DESCRIPTIONS.conference.getAll,
				fields: {},
				required: [],
			},
			List_Participants: {
				description: TOOL_DESCRIPTIONS.participant.getAll,
				fields: { conference_sid: conferenceSid },
				required: ['conference_sid'],
			},
			Mute_Participant: {
				description: TOOL_DESCRIPTIONS.participant.mute,
				fields: {
					conference_sid: conferenceSid,
					call_sid: expect.stringContaining("The participant's call_sid"),
				},
				required: ['conference_sid', 'call_sid'],
			},
		});
	});

	it('Announce (By Name) speaks into "All hands" and returns its sid, name and state', async () => {
		const client = await connect(MCP_CONTROLS.path);
		const { result, requests } = await call(client, 'Announce_Into_Conference', {
			conference_name: 'All hands',
			text: MCP_ANNOUNCEMENT,
		});
		const said = await sandbox.said();
		await client.close();

		expect(result.isError).toBeUndefined();
		const [announced] = JSON.parse(result.content[0].text);
		expect(announced).toEqual({
			announced: { type: 'text', text: MCP_ANNOUNCEMENT },
			script: {
				sid: expect.stringMatching(UUID),
				name: expect.stringMatching(/^n8n-conference-template-[0-9a-f]{32}$/),
				requestUrl: `${sandbox.spaceUrl}/laml-bins/${announced.script.sid}`,
				// The agent's announcement in this sandbox may have written the template already.
				reused: expect.any(Boolean),
			},
			conference: {
				sid: expect.stringMatching(UUID),
				friendly_name: 'All hands',
				status: 'in-progress',
			},
		});
		expect(requests.map(wire)).toEqual(announceByName('All hands', MCP_ANNOUNCEMENT, announced));
		expect(said).toEqual([
			expect.objectContaining({ conference: 'All hands', verb: 'Say', text: MCP_ANNOUNCEMENT }),
		]);
	});

	it('End (By Name) ends the one running "Deploy war room" and returns it completed', async () => {
		await fireEvent(sandbox, 'participant-join', 'Deploy war room');
		const client = await connect(MCP_CONTROLS.path);
		const { result, requests } = await call(client, 'End_Conference', {
			conference_name: 'Deploy war room',
		});
		await client.close();

		expect(result.isError).toBeUndefined();
		const [ended] = JSON.parse(result.content[0].text);
		expect(ended).toMatchObject({ friendly_name: 'Deploy war room', status: 'completed' });
		expect(ended.sid).toMatch(UUID);
		const all = accountPath(sandbox);
		expect(requests.map(wire)).toEqual([
			{
				method: 'GET',
				path: `${all}/Conferences`,
				query: [
					['FriendlyName', 'Deploy war room'],
					['Status', 'in-progress'],
					['PageSize', '2'],
				],
				form: [],
			},
			{
				method: 'POST',
				path: `${all}/Conferences/${ended.sid}`,
				query: [],
				form: [['Status', 'completed']],
			},
		]);
	});

	it('Mute takes the sids a model read from the two lists, and mutes that participant', async () => {
		const client = await connect(MCP_CONTROLS.path);
		const listed = await call(client, 'List_Running_Conferences', {});
		const allHands = JSON.parse(listed.result.content[0].text).find(
			(conference) => conference.friendly_name === 'All hands',
		);
		const people = await call(client, 'List_Participants', { conference_sid: allHands.sid });
		const guest = JSON.parse(people.result.content[0].text).find(
			(participant) => !participant.muted,
		);
		const muted = await call(client, 'Mute_Participant', {
			conference_sid: allHands.sid,
			call_sid: guest.call_sid,
		});
		await client.close();

		const all = accountPath(sandbox);
		expect(people.requests.map(wire)).toEqual([
			{
				method: 'GET',
				path: `${all}/Conferences/${allHands.sid}/Participants`,
				query: [['PageSize', '1000']],
				form: [],
			},
		]);
		expect(muted.result.isError).toBeUndefined();
		expect(JSON.parse(muted.result.content[0].text)).toEqual([
			expect.objectContaining({
				call_sid: guest.call_sid,
				conference_sid: allHands.sid,
				muted: true,
			}),
		]);
		expect(muted.requests.map(wire)).toEqual([
			{
				method: 'POST',
				path: `${all}/Conferences/${allHands.sid}/Participants/${guest.call_sid}`,
				query: [],
				form: [['Muted', 'true']],
			},
		]);
	});

	it('an API failure (a conference SignalWire does not know) comes back as a tool error', async () => {
		const unknown = '0f0e0d0c-0b0a-4908-8706-050403020100';
		const client = await connect(MCP_CONTROLS.path);
		const { result, requests } = await call(client, 'Mute_Participant', {
			conference_sid: unknown,
			call_sid: unknown,
		});
		await client.close();

		const path = `${accountPath(sandbox)}/Conferences/${unknown}/Participants/${unknown}`;
		// n8n wraps the node's NodeApiError in a NodeOperationError, keeping its message and details.
		expect(result).toEqual({
			isError: true,
			content: [
				{
					type: 'text',
					text: `NodeOperationError: The requested resource ${path} was not found (SignalWire error 20404, HTTP 404)\n\nDetails: No participant with call ID "${unknown}" is in conference "${unknown}": check both IDs (a participant who left is no longer listed).`,
				},
			],
		});
		expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			`POST ${path}`,
		]);
	});

	it('a conference name that is not running comes back as a tool error, and nothing is ended', async () => {
		const client = await connect(MCP_CONTROLS.path);
		const { result, requests } = await call(client, 'End_Conference', {
			conference_name: 'Deploy war room',
		});
		await client.close();

		expect(result).toEqual({
			isError: true,
			content: [
				{
					type: 'text',
					text: 'NodeOperationError: No conference named "Deploy war room" is in progress: nothing was ended\n\nDetails: Check the name (it must match exactly, including case), or choose the conference from the list.',
				},
			],
		});
		expect(requests.map((request) => request.method)).toEqual(['GET']);
	});

	it('a refused Add (a number that is not E.164) comes back as a tool error, and no call is placed', async () => {
		const client = await connect('signalwire-add-e2e');
		const { result, requests } = await call(client, 'Add_Participant', {
			conference_name: 'All hands',
			to: BOB_AS_SPOKEN,
		});
		await client.close();

		expect(result).toEqual({
			isError: true,
			content: [
				{
					type: 'text',
					text: `NodeOperationError: To "${BOB_AS_SPOKEN}" is neither a phone number in E.164 format nor a SIP address\n\nDetails: Use + and the country code, e.g. +15551230001, or a SIP address such as sip:alice@example.com.`,
				},
			],
		});
		expect(requests).toEqual([]);
	});

	it('Add takes a number written the way people write it and dials it into the conference', async () => {
		const client = await connect('signalwire-add-e2e');
		const { result, requests } = await call(client, 'Add_Participant', {
			conference_name: 'All hands',
			to: '+1 (555) 123-0002',
		});
		const joined = await sandbox.joined();
		await client.close();

		expect(result.isError).toBeUndefined();
		const [added] = JSON.parse(result.content[0].text);
		expect(added.call).toMatchObject({
			to: '+15551230002',
			from: '+15550100001',
			status: 'queued',
		});
		const createCall = requests.filter(
			(request) => request.method === 'POST' && request.path === `${accountPath(sandbox)}/Calls`,
		);
		expect(createCall.map((request) => request.form)).toEqual([
			[
				['To', '+15551230002'],
				['From', '+15550100001'],
				['Url', `${added.script.requestUrl}?n8n_conference=All%20hands`],
			],
		]);
		expect(joined).toEqual([
			expect.objectContaining({
				to: '+15551230002',
				from: '+15550100001',
				conference: 'All hands',
				callSid: added.call.sid,
			}),
		]);
	});
});
