import type { INodeTypeDescription } from 'n8n-workflow';

import { RESOURCES } from '../../../nodes/SignalWireConference/actions/resources';
import { SignalWireConference } from '../../../nodes/SignalWireConference/SignalWireConference.node';
import { SignalWireConferenceTrigger } from '../../../nodes/SignalWireConference/SignalWireConferenceTrigger.node';
import { buildNode, buildWorkflow, PACKAGE } from '../../harness/engine';

/** The canvas subtitle of a node with these parameters, evaluated by n8n's expression engine. */
function subtitle(description: INodeTypeDescription, parameters: Record<string, unknown>) {
	const node = buildNode(parameters, { nodeType: `${PACKAGE}.${description.name}` });
	return buildWorkflow(node).expression.getSimpleParameterValue(
		node,
		description.subtitle as string,
		'manual',
		{},
	);
}

describe('canvas subtitles in words', () => {
	const action = new SignalWireConference().description;
	const trigger = new SignalWireConferenceTrigger().description;

	it.each([
		['conferenceRecording', 'download', 'Download: conference recording'],
		['conference', 'end', 'End: conference'],
		['participant', 'getAll', 'Get many: participant'],
		['conferenceStream', 'start', 'Start: conference stream'],
	])('the action node with %s → %s reads "%s"', (resource, operation, expected) => {
		expect(subtitle(action, { resource, operation })).toBe(expected);
	});

	it('the webhook trigger names its events', () => {
		expect(
			subtitle(trigger, { events: ['conference-end', 'participant-join', 'recording-completed'] }),
		).toBe('Conference end, participant join, recording completed');
	});

	it('puts every operation of the action node into words, none left raw', () => {
		for (const resource of RESOURCES) {
			for (const { option } of Object.values(resource.operations)) {
				const text = subtitle(action, { resource: resource.value, operation: option.value });
				expect(text).toBe(
					`${option.name}: ${resource.name}`
						.toLowerCase()
						.replace(/^./, (first) => first.toUpperCase()),
				);
			}
		}
	});
});
