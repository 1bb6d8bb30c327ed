import { HookContext, PollContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowBase,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import {
	buildAdditionalData,
	buildNode,
	buildWorkflow,
	nodeTypeInstances,
	PACKAGE,
} from './engine';

const POLLING_TRIGGER = `${PACKAGE}.signalWireConferencePollingTrigger`;
const WEBHOOK_TRIGGER = `${PACKAGE}.signalWireConferenceTrigger`;
export const WEBHOOK_ID = '7f1c2b3a-9d8e-4f6a-8b4c-3d2e1f0a9b8c';

function setUp(
	type: string,
	parameters: Record<string, unknown>,
	staticData: IDataObject,
	credentials: ICredentialDataDecryptedObject,
	others: Record<string, ICredentialDataDecryptedObject> = {},
) {
	// n8n gives every webhook node a webhookId when it is added to a workflow.
	const node = { ...buildNode(parameters, { nodeType: type }), webhookId: WEBHOOK_ID };
	const workflow = buildWorkflow(node, staticData);
	const workflowData = {
		id: workflow.id,
		name: 'test',
		nodes: [node],
		connections: {},
	} as unknown as IWorkflowBase;
	const additionalData = buildAdditionalData(workflowData, credentials, others);
	return { node, workflow, additionalData };
}

/**
 * One poll of the polling trigger through n8n-core's PollContext. Pass the same `staticData`
 * object to later polls to keep the trigger's memory; a JSON copy simulates a restart.
 */
export async function callPoll(
	parameters: Record<string, unknown>,
	credentials: ICredentialDataDecryptedObject,
	staticData: IDataObject,
	mode: WorkflowExecuteMode = 'trigger',
): Promise<INodeExecutionData[][] | null> {
	const { node, workflow, additionalData } = setUp(
		POLLING_TRIGGER,
		parameters,
		staticData,
		credentials,
	);
	const context = new PollContext(workflow, node, additionalData, mode, 'activate');
	const result = await nodeTypeInstances[POLLING_TRIGGER].poll!.call(context);
	// n8n saves changed static data after each poll; the harness keeps the object the test holds.
	Object.assign(staticData, workflow.staticData);
	return result;
}

export interface CallbackRequest {
	/** The URL as n8n saw it: scheme and host from the request, path and query from originalUrl. */
	url: string;
	headers?: Record<string, string>;
	/** The raw form body as SignalWire sends it. */
	body: string;
	contentType?: string;
}

export interface CapturedResponse {
	status: number;
	body: unknown;
}

function fakeRequest(request: CallbackRequest) {
	const url = new URL(request.url);
	const headers: Record<string, string> = {
		host: url.host,
		'content-type': request.contentType ?? 'application/x-www-form-urlencoded',
	};
	for (const [name, value] of Object.entries(request.headers ?? {}))
		headers[name.toLowerCase()] = value;
	const body: IDataObject = {};
	for (const [name, value] of new URLSearchParams(request.body)) {
		const existing = body[name];
		body[name] =
			existing === undefined
				? value
				: Array.isArray(existing)
					? [...existing, value]
					: [existing, value];
	}
	return {
		headers,
		body,
		rawBody: Buffer.from(request.body),
		protocol: url.protocol.slice(0, -1),
		originalUrl: `${url.pathname}${url.search}`,
		url: `${url.pathname}${url.search}`,
		params: {},
		query: Object.fromEntries(url.searchParams),
		get: (name: string) => headers[name.toLowerCase()],
	};
}

function fakeResponse(captured: CapturedResponse) {
	const response = {
		status(code: number) {
			captured.status = code;
			return response;
		},
		send(body: unknown) {
			captured.body = body;
			return response;
		},
		json(body: unknown) {
			captured.body = body;
			return response;
		},
		end() {
			return response;
		},
	};
	return response;
}

export interface WebhookEnvironment {
	/**
	 * n8n's public webhook base, as N8N_WEBHOOK_URL sets it (n8n passes it to nodes as
	 * additionalData.webhookBaseUrl); by default n8n's own address.
	 */
	webhookBaseUrl?: string;
	/** The SignalWire API credentials, for a trigger that downloads recordings. */
	apiCredentials?: ICredentialDataDecryptedObject;
}

/** One callback through the webhook trigger's `webhook()`, in n8n-core's WebhookContext. */
export async function callWebhook(
	parameters: Record<string, unknown>,
	request: CallbackRequest,
	signingKey?: string,
	environment: WebhookEnvironment = {},
): Promise<{ result: IWebhookResponseData; response: CapturedResponse }> {
	const { node, workflow, additionalData } = setUp(
		WEBHOOK_TRIGGER,
		parameters,
		{},
		environment.apiCredentials ?? {},
		signingKey === undefined ? {} : { signalWireSigningKeyApi: { signingKeySecret: signingKey } },
	);
	if (environment.webhookBaseUrl !== undefined) {
		additionalData.webhookBaseUrl = environment.webhookBaseUrl;
	}
	const captured: CapturedResponse = { status: 200, body: undefined };
	additionalData.httpRequest = fakeRequest(request) as unknown as typeof additionalData.httpRequest;
	additionalData.httpResponse = fakeResponse(
		captured,
	) as unknown as typeof additionalData.httpResponse;
	const description = nodeTypeInstances[WEBHOOK_TRIGGER].description.webhooks![0];
	const webhookData: IWebhookData = {
		httpMethod: 'POST',
		node: node.name,
		path: String(description.path),
		webhookDescription: description,
		workflowId: String(workflow.id),
		workflowExecuteAdditionalData: additionalData,
		webhookId: WEBHOOK_ID,
	};
	const context = new WebhookContext(
		workflow,
		node,
		additionalData,
		'webhook',
		webhookData,
		[],
		null,
	);
	const result = await nodeTypeInstances[WEBHOOK_TRIGGER].webhook!.call(context);
	return { result, response: captured };
}

/** The webhook lifecycle n8n runs when the workflow is activated, through n8n-core's HookContext. */
export async function activateWebhook(
	parameters: Record<string, unknown>,
	signingKey: string | undefined,
	staticData: IDataObject,
): Promise<boolean> {
	const { node, workflow, additionalData } = setUp(
		WEBHOOK_TRIGGER,
		parameters,
		staticData,
		{},
		signingKey === undefined ? {} : { signalWireSigningKeyApi: { signingKeySecret: signingKey } },
	);
	const context = new HookContext(workflow, node, additionalData, 'trigger', 'activate');
	const methods = nodeTypeInstances[WEBHOOK_TRIGGER].webhookMethods!.default!;
	const exists = await methods.checkExists.call(context);
	const created = exists || (await methods.create.call(context));
	Object.assign(staticData, workflow.staticData);
	return created;
}
