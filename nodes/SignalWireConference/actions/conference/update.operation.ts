import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { buildForm } from '../../helpers/formFields';
import { getSidFromLocator, inputError } from '../../helpers/validation';
import { apiRequest } from '../../transport';
import {
	ANNOUNCE_FORM_FIELDS,
	ANNOUNCE_METHOD_FIELD,
	ANNOUNCE_URL_FIELD,
} from '../common/announceFields';
import { CONFERENCE_FIELD, conferenceLocator } from '../common/locators';
import { conferenceTarget } from '../sharedRequests';
import { jsonItems } from '../../helpers/jsonItems';
import type { Execute } from '../defineResource';

export const option = {
	name: 'Update',
	value: 'update',
	description: 'End a conference (everyone on it is hung up), or play an announcement into it',
	action: 'Update a conference: end it or play an announcement',
};

export const properties: INodeProperties[] = [
	conferenceLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			ANNOUNCE_METHOD_FIELD,
			{
				...ANNOUNCE_URL_FIELD,
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

/**
 * The one way a conference is updated (Update, End, Announce): ending a conference twice ends it
 * once, so a form of Status alone may be retried after a 503 or a lost connection; an
 * announcement sent twice plays twice, so a form with one is not.
 */
export async function updateConference(
	context: IExecuteFunctions,
	conferenceSid: string,
	form: Record<string, string>,
	itemIndex: number,
): Promise<IDataObject> {
	const idempotent = Object.keys(form).every((field) => field === 'Status');
	return await apiRequest(context, conferenceTarget(conferenceSid), itemIndex, {
		method: 'POST',
		form,
		idempotent,
	});
}

export const execute: Execute = async function (itemIndex) {
	const conferenceSid = getSidFromLocator(this, CONFERENCE_FIELD, itemIndex);
	const updateFields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const { status } = updateFields;
	if (status !== undefined && status !== '' && status !== 'completed') {
		throw inputError(
			this,
			itemIndex,
			`Status "${String(status)}" cannot be set: only "completed" (end the conference) is allowed`,
			'Set Status to Completed, or remove the Status field.',
		);
	}
	const form: Record<string, string> = status === 'completed' ? { Status: 'completed' } : {};
	Object.assign(form, buildForm(this, updateFields, ANNOUNCE_FORM_FIELDS, itemIndex));
	if (Object.keys(form).length === 0) {
		throw inputError(
			this,
			itemIndex,
			'Nothing to update: add a field under Update Fields',
			'Set Status to Completed to end the conference, or an Announce URL to play into it.',
		);
	}
	return jsonItems(await updateConference(this, conferenceSid, form, itemIndex));
};
