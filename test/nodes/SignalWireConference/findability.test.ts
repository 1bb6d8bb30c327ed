/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- the rig, not shipped: n8n's rules for node code do not apply */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeTypeDescription } from 'n8n-workflow';

import { RESOURCES } from '../../../nodes/SignalWireConference/actions/resources';
import { SignalWireConference } from '../../../nodes/SignalWireConference/SignalWireConference.node';
import { SignalWireConferencePollingTrigger } from '../../../nodes/SignalWireConference/SignalWireConferencePollingTrigger.node';
import { SignalWireConferenceTrigger } from '../../../nodes/SignalWireConference/SignalWireConferenceTrigger.node';

/**
 * A model of n8n 2.41's node creator (editor-ui `nodeCreator.utils.ts`, `useActionsGeneration.ts`,
 * `@n8n/utils` `sublimeSearch`): a search keeps an entry when every typed character occurs in
 * order, ignoring case, in its display name or one of its codex aliases. A trigger whose type name
 * is another node's plus "Trigger" has no entry of its own: it is merged into that node's entry,
 * whose description becomes the trigger's and whose actions are the node's operations plus the
 * trigger's events. A trigger's entry shows its name without "Trigger". Opening a community node's entry lists all its actions (it has no search of its
 * own), so an action text must say the task plainly. The editor e2e test types the same phrases
 * into a real n8n.
 */
function matches(query: string, text: string): boolean {
	let found = 0;
	const typed = query.toLowerCase();
	for (const character of text.toLowerCase()) {
		if (character === typed[found]) found++;
	}
	return typed.length > 0 && found === typed.length;
}

interface Phrase {
	phrase: string;
	panel: 'node' | 'trigger';
	finds: Array<{ node: string; action?: string }>;
}

const root = join(__dirname, '..', '..', '..');
const phrases = (
	JSON.parse(readFileSync(join(root, 'docs', 'search-phrases.json'), 'utf8')) as {
		phrases: Phrase[];
	}
).phrases;

function codexAliases(description: INodeTypeDescription): string[] {
	const file = `${description.name.charAt(0).toUpperCase()}${description.name.slice(1)}.node.json`;
	const path = join(root, 'nodes', 'SignalWireConference', file);
	return (JSON.parse(readFileSync(path, 'utf8')) as { alias?: string[] }).alias ?? [];
}

function eventActions(description: INodeTypeDescription): string[] {
	const events = description.properties.find((property) =>
		['event', 'events'].includes(property.displayName.toLowerCase()),
	);
	return (events?.options ?? []).map((option) => String((option as { action?: string }).action));
}

const node = new SignalWireConference().description;
const trigger = new SignalWireConferenceTrigger().description;
const polling = new SignalWireConferencePollingTrigger().description;
const operationActions = RESOURCES.flatMap((resource) =>
	Object.values(resource.operations).map((operation) => operation.option.action),
);

/** The panel's entries for this package, as n8n builds them. */
const entries = [
	{
		displayName: node.displayName,
		shown: node.displayName,
		description: trigger.description,
		aliases: codexAliases(node),
		actions: [...operationActions, ...eventActions(trigger)],
	},
	{
		displayName: polling.displayName,
		shown: polling.displayName.replace('Trigger', '').trim(),
		description: polling.description,
		aliases: codexAliases(polling),
		actions: eventActions(polling),
	},
];

/** The README's table row of a phrase. */
function readmeRow({ phrase, panel, finds }: Phrase): string {
	const found = finds
		.map(({ node: name, action }) => (action ? `**${name}** → *${action}*` : `**${name}**`))
		.join('; ');
	return `| "${phrase}" | ${panel === 'node' ? 'Node panel' : 'Trigger panel'} | ${found} |`;
}

const panelFinds = (query: string) =>
	entries.filter(
		(entry) =>
			matches(query, entry.displayName) || entry.aliases.some((alias) => matches(query, alias)),
	);

describe('findable by the words people type, in the node and trigger panels', () => {
	it('merges the webhook trigger into the node entry, as n8n does by type name', () => {
		expect(trigger.name).toBe(`${node.name}Trigger`);
		expect(polling.name.replace('Trigger', '')).not.toBe(node.name);
	});

	it.each(phrases.map((entry) => [entry.phrase, entry]))(
		'"%s" finds the promised entries, which list the promised actions',
		(_phrase, { phrase, finds }) => {
			const found = panelFinds(phrase);
			for (const { node: name, action } of finds) {
				const entry = found.find((candidate) => candidate.shown === name);
				expect(entry?.shown).toBe(name);
				if (action !== undefined) expect(entry?.actions).toContain(action);
			}
		},
	);

	it('gives every event of both triggers an action text in the words people type', () => {
		for (const text of [...eventActions(trigger), ...eventActions(polling)]) {
			expect(text).toMatch(/^When [a-z]/);
		}
	});

	it('gives every entry a description that reads as a sentence in the panel', () => {
		for (const entry of entries) {
			expect(entry.description).toMatch(/^[A-Z][^.]{20,140}$/);
		}
		expect(node.description).toMatch(/^[A-Z][^.]{20,140}$/);
	});

	it("lists exactly these phrases, and what they find, in the README's table", () => {
		const readme = readFileSync(join(root, 'README.md'), 'utf8');
		const section = readme
			.split('<!-- search-phrases: start -->')[1]
			?.split('<!-- search-phrases: end -->')[0];
		const rows = (section ?? '').split('\n').filter((line) => line.startsWith('| "'));
		expect(rows).toEqual(phrases.map(readmeRow));
	});
});
