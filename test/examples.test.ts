/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- the rig, not shipped: n8n's rules for node code do not apply */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { Workflow } from 'n8n-workflow';

import { buildNode, runNode } from './harness/engine';
import { useSignalWireServer } from './harness/fixtures';
import { callPoll, callWebhook } from './harness/triggers';
import { callbackForm, signCallback } from './server/callbacks';
import { addPhoneNumber } from './server/phoneNumbers';

interface ExampleWorkflow {
	name: string;
	nodes: Array<{ name: string; type: string; parameters: Record<string, unknown> }>;
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
}

const examplesFolder = join(__dirname, '..', 'examples');
const NODE_TYPE = 'n8n-nodes-signalwire-conference.signalWireConference';

/** An expression of an example evaluated by n8n's expression engine against one item. */
function evaluateExpression(expression: string, json: IDataObject): unknown {
	const node = buildNode({});
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => undefined as never,
			getByNameAndVersion: () => undefined as never,
			getKnownTypes: () => ({}),
		},
	});
	return workflow.expression.getParameterValue(
		expression,
		null,
		0,
		0,
		node.name,
		[{ json }],
		'manual',
		{},
	);
}

function readExample(file: string): ExampleWorkflow {
	return JSON.parse(readFileSync(join(examplesFolder, file), 'utf8')) as ExampleWorkflow;
}

/**
 * n8n's own nodes are not installed for unit tests; these stand in for the ones the examples use
 * (the end-to-end suite runs the examples unchanged in a real n8n).
 */
const STAND_INS: Record<string, (items: IDataObject[]) => IDataObject[]> = {
	'Everyone but the Host': (items) => items.filter((item) => item.end_conference_on_exit === false),
	'Incident Details': () => [
		{ incidentId: '4711', title: 'Checkout errors above 5%', onCall: '+15551230001' },
	],
};

/** Runs the chain of SignalWire nodes of an example, each fed the previous one's output, through the engine. */
async function runChain(workflow: ExampleWorkflow, credentials: ICredentialDataDecryptedObject) {
	const outputs: Record<string, IDataObject[]> = {};
	let current = workflow.nodes.find((node) => node.type.endsWith('manualTrigger'))!.name;
	let items: IDataObject[] = [{}];
	for (;;) {
		const next = workflow.connections[current]?.main[0]?.[0]?.node;
		if (next === undefined) return outputs;
		const node = workflow.nodes.find((candidate) => candidate.name === next)!;
		current = next;
		if (STAND_INS[node.name]) {
			items = STAND_INS[node.name](items);
			continue;
		}
		expect(node.type).toBe(NODE_TYPE);
		const run = await runNode({ parameters: node.parameters, items, credentials });
		expect(run.error).toBeUndefined();
		items = run.items.map((item) => item.json);
		outputs[node.name] = items;
	}
}

const ALL_EXAMPLES = [
	...readdirSync(examplesFolder).filter((file) => file.endsWith('.json')),
	...readdirSync(join(examplesFolder, 'triggers')).map((file) => join('triggers', file)),
];

describe('examples a no-code builder can adapt', () => {
	it.each(ALL_EXAMPLES)('%s says on the canvas what it does and what to change', (file) => {
		const notes = readExample(file)
			.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote')
			.map((node) => String(node.parameters.content));
		expect(notes.some((note) => note.startsWith('## '))).toBe(true);
		expect(notes.some((note) => note.includes('### What to change'))).toBe(true);
		expect(notes.join('\n')).toMatch(/credential/i);
	});

	it.each(ALL_EXAMPLES)('%s uses plain expressions, no code', (file) => {
		const expressions =
			JSON.stringify(readExample(file).nodes).match(/={{[^}]*}}|{{[^}]*}}/g) ?? [];
		for (const expression of expressions) {
			expect(expression).not.toMatch(/Date\.parse|\.replace\(|JSON\.stringify|Math\.|=>|function/);
		}
	});

	it('explains the host rule beside the filter that applies it', () => {
		const workflow = readExample('mute-everyone-except-host.json');
		const note = workflow.nodes.find((node) => node.name === 'How the Host Is Recognised');
		expect(String(note?.parameters.content)).toContain('endConferenceOnExit');
		expect(workflow.nodes.some((node) => node.name === 'Everyone but the Host')).toBe(true);
	});
});

