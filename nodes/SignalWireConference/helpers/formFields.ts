import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { assertHttpUrl, inputError, isUuid, oneOf, readBooleanValue } from './validation';

export type FormFieldKind =
	| 'boolean'
	| 'httpUrl'
	| 'httpMethod'
	| 'uuid'
	| 'text'
	| { oneOf: string[] };

export interface FormField {
	/** Key in the node's collection parameter. */
	parameter: string;
	/** As the user sees it, for error messages. */
	label: string;
	/** SignalWire's form field name. */
	form: string;
	kind: FormFieldKind;
}

/** A field whose SignalWire name is its parameter's, capitalised: `holdUrl` → `HoldUrl`. */
export function formField(parameter: string, label: string, kind: FormFieldKind): FormField {
	return { parameter, label, form: parameter[0].toUpperCase() + parameter.slice(1), kind };
}

function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

function toFormValue(
	context: IExecuteFunctions,
	field: FormField,
	value: unknown,
	itemIndex: number,
): string {
	const refuse = (why: string, description?: string) =>
		inputError(context, itemIndex, `${field.label} ${why}`, description);
	const text = String(value).trim();
	const kind = field.kind;
	if (kind === 'boolean') return String(readBooleanValue(context, value, field.label, itemIndex));
	if (kind === 'httpUrl') return assertHttpUrl(context, text, field.label, itemIndex);
	if (kind === 'httpMethod') {
		const method = text.toUpperCase();
		if (method !== 'GET' && method !== 'POST') {
			throw refuse(`"${text.slice(0, 100)}" is not GET or POST`, 'Choose GET or POST.');
		}
		return method;
	}
	if (kind === 'uuid') {
		if (!isUuid(text)) {
			throw refuse(
				`"${text.slice(0, 100)}" is not a valid ID: SignalWire IDs are UUIDs`,
				'Use an ID like b3877c40-da60-4998-90ad-b792e98472cf.',
			);
		}
		return text.toLowerCase();
	}
	if (kind === 'text') return text;
	return oneOf(context, itemIndex, field.label, text, kind.oneOf);
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
		if (isBlank(value)) continue;
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
