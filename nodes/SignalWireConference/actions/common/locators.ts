import type { INodeProperties } from 'n8n-workflow';

import type { ResourceLocatorField } from '../../helpers/validation';
import { UUID_REGEX } from '../../helpers/validation';

interface PatternMode {
	placeholder: string;
	/** What a valid value matches, checked by the editor. */
	regex: string;
	errorMessage: string;
}

export interface LocatorOptions {
	field: ResourceLocatorField;
	description: string;
	/** `methods.listSearch` function behind the "From list" mode, when the API can list them. */
	searchMethod?: string;
	/** "By URL": a SignalWire URL of the resource; `extractRegex` captures its ID. */
	urlMode?: PatternMode & { extractRegex: string };
	/** "By Name": resources that SignalWire also addresses by name (streams). */
	nameMode?: PatternMode;
}

function patternMode(name: string, displayName: string, mode: PatternMode) {
	return {
		displayName,
		name,
		type: 'string' as const,
		placeholder: mode.placeholder,
		validation: [
			{
				type: 'regex' as const,
				properties: { regex: mode.regex, errorMessage: mode.errorMessage },
			},
		],
	};
}

/** A resource locator for a SignalWire resource whose ID is a UUID. */
export function uuidLocator(options: LocatorOptions): INodeProperties {
	const { field, searchMethod, urlMode, nameMode } = options;
	const noun = field.label.toLowerCase();
	return {
		displayName: field.label,
		name: field.name,
		type: 'resourceLocator',
		default: { mode: searchMethod ? 'list' : 'id', value: '' },
		required: true,
		description: options.description,
		modes: [
			...(searchMethod
				? [
						{
							displayName: 'From List',
							name: 'list',
							type: 'list' as const,
							placeholder: `Select a ${noun}...`,
							typeOptions: { searchListMethod: searchMethod, searchable: true },
						},
					]
				: []),
			patternMode('id', 'By ID', {
				placeholder: 'b3877c40-da60-4998-90ad-b792e98472cf',
				regex: `^\\s*${UUID_REGEX}\\s*$`,
				errorMessage: `Not a ${noun} ID: SignalWire IDs are UUIDs`,
			}),
			...(urlMode
				? [
						{
							...patternMode('url', 'By URL', urlMode),
							extractValue: { type: 'regex' as const, regex: urlMode.extractRegex },
						},
					]
				: []),
			...(nameMode ? [patternMode('name', 'By Name', nameMode)] : []),
		],
	};
}
