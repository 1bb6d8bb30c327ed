import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { SignalWireApi } from '../../credentials/SignalWireApi.credentials';
import { SignalWireSigningKeyApi } from '../../credentials/SignalWireSigningKeyApi.credentials';
import { SignalWireConference } from '../../nodes/SignalWireConference/SignalWireConference.node';
import { SignalWireConferencePollingTrigger } from '../../nodes/SignalWireConference/SignalWireConferencePollingTrigger.node';
import { SignalWireConferenceTrigger } from '../../nodes/SignalWireConference/SignalWireConferenceTrigger.node';
import { TestCredentialsHelper } from './credentialsHelper';

export const PACKAGE = 'n8n-nodes-signalwire-conference';
export const NODE_NAME = 'SignalWire';

export const nodeTypeInstances: Record<string, INodeType> = {
	[`${PACKAGE}.signalWireConference`]: new SignalWireConference(),
	[`${PACKAGE}.signalWireConferenceTrigger`]: new SignalWireConferenceTrigger(),
	[`${PACKAGE}.signalWireConferencePollingTrigger`]: new SignalWireConferencePollingTrigger(),
};

const nodeTypes: INodeTypes = {
	getByName: (type) => nodeTypeInstances[type],
	getByNameAndVersion: (type) => nodeTypeInstances[type],
	getKnownTypes: () => ({}),
};

export interface RunOptions {
	/** Node parameters as saved in a workflow; checked by the engine, not by the compiler. */
	parameters: Record<string, unknown>;
	credentials: ICredentialDataDecryptedObject;
	/** Input items; one empty item when omitted, as a manual trigger gives. */
	items?: IDataObject[];
	/** Shorthand for `onError: 'continueRegularOutput'`. */
	continueOnFail?: boolean;
	/** The node's On Error setting; the engine then routes items as n8n does. */
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	nodeType?: string;
	/** The node's Retry On Fail setting: tries (2 to 5) and the wait between them. */
	retryOnFail?: { maxTries: number; waitBetweenTries: number };
}

export interface NodeRun {
	/** The node's first output, with pairedItem kept. */
	items: INodeExecutionData[];
	/** Every output: with On Error → Continue (using error output), [success, error]. */
	outputs: INodeExecutionData[][];
	/** The error that stopped the workflow, if any. */
	error?: Error & { description?: string | null; context?: IDataObject; httpCode?: string | null };
	run?: IRun;
	/** What n8n logged during the run (its error reporter logs every node error). */
	logs: string;
}

/**
 * n8n's error reporter logs every node error through the DI logger; record those lines so tests
 * can assert what reaches the logs (never the token) without printing them.
 */
const loggedLines: string[] = [];
const recordingLogger: unknown = new Proxy(
	{},
	{
		get: (_target, property) =>
			property === 'scoped'
				? () => recordingLogger
				: (message: unknown, metadata?: unknown) => {
						loggedLines.push(
							`${String(property)}: ${String(message)} ${JSON.stringify(metadata ?? {})}`,
						);
					},
	},
);
Container.set(Logger, recordingLogger as Logger);

export function captureLogs() {
	const start = loggedLines.length;
	return { stop: () => loggedLines.slice(start).join('\n') };
}

export function buildWorkflow(
	node: INode,
	staticData?: IDataObject,
	id = 'test-workflow',
): Workflow {
	return new Workflow({
		id,
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1' },
		staticData,
	});
}

export function buildAdditionalData(
	workflowData: IWorkflowBase,
	credentials: ICredentialDataDecryptedObject,
	otherCredentials: Record<string, ICredentialDataDecryptedObject> = {},
): IWorkflowExecuteAdditionalData {
	const credentialsHelper = new TestCredentialsHelper(
		{ signalWireApi: new SignalWireApi(), signalWireSigningKeyApi: new SignalWireSigningKeyApi() },
		{ signalWireApi: credentials, ...otherCredentials },
	);
	return {
		credentialsHelper,
		hooks: new ExecutionLifecycleHooks('manual', 'test-execution', workflowData),
		executionId: 'test-execution',
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		formBaseUrl: 'http://127.0.0.1:5678/form',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
		currentNodeExecutionIndex: 0,
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export function buildNode(
	parameters: Record<string, unknown>,
	options: Partial<RunOptions> = {},
): INode {
	return {
		id: 'node-under-test',
		name: NODE_NAME,
		type: options.nodeType ?? `${PACKAGE}.signalWireConference`,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INodeParameters,
		credentials: {
			signalWireApi: { id: 'credential-1', name: 'SignalWire account' },
			signalWireSigningKeyApi: { id: 'credential-2', name: 'SignalWire signing key' },
		},
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		...(options.onError ? { onError: options.onError } : {}),
		...(options.retryOnFail ? { retryOnFail: true, ...options.retryOnFail } : {}),
	};
}

/** Runs one node through n8n-core's WorkflowExecute, the engine n8n itself runs workflows with. */
export async function runNode(options: RunOptions): Promise<NodeRun> {
	const node = buildNode(options.parameters, options);
	const workflow = buildWorkflow(node);
	const workflowData = {
		id: workflow.id,
		name: 'test',
		nodes: [node],
		connections: {},
	} as unknown as IWorkflowBase;
	const additionalData = buildAdditionalData(workflowData, options.credentials);
	const inputItems = (options.items ?? [{}]).map((json) => ({ json }));
	const runExecutionData: IRunExecutionData = {
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node, data: { main: [inputItems] }, source: null }],
		},
	} as unknown as IRunExecutionData;
	const capture = captureLogs();
	let run: IRun;
	try {
		run = await new WorkflowExecute(
			additionalData,
			'manual',
			runExecutionData,
		).processRunExecutionData(workflow);
	} catch (error) {
		// The engine refuses a workflow whose node parameters fail their own validation.
		return { items: [], outputs: [], error: error as NodeRun['error'], logs: capture.stop() };
	}
	const logs = capture.stop();
	const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
	const error = (taskData?.error ?? run.data.resultData.error) as NodeRun['error'];
	const outputs = (taskData?.data?.main ?? []).map((output) => output ?? []);
	return { items: outputs[0] ?? [], outputs, error, run, logs };
}

/** A `methods.listSearch` function called the way n8n's editor calls it, through n8n-core's context. */
export async function callListSearch(
	method: string,
	parameters: Record<string, unknown>,
	credentials: ICredentialDataDecryptedObject,
	filter?: string,
	paginationToken?: string,
) {
	const node = buildNode(parameters);
	const workflow = buildWorkflow(node);
	const workflowData = {
		id: workflow.id,
		name: 'test',
		nodes: [node],
		connections: {},
	} as unknown as IWorkflowBase;
	const additionalData = buildAdditionalData(workflowData, credentials);
	additionalData.currentNodeParameters = parameters as INodeParameters;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.conferenceId');
	const nodeType = nodeTypeInstances[node.type];
	const search = nodeType.methods!.listSearch![method];
	return await search.call(context, filter, paginationToken);
}
