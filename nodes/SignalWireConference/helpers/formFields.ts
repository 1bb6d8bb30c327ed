import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readE164 } from './phoneNumbers';
import { assertHttpUrl, inputError, isUuid, oneOf, readBooleanValue } from './validation';

/** How a value is checked; `refusal` and `unit` complete the error message. */
export type FormFieldKind =
	| 'boolean'
	| 'e164'
	| 'httpUrl'
	| 'httpMethod'
	| 'uuid'
	| 'text'
	| { oneOf: string[] }
	| { wholeNumber: [min: number, max: number]; unit?: string }
	| { pattern: RegExp; refusal: string };

export interface FormField {
	/** Key in the node's collection parameter. */
	parameter: string;
	/** As the user sees it, for error messages. */
	label: string;
	/** SignalWire's form field name. */
	form: string;
	kind: FormFieldKind;
	/** What to do about a refused value, when the kind's own advice would not say. */
	hint?: string;
}

/**
 * A field whose SignalWire name is its parameter's, capitalised (`holdUrl` → `HoldUrl`), unless
 * `form` names it.
 */
export function formField(
	parameter: string,
	label: string,
	kind: FormFieldKind,
	more: { form?: string; hint?: string } = {},
): FormField {
	const form = more.form ?? parameter[0].toUpperCase() + parameter.slice(1);
	return { parameter, label, form, kind, hint: more.hint };
}

function toFormValue(
	context: IExecuteFunctions,
	field: FormField,
	value: unknown,
	itemIndex: number,
): string {
	const text = String(value).trim();
	const refuse = (why: string, description?: string) =>
		inputError(
			context,
			itemIndex,
			`${field.label} "${text.slice(0, 100)}" ${why}`,
			field.hint ?? description,
		);
	const kind = field.kind;
	if (kind === 'boolean') return String(readBooleanValue(context, value, field.label, itemIndex));
	if (kind === 'e164') return readE164(context, text, field.label, itemIndex);
	if (kind === 'httpUrl') return assertHttpUrl(context, text, field.label, itemIndex);
	if (kind === 'httpMethod') {
		const method = text.toUpperCase();
		if (method !== 'GET' && method !== 'POST') {
			throw refuse('is not GET or POST', 'Choose GET or POST.');
		}
		return method;
	}
	if (kind === 'uuid') {
		if (!isUuid(text)) {
			throw refuse(
				'is not a valid ID: SignalWire IDs are UUIDs',
				'Use an ID like b3877c40-da60-4998-90ad-b792e98472cf.',
			);
		}
		return text.toLowerCase();
	}
	if (kind === 'text') return text;
	if ('wholeNumber' in kind) {
		const [min, max] = kind.wholeNumber;
		const number = Number(text);
		if (Number.isInteger(number) && number >= min && number <= max) return String(number);
		throw refuse(
			`is not a whole number${kind.unit ? ` of ${kind.unit}` : ''} from ${min} to ${max}`,
		);
	}
	if ('pattern' in kind) {
		if (kind.pattern.test(text)) return text;
		throw refuse(kind.refusal);
	}
	return oneOf(context, itemIndex, field.label, text, kind.oneOf, field.hint);
}

/**
 * The form body of a request, in the order of `fields`, from a collection parameter: blank values
 * are left out, every other value is checked (and refused with the field's name) before sending.
 */
export function buildForm(
	context: IExecuteFunctions,
	values: IDataObject,
	fields: FormField[],
	itemIndex: number,
): Record<string, string> {
	const form: Record<string, string> = {};
	for (const field of fields) {
		const value = values[field.parameter];
		const blank =
			value === undefined || value === null || (typeof value === 'string' && !value.trim());
		if (blank) continue;
		form[field.form] = toFormValue(context, field, value, itemIndex);
	}
	return form;
}

/** An input error for fields that only make sense together, e.g. a method without its URL. */
export function requireTogether(
	context: IExecuteFunctions,
	form: Record<string, string>,
	dependent: FormField,
	required: FormField,
	itemIndex: number,
): void {
	if (form[dependent.form] !== undefined && form[required.form] === undefined) {
		throw inputError(
			context,
			itemIndex,
			`${dependent.label} is set but ${required.label} is empty`,
			`Add ${required.label}, or remove ${dependent.label}.`,
		);
	}
}
