import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { readE164 } from './phoneNumbers';
import { assertHttpUrl, inputError, isUuid, oneOf, readBooleanValue } from './validation';

/**
 * What a form field's property (the field the editor shows) cannot say about it; `{}` when the
 * property says it all: a boolean must be true or false, an options field one of its values, a
 * number a whole number from its typeOptions' minValue to maxValue, and a string is sent trimmed.
 */
export interface FieldSpec {
	/** A check the property's type cannot express. */
	check?: 'httpUrl' | 'e164' | 'uuid' | { pattern: RegExp; refusal: string } | { oneOf: string[] };
	/** Makes it a GET/POST field (any case, sent in capitals) for this URL, which must be set too. */
	methodOf?: string;
	/** Completes a number's message: "is not a whole number of seconds from 1 to 600". */
	unit?: string;
	/** The name in messages, when it is not the property's displayName. */
	label?: string;
	/** What to do about a refused value, when the check's own advice would not say. */
	hint?: string;
}

export interface FormField {
	property: INodeProperties;
	spec: FieldSpec;
	/** As the user sees it, for error messages. */
	label: string;
	/** SignalWire's form field name. */
	form: string;
}

/**
 * The fields of a form, from the properties the editor shows (an operation's, whose names are
 * unique, or a collection's options): `specs` names those that are sent, in SignalWire's order,
 * which is the order they are sent in. SignalWire's name of a field is its parameter's,
 * capitalised (`holdUrl` → `HoldUrl`), unless `formName` says otherwise.
 */
export function formFields(
	properties: INodeProperties[],
	specs: Record<string, FieldSpec>,
	formName = (parameter: string) => parameter[0].toUpperCase() + parameter.slice(1),
): FormField[] {
	const options = properties.flatMap((property) =>
		property.type === 'collection' ? (property.options as INodeProperties[]) : [],
	);
	return Object.entries(specs).map(([parameter, spec]) => {
		// Every name in specs is a property's: each operation's tests load its module.
		const property = [...properties, ...options].find(({ name }) => name === parameter)!;
		return { property, spec, label: spec.label ?? property.displayName, form: formName(parameter) };
	});
}

function toFormValue(
	context: IExecuteFunctions,
	{ property, spec, label }: FormField,
	value: unknown,
	itemIndex: number,
): string {
	const text = String(value).trim();
	const refuse = (why: string, description?: string) =>
		inputError(
			context,
			itemIndex,
			`${label} "${text.slice(0, 100)}" ${why}`,
			spec.hint ?? description,
		);
	const check = spec.check;
	if (check === 'e164') return readE164(context, text, label, itemIndex);
	if (check === 'httpUrl') return assertHttpUrl(context, text, label, itemIndex);
	if (check === 'uuid') {
		if (!isUuid(text)) {
			throw refuse(
				'is not a valid ID: SignalWire IDs are UUIDs',
				'Use an ID like b3877c40-da60-4998-90ad-b792e98472cf.',
			);
		}
		return text.toLowerCase();
	}
	if (check !== undefined && 'pattern' in check) {
		if (check.pattern.test(text)) return text;
		throw refuse(check.refusal);
	}
	if (check !== undefined) return oneOf(context, itemIndex, label, text, check.oneOf, spec.hint);
	if (spec.methodOf !== undefined) {
		const method = text.toUpperCase();
		if (method !== 'GET' && method !== 'POST') {
			throw refuse('is not GET or POST', 'Choose GET or POST.');
		}
		return method;
	}
	if (property.type === 'boolean')
		return String(readBooleanValue(context, value, label, itemIndex));
	if (property.type === 'options') {
		const values = (property.options as INodePropertyOptions[]).map(({ value }) => String(value));
		return oneOf(context, itemIndex, label, text, values, spec.hint);
	}
	if (property.type === 'number') {
		const { minValue: min = -Infinity, maxValue: max = Infinity } = property.typeOptions ?? {};
		const number = Number(text);
		if (Number.isInteger(number) && number >= min && number <= max) return String(number);
		throw refuse(
			`is not a whole number${spec.unit ? ` of ${spec.unit}` : ''} from ${min} to ${max}`,
		);
	}
	return text;
}

/**
 * The form body of a request, in the order of `fields`, from a collection parameter: blank values
 * are left out, every other value is checked (and refused with the field's name) before sending,
 * and a GET/POST field is refused without its URL.
 */
export function buildForm(
	context: IExecuteFunctions,
	values: IDataObject,
	fields: FormField[],
	itemIndex: number,
): Record<string, string> {
	const form: Record<string, string> = {};
	for (const field of fields) {
		const value = values[field.property.name];
		const blank =
			value === undefined || value === null || (typeof value === 'string' && !value.trim());
		if (blank) continue;
		form[field.form] = toFormValue(context, field, value, itemIndex);
	}
	for (const method of fields) {
		const url = fields.find((field) => field.property.name === method.spec.methodOf);
		if (url !== undefined && form[method.form] !== undefined && form[url.form] === undefined) {
			throw inputError(
				context,
				itemIndex,
				`${method.label} is set but ${url.label} is empty`,
				`Add ${url.label}, or remove ${method.label}.`,
			);
		}
	}
	return form;
}
