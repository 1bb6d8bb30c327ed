import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { buildForm, formFields } from '../../helpers/formFields';

const MAX_TIMEOUT_SECONDS = 600;

/** Participant → Add's Options: sent as `<Conference>` attributes and as Calls fields. */
export const addOptions: INodeProperties = {
	displayName: 'Options',
	name: 'addOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Beep',
			name: 'beep',
			type: 'options',
			default: 'true',
			description: 'When the conference hears a beep as this person joins or leaves',
			options: [
				{ name: 'On Enter and Exit', value: 'true' },
				{ name: 'Never', value: 'false' },
				{ name: 'On Enter Only', value: 'onEnter' },
				{ name: 'On Exit Only', value: 'onExit' },
			],
		},
		{
			displayName: 'Caller ID',
			name: 'callerId',
			type: 'string',
			default: '',
			placeholder: '+15551230000',
			description: 'The number shown to the person called, if it should differ from From (E.164)',
		},
		{
			displayName: 'Coach (Call SID to Coach)',
			name: 'coach',
			type: 'string',
			default: '',
			placeholder: 'b3877c40-da60-4998-90ad-b792e98472ca',
			description: 'Call ID of a participant this person coaches: only that participant hears them',
		},
		{
			displayName: 'End Conference On Exit',
			name: 'endConferenceOnExit',
			type: 'boolean',
			default: false,
			description: 'Whether the conference ends for everyone when this person hangs up',
		},
		{
			displayName: 'Max Price Per Minute',
			name: 'maxPricePerMinute',
			type: 'string',
			default: '',
			placeholder: '0.0075',
			description:
				'The most this call may cost per minute, in US dollars (up to 4 decimal places); SignalWire refuses a call that would cost more. Empty: no limit.',
		},
		{
			displayName: 'Muted',
			name: 'muted',
			type: 'boolean',
			default: false,
			description: 'Whether this person joins muted (they hear, but are not heard)',
		},
		{
			displayName: 'Start Conference On Enter',
			name: 'startConferenceOnEnter',
			type: 'boolean',
			default: true,
			description:
				'Whether the conference starts when this person joins; if not, they wait with hold music until someone who starts it joins',
		},
		{
			displayName: 'Status Callback URL',
			name: 'statusCallback',
			type: 'string',
			default: '',
			placeholder: 'https://example.com/call-status',
			description:
				"URL SignalWire posts the call's status to when the call ends (e.g. no-answer, busy, completed)",
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_SECONDS },
			default: 60,
			description: 'Seconds to let the phone ring before giving up (1 to 600)',
		},
	],
};

/** `<Conference>` attributes, under the names cXML gives them. */
const ATTRIBUTES = formFields(
	[addOptions],
	{
		beep: { hint: 'Choose when the beep plays.' },
		coach: {
			check: 'uuid',
			label: 'Coach',
			hint: 'Use the call ID (call_sid) of a participant in the conference.',
		},
		endConferenceOnExit: {},
		muted: {},
		startConferenceOnEnter: {},
	},
	(parameter) => parameter,
);

/** Calls create fields besides To, From and Url, in the order of SignalWire's spec. */
const CALL_FIELDS = formFields([addOptions], {
	statusCallback: { check: 'httpUrl' },
	callerId: { check: 'e164' },
	timeout: { unit: 'seconds', hint: 'Set how long the phone rings, e.g. 30.' },
	// CreateCallRequest's MaxPricePerMinute pattern in SignalWire's spec.
	maxPricePerMinute: {
		check: {
			pattern: /^\d+\.?\d{0,4}$/,
			refusal: 'is not an amount in US dollars with up to 4 decimal places',
		},
		hint: 'Enter the most a minute of this call may cost, e.g. 0.0075.',
	},
});

/** `<Conference>` attributes, and Calls create fields besides To, From and Url in spec order. */
export function readOptions(context: IExecuteFunctions, itemIndex: number) {
	const options = context.getNodeParameter('addOptions', itemIndex, {}) as IDataObject;
	return {
		attributes: buildForm(context, options, ATTRIBUTES, itemIndex),
		callFields: buildForm(context, options, CALL_FIELDS, itemIndex),
	};
}
