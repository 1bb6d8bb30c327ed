import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { runNode } from './harness/engine';
import { useSignalWireServer } from './harness/fixtures';

interface ExampleWorkflow {
	name: string;
	nodes: Array<{ name: string; type: string; parameters: Record<string, unknown> }>;
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
}

const examplesFolder = join(__dirname, '..', 'examples');
const NODE_TYPE = 'n8n-nodes-signalwire-conference.signalWireConference';

function readExample(file: string): ExampleWorkflow {
	return JSON.parse(readFileSync(join(examplesFolder, file), 'utf8')) as ExampleWorkflow;
}

/** Runs the chain of SignalWire nodes of an example, each fed the previous one's output, through the engine. */
async function runChain(workflow: ExampleWorkflow, credentials: ICredentialDataDecryptedObject) {
	const outputs: Record<string, IDataObject[]> = {};
	let current = workflow.nodes.find((node) => node.type.endsWith('manualTrigger'))!.name;
	let items: IDataObject[] = [{}];
	for (;;) {
		const next = workflow.connections[current]?.main[0]?.[0]?.node;
		if (next === undefined) return outputs;
		const node = workflow.nodes.find((candidate) => candidate.name === next)!;
		expect(node.type).toBe(NODE_TYPE);
		const run = await runNode({ parameters: node.parameters, items, credentials });
		expect(run.error).toBeUndefined();
		items = run.items.map((item) => item.json);
		outputs[node.name] = items;
		current = next;
	}
}

describe('example workflows in examples/', () => {
	const space = useSignalWireServer();

	it('ships the two documented examples', () => {
		expect(readdirSync(examplesFolder).sort()).toEqual(
			expect.arrayContaining(['announce-into-conference.json', 'end-conferences-named.json']),
		);
	});

	it('"end every in-progress conference named X" ends exactly those conferences', async () => {
		const store = space.server.store;
		const targets = [
			store.addConference({ friendlyName: 'Support bridge' }),
			store.addConference({ friendlyName: 'Support bridge' }),
		];
		const otherName = store.addConference({ friendlyName: 'Sales' });
		const alreadyOver = store.addConference({ friendlyName: 'Support bridge', status: 'completed' });

		const outputs = await runChain(readExample('end-conferences-named.json'), space.credentials);

		expect(outputs['End Conference'].map((conference) => conference.sid).sort()).toEqual(
			targets.map((conference) => conference.sid).sort(),
		);
		expect(targets.map((conference) => conference.status)).toEqual(['completed', 'completed']);
		expect(otherName.status).toBe('in-progress');
		expect(alreadyOver.announcements).toEqual([]);
	});

	it('"announce into a conference" plays the announcement into the running "All hands"', async () => {
		const store = space.server.store;
		const allHands = store.addConference({ friendlyName: 'All hands' });
		store.addConference({ friendlyName: 'All hands', status: 'completed' });

		const outputs = await runChain(readExample('announce-into-conference.json'), space.credentials);

		expect(outputs['Play Announcement'].map((conference) => conference.sid)).toEqual([allHands.sid]);
		expect(allHands.announcements).toEqual([
			{ url: 'https://example.com/announcements/maintenance.xml', method: 'GET' },
		]);
	});
});
