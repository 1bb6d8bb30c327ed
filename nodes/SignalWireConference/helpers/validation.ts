import type { IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** A SignalWire id, as regex source: the editor's field validation and the code share it. */
export const UUID_REGEX =
	'[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

const UUID_PATTERN = new RegExp(`^${UUID_REGEX}$`);

/** A clear input error for one item, raised before any request is sent. */
export function inputError(
	context: IExecuteFunctions,
	itemIndex: number,
	message: string,
	description?: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, { itemIndex, description });
}

/** The one check of a value that must be one of a list (an options field, or an expression's result). */
export function oneOf<T extends string>(
	context: IExecuteFunctions,
	itemIndex: number,
	label: string,
	value: unknown,
	allowed: readonly T[],
	description?: string,
): T {
	const text = String(value ?? '').trim();
	if (allowed.includes(text as T)) return text as T;
	throw inputError(
		context,
		itemIndex,
		`${label} "${text.slice(0, 100)}" is not one of: ${allowed.join(', ')}`,
		description,
	);
}

export function isUuid(value: string): boolean {
	return UUID_PATTERN.test(value);
}

/** The part of a SignalWire resource URL or `uri` that names one resource of the given collection. */
function sidFromUrl(value: string, collection: string): string | undefined {
	const pattern = new RegExp(`/${collection}/([^/?#]+?)(?:\\.json)?(?:[?#].*)?$`);
	const path = URL.canParse(value) ? new URL(value).pathname : value.split(/[?#]/)[0];
	if (!path.startsWith('/api/laml/2010-04-01/Accounts/')) return undefined;
	return pattern.exec(path)?.[1];
}

/** A resource locator's mode and its value as text, trimmed; a plain string is read as an ID. */
export function readLocator(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
): { mode: string; value: string } {
	const locator = context.getNodeParameter(name, itemIndex) as
		| INodeParameterResourceLocator
		| string;
	const { mode, value } =
		typeof locator === 'object' && locator !== null ? locator : { mode: 'id', value: locator };
	return { mode, value: String(value ?? '').trim() };
}

export interface ResourceLocatorField {
	/** Parameter name, e.g. "conferenceId". */
	name: string;
	/** As the user sees it, e.g. "Conference". */
	label: string;
	/** Path segment in SignalWire URLs, e.g. "Conferences". */
	collection: string;
}

/**
 * The UUID a resource locator points at, whatever its mode. Anything else is refused here, before
 * a request is built, so that no user value can change the path of a request.
 */
export function getSidFromLocator(
	context: IExecuteFunctions,
	field: ResourceLocatorField,
	itemIndex: number,
): string {
	const { mode, value: raw } = readLocator(context, field.name, itemIndex);

	if (raw === '') {
		throw inputError(
			context,
			itemIndex,
			`${field.label} is empty`,
			`Choose a ${field.label.toLowerCase()} from the list, or enter its ID.`,
		);
	}

	const sid = mode === 'url' ? sidFromUrl(raw, field.collection) : raw;
	if (sid === undefined) {
		throw inputError(
			context,
			itemIndex,
			`${field.label} URL "${raw.slice(0, 200)}" is not a SignalWire ${field.label.toLowerCase()} URL`,
			`Use a URL like https://example.signalwire.com/api/laml/2010-04-01/Accounts/<Project ID>/${field.collection}/<ID>, or its "uri" field.`,
		);
	}
	if (!isUuid(sid)) {
		throw inputError(
			context,
			itemIndex,
			`${field.label} ID "${sid.slice(0, 200)}" is not a valid ID: SignalWire IDs are UUIDs`,
			`Use an ID like b3877c40-da60-4998-90ad-b792e98472cf, or choose the ${field.label.toLowerCase()} from the list.`,
		);
	}
	return sid.toLowerCase();
}

export function assertHttpUrl(
	context: IExecuteFunctions,
	value: string,
	label: string,
	itemIndex: number,
): string {
	const trimmed = value.trim();
	const parsed = URL.canParse(trimmed) ? new URL(trimmed) : undefined;
	if (
		parsed === undefined ||
		(parsed.protocol !== 'https:' && parsed.protocol !== 'http:') ||
		parsed.username !== '' ||
		parsed.password !== ''
	) {
		throw inputError(
			context,
			itemIndex,
			`${label} "${trimmed.slice(0, 200)}" is not a valid http(s) URL`,
			`Enter a full URL such as https://example.com/announcement.xml (without user name or password in it).`,
		);
	}
	return trimmed;
}

/**
 * A boolean parameter's value, which an expression may give as a boolean or as text: true/false
 * and "true"/"false" in any case (spaces around ignored) are understood; anything else is not.
 * `Boolean("false")` is true, so nothing may be converted with Boolean() or truthiness.
 */
export function parseBooleanValue(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (typeof value !== 'string') return undefined;
	const text = value.trim().toLowerCase();
	return text === 'true' ? true : text === 'false' ? false : undefined;
}

/** A boolean parameter's value, or a clear input error (before any request) naming the field. */
export function readBooleanValue(
	context: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): boolean {
	const parsed = parseBooleanValue(value);
	if (parsed !== undefined) return parsed;
	const shown = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
	throw inputError(
		context,
		itemIndex,
		`${label} "${shown.slice(0, 100)}" is not true or false`,
		`Set ${label} to true or false (an expression may give "true" or "false").`,
	);
}
