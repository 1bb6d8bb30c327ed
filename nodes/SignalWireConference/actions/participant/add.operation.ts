import type {
	IExecuteFunctions,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';

import { dialConferenceTemplate } from '../../helpers/cxml';
import { E164_AS_TYPED_REGEX, readDialAddress, readE164 } from '../../helpers/phoneNumbers';
import { inputError } from '../../helpers/validation';
import { addOptions, readOptions } from './addOptions';
import { placeCall } from './placeCall';
import { readConferenceChoice, refuseIfEnded, resolveConference } from '../common/conferenceByName';
import { conferenceLocatorWithName } from '../common/locators';
import { checkDestination, readDialGuards } from '../../helpers/dialGuards';
import { templateScript } from '../common/cxmlScripts';
import { jsonItems } from '../../helpers/jsonItems';
import type { Execute, Validate } from '../defineResource';

export const option = {
	name: 'Add',
	value: 'add',
	description:
		'Call a phone number or SIP address and put the person into a conference when they answer (dial out)',
	action: 'Add a participant: call someone into a conference (dial in)',
};

export const properties: INodeProperties[] = [
	conferenceLocatorWithName(
		'The conference to bring the person into. By Name starts a conference of that name if none is running.',
	),
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+15551230001',
		description:
			'Who to call: a phone number in E.164 format (+ and country code, e.g. +15551230001) or a SIP address (sip:alice@example.com)',
	},
	{
		displayName: 'From',
		name: 'from',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: 'A phone number of your SignalWire space that the call comes from (E.164)',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a number...',
				typeOptions: { searchListMethod: 'searchPhoneNumbers', searchable: true },
			},
			{
				displayName: 'By Number',
				name: 'number',
				type: 'string',
				placeholder: '+15551230000',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: E164_AS_TYPED_REGEX,
							errorMessage: 'Not a phone number in E.164 format, e.g. +15551230000',
						},
					},
				],
			},
		],
	},
	addOptions,
];

function readTo(context: IExecuteFunctions, itemIndex: number): string {
	const raw = String(context.getNodeParameter('to', itemIndex, '') ?? '').trim();
	if (raw === '') {
		throw inputError(
			context,
			itemIndex,
			'To is empty',
			'Enter the phone number (E.164, e.g. +15551230001) or SIP address to call.',
		);
	}
	return readDialAddress(context, raw, 'To', itemIndex);
}

function readFrom(context: IExecuteFunctions, itemIndex: number): string {
	const locator = context.getNodeParameter('from', itemIndex) as
		| INodeParameterResourceLocator
		| string;
	const raw = String(
		typeof locator === 'object' && locator !== null ? (locator.value ?? '') : locator,
	).trim();
	if (raw === '') {
		throw inputError(
			context,
			itemIndex,
			'From is empty',
			"Choose one of your space's numbers, or enter it in E.164 format.",
		);
	}
	return readE164(context, raw, 'From', itemIndex);
}

/** Every input of an item, checked, and To against the credential's dial-out guards. */
async function readInputs(context: IExecuteFunctions, itemIndex: number) {
	const to = readTo(context, itemIndex);
	checkDestination(context, to, await readDialGuards(context, itemIndex), itemIndex);
	const from = readFrom(context, itemIndex);
	readConferenceChoice(context, itemIndex);
	return { to, from, ...readOptions(context, itemIndex) };
}

/** Run for every item before the first call is placed (see the router). */
export const validate: Validate = async function (itemIndex) {
	await readInputs(this, itemIndex);
};

export const execute: Execute = async function (itemIndex) {
	const { to, from, attributes, callFields } = await readInputs(this, itemIndex);
	const conference = await resolveConference(this, itemIndex, {
		consequence: 'nobody was called',
		startsByName: true,
		refuses: refuseIfEnded,
	});
	const template = dialConferenceTemplate(conference.friendlyName, attributes);
	const { script, url } = await templateScript(this, template, itemIndex);
	const form = { To: to, From: from, Url: url, ...callFields };
	const call = await placeCall(this, form, itemIndex);
	return jsonItems({
		call: { sid: call.sid, status: call.status, to: call.to ?? to, from: call.from ?? from },
		conference: { sid: conference.sid, friendly_name: conference.friendlyName },
		script: { ...script },
	});
};
