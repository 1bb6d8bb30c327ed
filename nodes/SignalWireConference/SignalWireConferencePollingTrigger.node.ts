import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { parseApiDate } from './helpers/apiDate';
import type { QueryValues } from './transport';
import { signalWireApiListAll } from './transport';
import { horizon, queryDate, readState, writeState } from './trigger/pollState';

interface EventDefinition {
	/** The list filter that finds candidates. */
	status?: string;
	dateFilter: 'DateUpdated>' | 'DateCreated>';
	/** Which date says when the event happened. */
	dateField: 'date_updated' | 'date_created';
	/** Which statuses mean the event happened. */
	statuses: string[];
}

const EVENTS: Record<string, EventDefinition> = {
	conferenceEnded: {
		status: 'completed',
		dateFilter: 'DateUpdated>',
		dateField: 'date_updated',
		statuses: ['completed'],
	},
	// No Status filter: a conference that started and already ended between two polls still started.
	conferenceStarted: {
		dateFilter: 'DateCreated>',
		dateField: 'date_created',
		statuses: ['in-progress', 'completed'],
	},
};

export class SignalWireConferencePollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SignalWire Conference Polling Trigger',
		name: 'signalWireConferencePollingTrigger',
		icon: { light: 'file:signalwire.svg', dark: 'file:signalwire.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{$parameter["event"] === "conferenceStarted" ? "Conference started" : "Conference ended"}}',
		description:
			'Starts a workflow when a conference call starts or ends, checked on a schedule: no cXML changes needed',
		defaults: {
			name: 'SignalWire Conference Polling Trigger',
		},
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'signalWireApi',
				required: true,
			},
		],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				default: 'conferenceEnded',
				options: [
					{
						name: 'Conference Ended',
						value: 'conferenceEnded',
						description: 'A conference completed',
					},
					{
						name: 'Conference Started',
						value: 'conferenceStarted',
						description: 'A conference began (someone joined)',
					},
				],
			},
			{
				displayName: 'Friendly Name',
				name: 'friendlyName',
				type: 'string',
				default: '',
				placeholder: 'Support bridge',
				description: 'Only conferences with exactly this name; empty for all',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const eventName = this.getNodeParameter('event') as string;
		const event = EVENTS[eventName];
		if (event === undefined) {
			throw new NodeOperationError(this.getNode(), `Event "${eventName}" is not supported`);
		}
		const friendlyName = String(this.getNodeParameter('friendlyName', '') ?? '').trim();
		const baseQuery: QueryValues = {
			Status: event.status,
			FriendlyName: friendlyName || undefined,
		};
		const isEvent = (conference: IDataObject) => event.statuses.includes(String(conference.status));

		if (this.getMode() === 'manual') {
			return await latestForManualRun.call(this, baseQuery, isEvent, eventName);
		}

		const now = new Date();
		const staticData = this.getWorkflowStaticData('node');
		const state = readState(staticData, now);
		const conferences = await signalWireApiListAll(this, {
			resource: '/Conferences',
			listKey: 'conferences',
			query: { ...baseQuery, [event.dateFilter]: queryDate(state) },
			itemIndex: 0,
		});
		const earliest = Math.max(state.since, horizon(state));
		const eventTime = (conference: IDataObject) => parseApiDate(conference[event.dateField]) ?? 0;
		const fresh = conferences
			.filter(isEvent)
			.filter((conference) => state.emitted[String(conference.sid)] === undefined)
			.filter((conference) => eventTime(conference) >= earliest)
			.sort((a, b) => eventTime(a) - eventTime(b));
		for (const conference of fresh) state.emitted[String(conference.sid)] = eventTime(conference);
		writeState(staticData, state, now);
		return fresh.length === 0 ? null : [this.helpers.returnJsonArray(fresh)];
	}
}

/** In a manual test run: the most recent matching conference, so users see the output's shape. */
async function latestForManualRun(
	this: IPollFunctions,
	query: QueryValues,
	isEvent: (conference: IDataObject) => boolean,
	eventName: string,
): Promise<INodeExecutionData[][]> {
	const recent = await signalWireApiListAll(
		this,
		{ resource: '/Conferences', listKey: 'conferences', query, itemIndex: 0 },
		50,
	);
	const latest = recent.find(isEvent);
	if (latest === undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`No conference has ${eventName === 'conferenceStarted' ? 'started' : 'ended'} yet in this project`,
			{
				description:
					'Start a conference (or adjust Friendly Name), then test again. When active, the trigger reports new ones as they happen.',
			},
		);
	}
	return [this.helpers.returnJsonArray(latest)];
}
