/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- the rig, not shipped: n8n's rules for node code do not apply */
import { EventEmitter } from 'node:events';

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

let setUps = 0;

/**
 * Each call is its own workflow with its own Signing Key credential, as two workflows or two
 * credentials in n8n would be (the trigger keeps a key per credential and remembers events per
 * workflow), unless the test names them.
 */
function setUp(
	type: string,
	parameters: Record<string, unknown>,
	staticData: IDataObject,
	credentials: ICredentialDataDecryptedObject,
	others: Record<string, ICredentialDataDecryptedObject> = {},
	ids: { workflowId?: string; signingKeyCredentialId?: string } = {},
) {
	setUps++;
	const base = buildNode(parameters, { nodeType: type });
	// n8n gives every webhook node a webhookId when it is added to a workflow.
	const node = {
		...base,
		webhookId: WEBHOOK_ID,
		credentials: {
			...base.credentials,
			signalWireSigningKeyApi: {
				id: ids.signingKeyCredentialId ?? `signing-key-${setUps}`,
				name: 'SignalWire signing key',
			},
		},
	};
	const workflow = buildWorkflow(node, staticData, ids.workflowId ?? `test-workflow-${setUps}`);
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
	/** Headers set with `set()`, only when any were. */
	headers?: Record<string, string>;
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

/**
 * The parts of Express's response the trigger uses: status, headers, a body, and the 'close'
 * event Node's response emits once the answer is sent (or the connection is gone).
 */
function fakeResponse(captured: CapturedResponse) {
	const response = Object.assign(new EventEmitter(), {
		statusCode: 200,
		writableFinished: false,
		status(code: number) {
			captured.status = code;
			response.statusCode = code;
			return response;
		},
		set(name: string, value: string) {
			captured.headers = { ...captured.headers, [name]: value };
			return response;
		},
		send(body: unknown) {
			captured.body = body;
			return response.end();
		},
		json(body: unknown) {
			return response.send(body);
		},
		end() {
			if (!response.writableFinished) {
				response.writableFinished = true;
				response.emit('close');
			}
			return response;
		},
	});
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
	/** n8n's mode for the request: 'manual' for the Test URL; a production webhook by default. */
	mode?: WorkflowExecuteMode;
	/** The same id in two calls: the same workflow (by default, each call is its own). */
	workflowId?: string;
	/** The same id in two calls: the same Signing Key credential (by default, each call has its own). */
	signingKeyCredentialId?: string;
	/** Reads of the Signing Key credential fail with this error (as n8n's do when its database is busy). */
	signingKeyReadError?: Error;
	/** Counts reads of the Signing Key credential. */
	onSigningKeyRead?: () => void;
	/**
	 * n8n's own answer once webhook() has returned (unless it answered itself): 200 by default, as
	 * n8n gives when it has started the workflow; 500 when it could not.
	 */
	n8nAnswer?: number;
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
		environment,
	);
	const helper = additionalData.credentialsHelper;
	const getDecrypted = helper.getDecrypted.bind(helper);
	helper.getDecrypted = async (...args: Parameters<typeof helper.getDecrypted>) => {
		if (args[2] === 'signalWireSigningKeyApi') {
			environment.onSigningKeyRead?.();
			if (environment.signingKeyReadError) throw environment.signingKeyReadError;
		}
		return await getDecrypted(...args);
	};
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
		environment.mode ?? 'webhook',
		webhookData,
		[],
		null,
	);
	const response = additionalData.httpResponse as unknown as ReturnType<typeof fakeResponse>;
	let result: IWebhookResponseData;
	try {
		result = await nodeTypeInstances[WEBHOOK_TRIGGER].webhook!.call(context);
	} catch (error) {
		// n8n answers a webhook() that throws with 500.
		response.statusCode = 500;
		response.end();
		throw error;
	}
	// With responseMode 'onReceived', n8n answers once it has started the workflow; `captured`
	// keeps only what the trigger itself answered.
	if (result.noWebhookResponse !== true && !response.writableFinished) {
		response.statusCode = environment.n8nAnswer ?? 200;
		response.end();
	}
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
