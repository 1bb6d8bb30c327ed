import type { INode, INodeParameters, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { NodeHelpers as OldestNodeHelpers } from 'n8n-workflow-oldest';
// n8n-core's own conversion of a node into the tool a model sees (name, description, input schema),
// the code the AI Agent and the MCP Server Trigger run.
import { createNodeAsTool } from 'n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool';

import { RESOURCES } from '../../../../nodes/SignalWireConference/actions/resources';
import { TOOL_DESCRIPTIONS } from '../../../../nodes/SignalWireConference/actions/toolDescriptions';
import { SignalWireConference } from '../../../../nodes/SignalWireConference/SignalWireConference.node';

const plain = new SignalWireConference().description;

/**
 * The tool variant as n8n 2.x registers it for a node with `usableAsTool` (its tool-generation
 * code in the n8n package): the type name gets a "Tool" suffix, which is what `@tool` display
 * options test, and n8n adds its own `toolDescription` field only when the node has none.
 */
const toolVariant: INodeTypeDescription = {
	...plain,
	name: `${plain.name}Tool`,
	displayName: `${plain.displayName} Tool`,
};

/** A tool node as saved in a workflow, its parameters completed with defaults as n8n's Workflow does. */
function toolNode(name: string, parameters: INodeParameters, type = toolVariant): INode {
	const node: INode = {
		id: 'tool-node',
		name,
		type: `n8n-nodes-signalwire-conference.${type.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	node.parameters = NodeHelpers.getNodeParameters(
		type.properties,
		parameters,
		true,
		false,
		node,
		type,
	) as INodeParameters;
	return node;
}

function asTool(node: INode, type = toolVariant) {
	return createNodeAsTool({
		node,
		nodeType: { description: type } as INodeType,
		handleToolInvocation: async () => '',
	}).response;
}

const byName = (key: string, description: string) => ({
	__rl: true,
	mode: 'name',
	value: `={{ $fromAI('${key}', \`${description}\`, 'string') }}`,
});

const operations = RESOURCES.flatMap((resource) =>
	Object.keys(resource.operations).map((operation) => [resource.value, operation] as const),
);

describe('the node as a tool, through n8n-core', () => {
	it('has a description for every operation and none for an operation that does not exist', () => {
		expect(
			Object.entries(TOOL_DESCRIPTIONS).flatMap(([resource, texts]) =>
				Object.keys(texts).map((operation) => [resource, operation]),
			),
		).toEqual(expect.arrayContaining(operations.map((pair) => [...pair])));
		expect(Object.values(TOOL_DESCRIPTIONS).flatMap(Object.keys)).toHaveLength(operations.length);
	});

	it("carries n8n's pair of tool fields, so that n8n adds none of its own", () => {
		expect(plain.properties.filter((property) => property.name === 'toolDescription')).toHaveLength(
			operations.length,
		);
		expect(plain.properties.filter((property) => property.name === 'descriptionType')).toHaveLength(
			1,
		);
	});

	it.each(operations)(
		"%s → %s: the model reads the operation's own description",
		(resource, operation) => {
			const tool = asTool(toolNode('SignalWire Conference', { resource, operation }));

			expect(tool.description).toBe(TOOL_DESCRIPTIONS[resource][operation]);
			// OpenAI's function descriptions are limited to 1,024 characters.
			expect(tool.description.length).toBeLessThanOrEqual(1024);
		},
	);

	it('names the tool after its node and builds its input schema from the $fromAI placeholders', () => {
		const tool = asTool(
			toolNode('Announce Into Conference', {
				resource: 'conference',
				operation: 'announce',
				conferenceId: byName('conference_name', 'The conference name, e.g. All hands'),
				announcementType: 'text',
				text: "={{ $fromAI('text', `The words to say`, 'string') }}",
			}),
		);

		expect(tool.name).toBe('Announce_Into_Conference');
		expect(tool.description).toBe(TOOL_DESCRIPTIONS.conference.announce);
		expect(Object.keys(tool.schema.shape)).toEqual(['conference_name', 'text']);
		expect(tool.schema.shape.conference_name.description).toBe(
			'The conference name, e.g. All hands',
		);
	});

	it.each([
		[
			"keeps a description the workflow's author wrote",
			{ toolDescription: 'End the incident bridge when the incident is closed.' },
			'End the incident bridge when the incident is closed.',
		],
		[
			'"Set Automatically" gives n8n\'s text from the action',
			{ descriptionType: 'auto' },
			'End a conference in SignalWire Conference',
		],
	])('%s', (_title, chosen, expected) => {
		const tool = asTool(
			toolNode('End Conference', { resource: 'conference', operation: 'end', ...chosen }),
		);

		expect(tool.description).toBe(expected);
	});

	it('shows the fields only in the tool variant: a plain node keeps neither', () => {
		const node = toolNode(
			'SignalWire Conference',
			{ resource: 'conference', operation: 'end' },
			plain,
		);

		expect(node.parameters).not.toHaveProperty('toolDescription');
		expect(node.parameters).not.toHaveProperty('descriptionType');
	});

	// n8n 1.x reads toolDescription only with descriptionType "manual", and has no `@tool`.
	it('gives n8n 1.x (its n8n-workflow) "Set Manually" and the operation\'s text', () => {
		const parameters = OldestNodeHelpers.getNodeParameters(
			toolVariant.properties as Parameters<typeof OldestNodeHelpers.getNodeParameters>[0],
			{ resource: 'participant', operation: 'add' },
			true,
			false,
			null,
		);

		expect(parameters).toMatchObject({
			descriptionType: 'manual',
			toolDescription: TOOL_DESCRIPTIONS.participant.add,
		});
	});
});