describe('example workflows in examples/', () => {
	const space = useSignalWireServer();

	it('ships the documented examples', () => {
		expect(readdirSync(examplesFolder).sort()).toEqual(
			expect.arrayContaining([
				'announce-into-conference.json',
				'end-conferences-named.json',
				'incident-pull-in-on-call.json',
				'mcp-conference-controls.json',
				'mute-everyone-except-host.json',
			]),
		);
	});

	it('"end every in-progress conference named X" ends exactly those conferences', async () => {
		const store = space.server.store;
		const targets = [
			store.addConference({ friendlyName: 'Support bridge' }),
			store.addConference({ friendlyName: 'Support bridge' }),
		];
		const otherName = store.addConference({ friendlyName: 'Sales' });
		const alreadyOver = store.addConference({
			friendlyName: 'Support bridge',
			status: 'completed',
		});

		const outputs = await runChain(readExample('end-conferences-named.json'), space.credentials);

		expect(outputs['End Conference'].map((conference) => conference.sid).sort()).toEqual(
			targets.map((conference) => conference.sid).sort(),
		);
		expect(targets.map((conference) => conference.status)).toEqual(['completed', 'completed']);
		expect(otherName.status).toBe('in-progress');
		expect(alreadyOver.announcements).toEqual([]);
	});

	it('"announce into a conference" speaks the text into the running "All hands"', async () => {
		const store = space.server.store;
		store.scripts.clear();
		const allHands = store.addConference({ friendlyName: 'All hands' });
		store.addConference({ friendlyName: 'All hands', status: 'completed' });

		const outputs = await runChain(readExample('announce-into-conference.json'), space.credentials);

		const [announced] = outputs['Say It Into All Hands'];
		expect(announced.announced).toEqual({
			type: 'text',
			text: 'Deploy 4.2 starts in five minutes',
			language: 'en-US',
		});
		expect(announced.conference).toMatchObject({ sid: allHands.sid, friendly_name: 'All hands' });
		expect(store.said).toEqual([
			expect.objectContaining({
				conferenceSid: allHands.sid,
				participant: null,
				verb: 'Say',
				language: 'en-US',
				text: 'Deploy 4.2 starts in five minutes',
			}),
		]);
	});

	it('"incident opens" calls the on-call engineer into "Incident 4711" and announces it in "All hands"', async () => {
		const store = space.server.store;
		store.scripts.clear();
		store.phoneNumbers.length = 0;
		addPhoneNumber(store, '+15550100001', 'Ops hotline');
		const allHands = store.addConference({ friendlyName: 'All hands' });

		const outputs = await runChain(readExample('incident-pull-in-on-call.json'), space.credentials);

		const bridge = store.listConferences().find((c) => c.friendlyName === 'Incident 4711')!;
		expect(bridge.status).toBe('in-progress');
		expect(store.joined).toEqual([
			expect.objectContaining({
				to: '+15551230001',
				from: '+15550100001',
				conference: 'Incident 4711',
				conferenceSid: bridge.sid,
				beep: 'onEnter',
			}),
		]);
		expect(outputs['Call the On-Call Engineer Into the Bridge'][0]).toMatchObject({
			call: { to: '+15551230001', from: '+15550100001', status: 'queued' },
			conference: { sid: null, friendly_name: 'Incident 4711' },
		});
		expect(store.said).toEqual([
			expect.objectContaining({
				conferenceSid: allHands.sid,
				verb: 'Say',
				language: 'en-US',
				text: 'Incident 4711 is open. The on-call engineer is joining the bridge.',
			}),
		]);
	});

	it('"mute everyone except the host" mutes every participant of "All hands" but the host', async () => {
		const store = space.server.store;
		const allHands = store.addConference({ friendlyName: 'All hands' });
		const host = store.addParticipant(allHands, { endConferenceOnExit: true });
		const guests = [
			store.addParticipant(allHands),
			store.addParticipant(allHands, { muted: true }),
		];
		const elsewhere = store.addParticipant(store.addConference({ friendlyName: 'Sales' }));

		const outputs = await runChain(
			readExample('mute-everyone-except-host.json'),
			space.credentials,
		);

		expect(outputs['Mute Participant'].map((participant) => participant.call_sid)).toEqual(
			guests.map((guest) => guest.callSid),
		);
		expect(guests.map((guest) => guest.muted)).toEqual([true, true]);
		expect(host.muted).toBe(false);
		expect(elsewhere.muted).toBe(false);
	});
});

