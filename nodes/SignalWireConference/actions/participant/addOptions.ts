import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { FormFieldKind } from '../../helpers/formFields';
import { buildForm, formField } from '../../helpers/formFields';

/* Participant → Add's Options, read and checked: the <Conference> attributes and the Calls fields. */

export const MAX_TIMEOUT_SECONDS = 600;
const BEEPS = ['true', 'false', 'onEnter', 'onExit'];

/** A `<Conference>` attribute, under the name cXML gives it. */
const attribute = (name: string, label: string, kind: FormFieldKind, hint?: string) =>
	formField(name, label, kind, { form: name, hint });

const ATTRIBUTES = [
	attribute('beep', 'Beep', { oneOf: BEEPS }, 'Choose when the beep plays.'),
	attribute(
		'coach',
		'Coach',
		'uuid',
		'Use the call ID (call_sid) of a participant in the conference.',
	),
	attribute('endConferenceOnExit', 'End Conference On Exit', 'boolean'),
	attribute('muted', 'Muted', 'boolean'),
	attribute('startConferenceOnEnter', 'Start Conference On Enter', 'boolean'),
];

const CALL_FIELDS = [
	formField('statusCallback', 'Status Callback URL', 'httpUrl'),
	formField('callerId', 'Caller ID', 'e164'),
	formField(
		'timeout',
		'Timeout',
		{ wholeNumber: [1, MAX_TIMEOUT_SECONDS], unit: 'seconds' },
		{ hint: 'Set how long the phone rings, e.g. 30.' },
	),
	// CreateCallRequest's MaxPricePerMinute pattern in SignalWire's spec.
	formField(
		'maxPricePerMinute',
		'Max Price Per Minute',
		{
			pattern: /^\d+\.?\d{0,4}$/,
			refusal: 'is not an amount in US dollars with up to 4 decimal places',
		},
		{ hint: 'Enter the most a minute of this call may cost, e.g. 0.0075.' },
	),
];

/** `<Conference>` attributes, and Calls create fields besides To, From and Url in spec order. */
export function readOptions(context: IExecuteFunctions, itemIndex: number) {
	const options = context.getNodeParameter('addOptions', itemIndex, {}) as IDataObject;
	return {
		attributes: buildForm(context, options, ATTRIBUTES, itemIndex),
		callFields: buildForm(context, options, CALL_FIELDS, itemIndex),
	};
}
