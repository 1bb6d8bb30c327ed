/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- the rig, not shipped: n8n's rules for node code do not apply */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { runNode } from './harness/engine';
import { useSignalWireServer } from './harness/fixtures';
import { callWebhook } from './harness/triggers';
import { recordingAudio } from './server/media';
import { recordingCallbackForm } from './server/recordingCallbacks';
import { signCallback } from './server/callbacks';

interface ExampleNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
}

const example = JSON.parse(
	readFileSync(
		join(__dirname, '..', 'examples', 'triggers', 'recording-ready-save-to-disk.json'),
		'utf8',
	),
) as {
	nodes: ExampleNode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
};

const space = useSignalWireServer();

/**
 * The SignalWire part of the example through the engine (n8n's Read/Write Files from Disk node is
 * not installed for unit tests; the e2e suite runs the whole example in a real n8n).
 */
describe('example "when a conference recording is ready, save it to disk"', () => {
	it('verifies the recording callback, downloads the MP3 and names the file the Write node saves', async () => {
		const [trigger, download, save] = ['Recording Ready', 'Download Recording', 'Save to Disk'].map(
			(name) => example.nodes.find((node) => node.name === name)!,
		);
		expect(example.connections['Recording Ready'].main[0][0].node).toBe('Download Recording');
		expect(example.connections['Download Recording'].main[0][0].node).toBe('Save to Disk');
		const store = space.server.store;
		const conference = store.addConference({ friendlyName: 'Support bridge' });
		const recording = store.addRecording(conference, {
			status: 'completed',
			createdAt: new Date('2026-11-27T08:15:30Z'),
		});
		const url =
			'https://n8n.example.com/webhook/8b3e6f1a-2c4d-4e5f-9a7b-1c2d3e4f5a60/signalwire-conference';
		const form = recordingCallbackForm(
			store,
			space.server.origin,
			conference,
			recording,
			'completed',
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
		const run = await runNode({
			parameters: download.parameters,
			items: result.workflowData![0].map((item) => item.json),
			credentials: space.credentials,
		});

		expect(run.error).toBeUndefined();
		const file = run.items[0].binary!.data;
		expect(file.fileName).toBe(`Support-bridge-2026-11-27-${recording.sid}.mp3`);
		expect(Buffer.from(file.data, 'base64').equals(recordingAudio().mp3)).toBe(true);
		expect(save.type).toBe('n8n-nodes-base.readWriteFile');
		expect(save.parameters).toMatchObject({
			operation: 'write',
			dataPropertyName: 'data',
			fileName: '=/home/node/.n8n-files/recordings/{{ $binary.data.fileName }}',
		});
	});
});