describe('trigger examples in examples/triggers/', () => {
	const space = useSignalWireServer();
	const readTrigger = (file: string) => readExample(join('triggers', file));

	it('"when a conference ends, post its duration" emits the ended conference and builds the chat message', async () => {
		const workflow = readTrigger('conference-ended-post-duration.json');
		const trigger = workflow.nodes.find((node) =>
			node.type.endsWith('signalWireConferencePollingTrigger'),
		)!;
		const post = workflow.nodes.find((node) => node.name === 'Post to Chat')!;
		const now = Date.now();
		space.server.store.addConference({
			friendlyName: 'Support bridge',
			status: 'completed',
			createdAt: new Date(now - 47 * 60_000),
			updatedAt: new Date(now - 5 * 60_000),
		});

		const polled = await callPoll(trigger.parameters, space.credentials, {
			'node:SignalWire': { since: now - 10 * 60_000, lastPoll: now - 10 * 60_000, emitted: {} },
		});
		const conference = polled![0][0].json;
		const body = post.parameters.bodyParameters as {
			parameters: Array<{ name: string; value: string }>;
		};

		expect(
			body.parameters.map(({ name, value }) => [name, evaluateExpression(value, conference)]),
		).toEqual([['text', 'Conference "Support bridge" ended after 42 min']]);
	});

	it('"when someone joins the Support bridge, announce" verifies the callback and announces into that conference', async () => {
		const workflow = readTrigger('participant-joined-announce.json');
		const trigger = workflow.nodes.find((node) =>
			node.type.endsWith('signalWireConferenceTrigger'),
		)!;
		const announce = workflow.nodes.find((node) => node.name === 'Announce Newcomer')!;
		const conference = space.server.store.addConference({ friendlyName: 'Support bridge' });
		const url =
			'https://n8n.example.com/webhook/5d0c7a52-31f4-4b7e-9d2a-8c1e6f3b4a90/signalwire-conference';
		const form = callbackForm(
			space.server.store,
			'participant-join',
			conference,
			1,
			space.server.store.addParticipant(conference),
		);

		const { result } = await callWebhook(
			trigger.parameters,
			{
				url,
				body: form.toString(),
				headers: { 'X-SignalWire-Signature': signCallback('PSKexample', url, form) },
			},
			'PSKexample',
		);
		const joined = result
			.workflowData![0].map((item) => item.json)
			.filter((json) => json.FriendlyName === 'Support bridge');
		space.server.requests.length = 0;
		const run = await runNode({
			parameters: announce.parameters,
			items: joined,
			credentials: space.credentials,
		});

		expect(run.error).toBeUndefined();
		// Announce → Text into the conference the callback names: nothing hosted, no Announce URL to fill in.
		expect(space.server.store.said).toEqual([
			expect.objectContaining({
				conferenceSid: conference.sid,
				participant: null,
				verb: 'Say',
				language: 'en-US',
				text: 'Someone just joined the support bridge.',
			}),
		]);
		const account = `/api/laml/2010-04-01/Accounts/${space.server.options.projectId}`;
		const [script] = [...space.server.store.scripts.values()];
		const requests = space.server.requests.map(({ method, path, rawQuery, form }) => ({
			request: `${method} ${path.replace(account, '…')}${rawQuery ? `?${rawQuery}` : ''}`,
			form,
		}));
		expect(requests).toEqual([
			{ request: `GET …/Conferences/${conference.sid}`, form: [] },
			{ request: `GET …/LamlBins?Name=${script.name}&PageSize=50`, form: [] },
			{
				request: 'POST …/LamlBins',
				form: [
					['Name', script.name],
					[
						'Contents',
						'<?xml version="1.0" encoding="UTF-8"?><Response><Say language="{{n8n_language}}">{{n8n_text}}</Say></Response>',
					],
				],
			},
			{
				request: `POST …/Conferences/${conference.sid}`,
				form: [
					[
						'AnnounceUrl',
						`${space.server.origin}/laml-bins/${script.sid}?n8n_language=en-US&n8n_text=Someone%20just%20joined%20the%20support%20bridge.`,
					],
				],
			},
		]);
		expect(script.name).toMatch(/^n8n-conference-template-[0-9a-f]{32}$/);
	});
});
