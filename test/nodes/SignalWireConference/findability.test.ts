/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- the rig, not shipped: n8n's rules for node code do not apply */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { RESOURCES } from '../../../nodes/SignalWireConference/actions/resources';
import { SignalWireConference } from '../../../nodes/SignalWireConference/SignalWireConference.node';
import { SignalWireConferencePollingTrigger } from '../../../nodes/SignalWireConference/SignalWireConferencePollingTrigger.node';
import { SignalWireConferenceTrigger } from '../../../nodes/SignalWireConference/SignalWireConferenceTrigger.node';

/**
 * What n8n's node panel matches a search against (n8n 2.41's node creator): each node's display
 * name and its codex `alias` list, with every typed character found in order, ignoring case; inside
 * a node, its actions' `action` texts. The editor e2e test checks the same words in a real editor.
 */
function matches(query: string, text: string): boolean {
	let found = 0;
	for (const character of text.toLowerCase()) {
		if (character === query[found]?.toLowerCase()) found++;
	}
	return query.length > 0 && found === query.length;
}

const folder = join(__dirname, '..', '..', '..', 'nodes', 'SignalWireConference');
const nodes = [
	new SignalWireConference(),
	new SignalWireConferenceTrigger(),
	new SignalWireConferencePollingTrigger(),
].map(({ description }) => {
	const file = `${description.name.charAt(0).toUpperCase()}${description.name.slice(1)}.node.json`;
	const codex = JSON.parse(readFileSync(join(folder, file), 'utf8')) as { alias?: string[] };
	return { displayName: description.displayName, description: description.description, codex };
});

const panelFinds = (query: string) =>
	nodes
		.filter(
			(node) =>
				matches(query, node.displayName) ||
				(node.codex.alias ?? []).some((alias) => matches(query, alias)),
		)
		.map((node) => node.displayName);

const actions = RESOURCES.flatMap((resource) =>
	Object.values(resource.operations).map((operation) => operation.option.action),
);
const actionsFound = (query: string) => actions.filter((action) => matches(query, action));

describe('findable by task in the node panel', () => {
	it.each([
		'end conference',
		'mute participant',
		'hang up',
		'kick',
		'announce',
		'recording',
		'bridge',
		'conference call',
		'hold',
		'add participant',
	])('"%s" finds the SignalWire Conference node', (query) => {
		expect(panelFinds(query)).toContain('SignalWire Conference');
	});

	it.each(['participant joined', 'conference ended', 'webhook'])(
		'"%s" finds the SignalWire Conference Trigger',
		(query) => {
			expect(panelFinds(query)).toContain('SignalWire Conference Trigger');
		},
	);

	// Add a row when an operation lands (Conference → End: ['end', 'End a conference']).
	it.each([
		['end', 'Update a conference: end it or play an announcement'],
		['announce', 'Update a conference: end it or play an announcement'],
		['mute', 'Mute a participant'],
		['unmute', 'Unmute a participant'],
		['hold', 'Put a participant on hold'],
		['kick', 'Remove (kick) a participant: hang up their call'],
		['hang up', 'Remove (kick) a participant: hang up their call'],
		['pause recording', 'Pause, resume or stop a conference recording'],
		['transcription', 'Start a conference audio stream, e.g. for live transcription'],
	])('inside the node, "%s" finds "%s"', (query, action) => {
		expect(actionsFound(query)).toContain(action);
	});

	it('gives every node a description that reads as a sentence in the panel', () => {
		for (const node of nodes) {
			expect(node.description).toMatch(/^[A-Z][^.]{20,140}$/);
		}
	});
});
