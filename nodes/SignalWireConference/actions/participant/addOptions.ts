import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ConferenceAttributes } from '../../helpers/cxml';
import { readE164 } from '../../helpers/phoneNumbers';
import {
	assertHttpUrl,
	inputError,
	isUuid,
	oneOf,
	readBooleanValue,
} from '../../helpers/validation';

/* Participant → Add's Options, read and checked: the <Conference> attributes and the Calls fields. */

const BEEPS = ['true', 'false', 'onEnter', 'onExit'];
export const MAX_TIMEOUT_SECONDS = 600;
/** CreateCallRequest's MaxPricePerMinute pattern in SignalWire's spec. */
const MAX_PRICE = /^\d+\.?\d{0,4}$/;

/** An optional boolean option: blank leaves the attribute out; otherwise strict true/false. */
function readOptionalBoolean(
	context: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): boolean | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return readBooleanValue(context, value, label, itemIndex);
}

export interface AddRequest {
	attributes: ConferenceAttributes;
	/** Calls create fields besides To, From and Url, in the order of the spec. */
	callFields: Record<string, string>;
}

export function readOptions(context: IExecuteFunctions, itemIndex: number): AddRequest {
	const options = context.getNodeParameter('addOptions', itemIndex, {}) as IDataObject;
	const attributes: ConferenceAttributes = {};
	const callFields: Record<string, string> = {};
	if (options.beep !== undefined && options.beep !== '') {
		const beep = oneOf(
			context,
			itemIndex,
			'Beep',
			options.beep,
			BEEPS,
			'Choose when the beep plays.',
		);
		attributes.beep = beep as ConferenceAttributes['beep'];
	}
	const coach = String(options.coach ?? '').trim();
	if (coach !== '') {
		if (!isUuid(coach)) {
			throw inputError(
				context,
				itemIndex,
				`Coach "${coach.slice(0, 100)}" is not a valid call ID: SignalWire IDs are UUIDs`,
				'Use the call ID (call_sid) of a participant in the conference.',
			);
		}
		attributes.coach = coach.toLowerCase();
	}
	attributes.endConferenceOnExit = readOptionalBoolean(
		context,
		options.endConferenceOnExit,
		'End Conference On Exit',
		itemIndex,
	);
	attributes.muted = readOptionalBoolean(context, options.muted, 'Muted', itemIndex);
	attributes.startConferenceOnEnter = readOptionalBoolean(
		context,
		options.startConferenceOnEnter,
		'Start Conference On Enter',
		itemIndex,
	);

	const statusCallback = String(options.statusCallback ?? '').trim();
	if (statusCallback !== '') {
		callFields.StatusCallback = assertHttpUrl(
			context,
			statusCallback,
			'Status Callback URL',
			itemIndex,
		);
	}
	const callerId = String(options.callerId ?? '').trim();
	if (callerId !== '') callFields.CallerId = readE164(context, callerId, 'Caller ID', itemIndex);
	if (options.timeout !== undefined && options.timeout !== '') {
		const timeout = Number(options.timeout);
		if (!Number.isInteger(timeout) || timeout < 1 || timeout > MAX_TIMEOUT_SECONDS) {
			throw inputError(
				context,
				itemIndex,
				`Timeout "${String(options.timeout).slice(0, 50)}" is not a whole number of seconds from 1 to ${MAX_TIMEOUT_SECONDS}`,
				'Set how long the phone rings, e.g. 30.',
			);
		}
		callFields.Timeout = String(timeout);
	}
	const maxPrice = String(options.maxPricePerMinute ?? '').trim();
	if (maxPrice !== '') {
		if (!MAX_PRICE.test(maxPrice)) {
			throw inputError(
				context,
				itemIndex,
				`Max Price Per Minute "${maxPrice.slice(0, 50)}" is not an amount in US dollars with up to 4 decimal places`,
				'Enter the most a minute of this call may cost, e.g. 0.0075.',
			);
		}
		callFields.MaxPricePerMinute = maxPrice;
	}
	return { attributes, callFields };
}
