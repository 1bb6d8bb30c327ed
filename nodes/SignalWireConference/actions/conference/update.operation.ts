import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { assertHttpUrl, getSidFromLocator } from '../../helpers/validation';
import { signalWireApiPost } from '../../transport/request';
import {
	CONFERENCE_FIELD,
	conferenceLocator,
	conferenceNotFound,
	conferencePath,
} from '../common/conferenceLocator';

const displayOptions = { show: { resource: ['conference'], operation: ['update'] } };

export const description: INodeProperties[] = [
	conferenceLocator(displayOptions),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'Announce Method',
				name: 'announceMethod',
				type: 'options',
				default: 'POST',
				description: 'How SignalWire requests the Announce URL',
				options: [
					{ name: 'GET', value: 'GET' },
					{ name: 'POST', value: 'POST' },
				],
			},
			{
				displayName: 'Announce URL',
				name: 'announceUrl',
				type: 'string',
				default: '',
				placeholder: 'https://example.com/announcement.xml',
				description:
					'URL of an audio file or of cXML (e.g. &lt;Say&gt;) that is played to everyone in the conference',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'completed',
				description: 'Set to Completed to end the conference and disconnect everyone in it',
				options: [
					{
						name: 'Completed (End the Conference)',
						value: 'completed',
						description: 'End the conference now',
					},
				],
			},
		],
	},
];

function buildForm(
	context: IExecuteFunctions,
	updateFields: IDataObject,
	itemIndex: number,
): Record<string, string> {
	const form: Record<string, string> = {};
	if (updateFields.status !== undefined && updateFields.status !== '') {
		if (updateFields.status !== 'completed') {
			throw new NodeOperationError(
				context.getNode(),
				`Status "${String(updateFields.status)}" cannot be set: only "completed" (end the conference) is allowed`,
				{ itemIndex, description: 'Set Status to Completed, or remove the Status field.' },
			);
		}
		form.Status = 'completed';
	}
	if (updateFields.announceUrl !== undefined && String(updateFields.announceUrl).trim() !== '') {
		form.AnnounceUrl = assertHttpUrl(context, String(updateFields.announceUrl), 'Announce URL', itemIndex);
	}
	if (updateFields.announceMethod !== undefined && updateFields.announceMethod !== '') {
		const method = String(updateFields.announceMethod).toUpperCase();
		if (method !== 'GET' && method !== 'POST') {
			throw new NodeOperationError(context.getNode(), `Announce Method "${method}" is not GET or POST`, {
				itemIndex,
			});
		}
		if (form.AnnounceUrl === undefined) {
			throw new NodeOperationError(context.getNode(), 'Announce Method is set but Announce URL is empty', {
				itemIndex,
				description: 'Add the Announce URL to play, or remove Announce Method.',
			});
		}
		form.AnnounceMethod = method;
	}
	if (Object.keys(form).length === 0) {
		throw new NodeOperationError(context.getNode(), 'Nothing to update: add a field under Update Fields', {
			itemIndex,
			description: 'Set Status to Completed to end the conference, or an Announce URL to play into it.',
		});
	}
	return form;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const conferenceSid = getSidFromLocator(this, CONFERENCE_FIELD, itemIndex);
	const updateFields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const form = buildForm(this, updateFields, itemIndex);
	const target = { resource: conferencePath(conferenceSid), notFound: conferenceNotFound(conferenceSid) };
	const conference = await signalWireApiPost(this, target, form, itemIndex);
	return this.helpers.returnJsonArray(conference);
}
