import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import {
	RECORDING_PROPERTIES,
	recordingDownload,
	recordingWorkflowData,
	UNVERIFIED_DOWNLOAD_PROPERTY,
} from './trigger/attachRecording';
import {
	callbackToItem,
	CONFERENCE_EVENTS,
	cxmlWords,
	EVENT_OPTIONS,
	RECORDING_EVENTS,
} from './trigger/events';
import { isRepeatedEvent } from './trigger/repeats';
import { formPairs, refuseUnverified, verifiesSignature } from './trigger/verifyRequest';

export class SignalWireConferenceTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SignalWire Conference Trigger',
		name: 'signalWireConferenceTrigger',
		icon: { light: 'file:signalwire.svg', dark: 'file:signalwire.dark.svg' },
		group: ['trigger'],
		version: 1,
		// In words ("Conference end, participant join"), not the stored values.
		subtitle:
			'={{ ($parameter["events"] ?? []).join(", ").replace(/-/g, " ").replace(/^./, (first) => first.toUpperCase()) }}',
		// n8n's panels merge a trigger into the entry of the node it is named after and show this
		// text there, so it speaks for both, the trigger first.
		description:
			'Starts a workflow when a conference starts or ends, someone joins or leaves, or a recording is ready (and runs conference calls)',
		defaults: { name: 'SignalWire Conference Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'signalWireSigningKeyApi',
				required: true,
				testedBy: 'signalWireSigningKeyTest',
				displayOptions: { show: { verifySignature: [true] } },
			},
			{
				name: 'signalWireApi',
				required: true,
				displayOptions: { show: { events: ['recording-completed'], downloadRecording: [true] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'signalwire-conference',
			},
		],
		properties: [
			{
				displayName:
					'In the cXML that dials into the conference, add to &lt;Conference&gt;: <code>statusCallback="<b>this node\'s Production URL</b>" statusCallbackEvent="start end join leave mute hold speaker" statusCallbackMethod="POST"</code> (keep only the words of the events you pick below: start, end, join, leave, mute, hold, speaker). Only the first participant\'s attributes count, so put them on every &lt;Conference&gt; of the room.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['conference-end'],
				description:
					"Which events start the workflow; SignalWire's other callbacks are acknowledged and ignored",
				options: EVENT_OPTIONS,
			},
			...RECORDING_PROPERTIES,
			{
				displayName: 'Verify Signature',
				name: 'verifySignature',
				type: 'boolean',
				default: true,
				description:
					"Whether to accept only requests signed by SignalWire with your project's Signing Key (X-SignalWire-Signature); others are answered 401 and start nothing",
			},
			{
				displayName:
					'Requests are not verified: anyone who knows this URL can start the workflow. Turn on Verify Signature and add your SignalWire Signing Key.',
				name: 'unverifiedNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { verifySignature: [false] } },
			},
			UNVERIFIED_DOWNLOAD_PROPERTY,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Public Base URL',
						name: 'publicBaseUrl',
						type: 'string',
						default: '',
						placeholder: 'https://n8n.example.com',
						description:
							'When n8n runs behind a proxy: the scheme, host (and path prefix) SignalWire calls, so that signatures are checked against the URL SignalWire signed',
					},
				],
			},
		],
	};

	methods = {
		credentialTest: {
			async signalWireSigningKeyTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const key = String(credential.data?.signingKeySecret ?? '');
				if (key.trim() === '' || /\s/.test(key)) {
					return {
						status: 'Error',
						message:
							'The Signing Key is empty or contains spaces: copy it again from the API page of your SignalWire dashboard',
					};
				}
				return {
					status: 'OK',
					message:
						'The key is well-formed. SignalWire offers no API to check a Signing Key: a real callback proves it.',
				};
			},
		},
	};

	/**
	 * SignalWire has no API to register conference callbacks: they are set per call in cXML. The
	 * lifecycle checks the configuration when the workflow is activated and remembers what it
	 * activated, so that a misconfigured trigger fails at activation, not at the first callback.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node');
				return state.webhookUrl === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const events = this.getNodeParameter('events', []) as string[];
				if (events.length === 0) {
					throw new NodeOperationError(this.getNode(), 'Choose at least one event', {
						description: 'The trigger starts the workflow only for the events chosen under Events.',
					});
				}
				const verified = verifiesSignature(this);
				const completed = events.includes('recording-completed');
				if (recordingDownload(this, completed, verified) === 'refused') {
					throw new NodeOperationError(
						this.getNode(),
						'Download Recording needs Verify Signature',
						{
							description:
								'Without it, anyone who knows the URL could make n8n download any recording of your project with your API credentials. Turn on Verify Signature (recommended), or turn on Download Unverified Recordings.',
						},
					);
				}
				if (verified) {
					const credentials = await this.getCredentials('signalWireSigningKeyApi');
					if (String(credentials.signingKeySecret ?? '').trim() === '') {
						throw new NodeOperationError(this.getNode(), 'The SignalWire Signing Key is empty', {
							description:
								'Add the Signing Key from the API page of your SignalWire dashboard, or turn off Verify Signature.',
						});
					}
				}
				const state = this.getWorkflowStaticData('node');
				state.webhookUrl = this.getNodeWebhookUrl('default');
				state.statusCallbackEvent = cxmlWords(CONFERENCE_EVENTS, events);
				const recordingWords = cxmlWords(RECORDING_EVENTS, events);
				if (recordingWords !== '') state.recordingStatusCallbackEvent = recordingWords;
				else delete state.recordingStatusCallbackEvent;
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node');
				delete state.webhookUrl;
				delete state.statusCallbackEvent;
				delete state.recordingStatusCallbackEvent;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const pairs = formPairs(this);
		// Read once: it decides the signature check, what counts as a repeat and whether to download.
		const verified = verifiesSignature(this);
		const refused = verified ? await refuseUnverified(this, pairs) : undefined;
		if (refused !== undefined) return refused;
		const item = callbackToItem(pairs);
		const events = this.getNodeParameter('events', []) as string[];
		if (typeof item.event !== 'string' || !events.includes(item.event)) {
			return { webhookResponse: 'Event not selected in this trigger; ignored' };
		}
		// A test URL is for trying things out: sending the same callback again shows it again.
		if (this.getMode() !== 'manual' && (await isRepeatedEvent(this, pairs, verified))) {
			return { webhookResponse: 'Event already received; ignored' };
		}
		return await recordingWorkflowData(this, item, verified);
	}
}
