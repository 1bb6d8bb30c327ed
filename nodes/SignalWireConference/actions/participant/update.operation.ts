import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { buildForm, formFields } from '../../helpers/formFields';
import { apiRequest } from '../../transport';
import {
	ANNOUNCE_FORM_FIELDS,
	ANNOUNCE_METHOD_FIELD,
	ANNOUNCE_URL_FIELD,
} from '../common/announceFields';
import {
	readConferenceChild,
	conferenceLocator,
	PARTICIPANT,
	participantLocator,
} from '../common/locators';
import { httpMethodField } from '../common/httpMethod';
import { jsonItems } from '../../helpers/jsonItems';
import { inputError } from '../../helpers/validation';
import type { Execute } from '../defineResource';

export const option = {
	name: 'Update',
	value: 'update',
	description: 'Update a participant: mute, hold, coach, announce, wait music',
	action: 'Update a participant: mute, hold, coach or announce',
};

export const properties: INodeProperties[] = [
	conferenceLocator,
	participantLocator,
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
				placeholder: 'https://example.com/whisper.xml',
				description: 'URL of audio or cXML played to this participant only',
			},
			{
				displayName: 'Call SID to Coach',
				name: 'callSidToCoach',
				type: 'string',
				default: '',
				placeholder: 'b3877c40-da60-4998-90ad-b792e98472ca',
				description: 'Call ID of the participant this one coaches; required when Coaching is on',
			},
			{
				displayName: 'Coaching',
				name: 'coaching',
				type: 'boolean',
				default: true,
				description: 'Whether this participant coaches another one: heard by that participant only',
			},
			{
				displayName: 'Hold',
				name: 'hold',
				type: 'boolean',
				default: true,
				description: 'Whether the participant is on hold (hears the hold music, is not heard)',
			},
			httpMethodField('holdMethod', 'Hold Method', 'GET', 'How SignalWire requests the Hold URL'),
			{
				displayName: 'Hold URL',
				name: 'holdUrl',
				type: 'string',
				default: '',
				placeholder: 'https://example.com/hold-music.xml',
				description: 'URL of audio or cXML played while the participant is on hold',
			},
			{
				displayName: 'Muted',
				name: 'muted',
				type: 'boolean',
				default: true,
				description: 'Whether the participant is muted',
			},
			httpMethodField('waitMethod', 'Wait Method', 'POST', 'How SignalWire requests the Wait URL'),
			{
				displayName: 'Wait URL',
				name: 'waitUrl',
				type: 'string',
				default: '',
				placeholder: 'https://example.com/wait-music.xml',
				description: 'URL of audio or cXML played while the conference has not started',
			},
		],
	},
];

/** In the order of SignalWire's spec, which is the order they are sent in. */
const FORM_FIELDS = [
	...ANNOUNCE_FORM_FIELDS,
	...formFields(properties, {
		coaching: {},
		callSidToCoach: { check: 'uuid' },
		hold: {},
		holdMethod: { methodOf: 'holdUrl' },
		holdUrl: { check: 'httpUrl' },
		muted: {},
		waitUrl: { check: 'httpUrl' },
		waitMethod: { methodOf: 'waitUrl' },
	}),
];

export const execute: Execute = async function (itemIndex) {
	const target = readConferenceChild(this, PARTICIPANT, itemIndex);
	const updateFields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const form = buildForm(this, updateFields, FORM_FIELDS, itemIndex);
	if (Object.keys(form).length === 0) {
		throw inputError(
			this,
			itemIndex,
			'Nothing to update: add a field under Update Fields',
			'For example Muted, Hold, or an Announce URL to play to this participant.',
		);
	}
	if (form.Coaching === 'true' && form.CallSidToCoach === undefined) {
		throw inputError(
			this,
			itemIndex,
			'Coaching needs Call SID to Coach',
			'Add Call SID to Coach: the call ID of the participant to coach.',
		);
	}
	return jsonItems(await apiRequest(this, target, itemIndex, { method: 'POST', form }));
};
