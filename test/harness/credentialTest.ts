import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeCredentialTestResult,
	INodeType,
	IRunExecutionData,
	IWorkflowBase,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { SignalWireApi } from '../../credentials/SignalWireApi.credentials';
import { buildAdditionalData } from './engine';

/**
 * The credential's `test` block run the way n8n's CredentialsTester runs it (n8n 2.41.1,
 * `testCredentials`): the request becomes the routing of a temporary declarative node that
 * n8n-core's RoutingNode sends with the credentials; a failed status is matched to the rules.
 */
export async function runCredentialTest(
	credentials: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const credentialType = new SignalWireApi();
	const testNodeType = {
		description: {
			displayName: 'Temp',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'signalWireApi', required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: credentialType.test.request },
					default: '',
				},
			],
		},
	} as unknown as INodeType;
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'credentialTest',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { signalWireApi: { id: 'credential-1', name: 'SignalWire account' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => testNodeType,
			getByNameAndVersion: () => testNodeType,
			getKnownTypes: () => ({}),
		},
	});
	const additionalData = buildAdditionalData(
		{ nodes: [node], connections: {} } as unknown as IWorkflowBase,
		credentials,
	);
	const runExecutionData = { resultData: { runData: {} } } as unknown as IRunExecutionData;
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		runExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, testNodeType, {
		id: 'credential-1',
		name: 'SignalWire account',
		type: 'signalWireApi',
		data: credentials,
	});
	try {
		await routingNode.runNode();
	} catch (error) {
		const cause = (error as { cause?: { response?: { status: number }; code?: string } }).cause;
		const status = cause?.response?.status;
		if (status !== undefined) {
			const rule = credentialType.test.rules?.find(
				(candidate) => candidate.type === 'responseCode' && candidate.properties.value === status,
			);
			return {
				status: 'Error',
				message: rule ? String(rule.properties.message) : `Received HTTP status code: ${status}`,
			};
		}
		return { status: 'Error', message: cause?.code ?? (error as Error).message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
