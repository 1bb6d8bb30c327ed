import { createHash } from 'node:crypto';

import { WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	IRunExecutionData,
	IWorkflowBase,
} from 'n8n-workflow';

import {
	buildAdditionalData,
	buildNode,
	buildWorkflow,
	NODE_NAME,
} from '../../../../harness/engine';
import type { SignalWireServer } from '../../../../server/SignalWireServer';
import { addPhoneNumber } from '../../../../server/phoneNumbers';

export const FROM_NUMBER = '+15550100001';

/**
 * The name the node gives the cXML Script holding `contents`: a prefix and the SHA-256 of it.
 * `cxml` is the prefix of the per-text scripts of earlier versions, which the node leaves alone.
 */
export function expectedScriptName(contents: string, kind: 'template' | 'cxml' = 'template') {
	const hash = createHash('sha256').update(contents, 'utf8').digest('hex').slice(0, 32);
	return `n8n-conference-${kind}-${hash}`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** The Say template without options: the Contents of the script every plain text uses. */
export const SAY_TEMPLATE = `${XML_DECLARATION}<Response><Say>{{n8n_text}}</Say></Response>`;

/** The query string of a script URL, as the node writes it: `%20` for spaces. */
export function templateQuery(values: Record<string, string>): string {
	return Object.entries(values)
		.map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
		.join('&');
}

/** A clean space: no scripts, calls or numbers left from the previous test, one number to call from. */
export function resetTelephony(server: SignalWireServer): void {
	server.store.scripts.clear();
	server.store.calls.clear();
	server.store.phoneNumbers.length = 0;
	server.store.now = () => new Date();
	addPhoneNumber(server.store, FROM_NUMBER, 'Ops hotline');
}

export function describeRequests(server: SignalWireServer): string[] {
	return server.requests.map(
		(request) =>
			`${request.method} ${request.path.replace(/^\/api\/laml\/2010-04-01\/Accounts\/[^/]+/, '')}${request.rawQuery ? `?${request.rawQuery}` : ''}`,
	);
}

/**
 * Runs the node with "Continue (using error output)": n8n-core then sends error items to the
 * second output. Returns both outputs.
 */
export async function runWithErrorOutput(
	parameters: Record<string, unknown>,
	items: IDataObject[],
	credentials: ICredentialDataDecryptedObject,
): Promise<{ success: INodeExecutionData[]; errors: INodeExecutionData[]; error?: unknown }> {
	const node = { ...buildNode(parameters), onError: 'continueErrorOutput' as const };
	const workflow = buildWorkflow(node);
	const workflowData = {
		id: workflow.id,
		name: 'test',
		nodes: [node],
		connections: {},
	} as unknown as IWorkflowBase;
	const additionalData = buildAdditionalData(workflowData, credentials);
	const runExecutionData = {
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [
				{ node, data: { main: [items.map((json) => ({ json }))] }, source: null },
			],
		},
	} as unknown as IRunExecutionData;
	const run = await new WorkflowExecute(
		additionalData,
		'manual',
		runExecutionData,
	).processRunExecutionData(workflow);
	const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
	return {
		success: taskData?.data?.main?.[0] ?? [],
		errors: taskData?.data?.main?.[1] ?? [],
		error: taskData?.error,
	};
}
