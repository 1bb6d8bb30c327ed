import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { parseApiDate } from './helpers/apiDate';
import { jsonItems } from './helpers/jsonItems';
import type { QueryValues } from './transport';
import { conferencesPath, apiListAll } from './transport';
import { queryDate, readState, selectNew, writeState } from './trigger/pollState';

interface EventDefinition {
	/** The list filter that finds candidates. */
	status?: string;
	dateFilter: 'DateUpdated>' | 'DateCreated>';
	/** Which date says when the event happened. */
	dateField: 'date_updated' | 'date_created';
	/** Which statuses mean the event happened. */
	statuses: string[];
	/** Which statuses mean it may still happen (the conference is watched until it does). */
	waiting: string[];
}

const EVENTS: Record<string, EventDefinition> = {
	conferenceEnded: {
		status: 'completed',
		dateFilter: 'DateUpdated>',
		dateField: 'date_updated',
		statuses: ['completed'],
		waiting: [],
	},
	// No Status filter: a conference that started and already ended between two polls still started.
	conferenceStarted: {
		dateFilter: 'DateCreated>',
		dateField: 'date_created',
		statuses: ['in-progress', 'completed'],
		waiting: ['init'],
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
		defaults: { name: 'SignalWire Conference Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'signalWireApi', required: true }],
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
						action: 'When a conference ends (checked on a schedule)',
					},
					{
						name: 'Conference Started',
						value: 'conferenceStarted',
						description: 'A conference began (someone joined)',
						action: 'When a conference starts (checked on a schedule)',
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
		const list = async (options: { query?: QueryValues; limit?: number }) =>
			await apiListAll(this, { resource: conferencesPath() }, 0, {
				listKey: 'conferences',
				limit: options.limit,
				query: { Status: event.status, FriendlyName: friendlyName || undefined, ...options.query },
			});
		const isEvent = (conference: IDataObject) => event.statuses.includes(String(conference.status));

		if (this.getMode() === 'manual') {
			// The most recent matching conference, so that users see the output's shape.
			const latest = (await list({ limit: 50 })).find(isEvent);
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
			return [jsonItems(latest)];
		}

		const now = new Date();
		const staticData = this.getWorkflowStaticData('node');
		const state = readState(staticData, now);
		const conferences = await list({ query: { [event.dateFilter]: queryDate(state) } });
		const candidates = conferences.flatMap((conference) => {
			const time = parseApiDate(conference[event.dateField]);
			if (typeof conference.sid !== 'string' || time === undefined) return [];
			const mayHappen = event.waiting.includes(String(conference.status));
			return [{ sid: conference.sid, time, happened: isEvent(conference), mayHappen, conference }];
		});
		const fresh = selectNew(state, candidates, now);
		writeState(staticData, state);
		return fresh.length === 0 ? null : [jsonItems(fresh.map(({ conference }) => conference))];
	}
}
