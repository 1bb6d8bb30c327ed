import type { INodeProperties } from 'n8n-workflow';

import type { ResourceLocatorField } from '../../helpers/validation';

export const UUID_REGEX =
	'[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

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

/** A resource locator for a SignalWire resource whose ID is a UUID. */
export function uuidLocator(
	options: LocatorOptions,
	displayOptions: INodeProperties['displayOptions'],
): INodeProperties {
	const { field, searchMethod, urlMode, nameMode } = options;
	const noun = field.label.toLowerCase();
	return {
		displayName: field.label,
		name: field.name,
		type: 'resourceLocator',
		default: { mode: searchMethod ? 'list' : 'id', value: '' },
		required: true,
		description: options.description,
		displayOptions,
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
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'b3877c40-da60-4998-90ad-b792e98472cf',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `^\\s*${UUID_REGEX}\\s*$`,
							errorMessage: `Not a ${noun} ID: SignalWire IDs are UUIDs`,
						},
					},
				],
			},
			...(urlMode
				? [
						{
							displayName: 'By URL',
							name: 'url',
							type: 'string' as const,
							placeholder: urlMode.placeholder,
							validation: [
								{
									type: 'regex' as const,
									properties: { regex: urlMode.regex, errorMessage: urlMode.errorMessage },
								},
							],
							extractValue: { type: 'regex' as const, regex: urlMode.extractRegex },
						},
					]
				: []),
			...(nameMode
				? [
						{
							displayName: 'By Name',
							name: 'name',
							type: 'string' as const,
							placeholder: nameMode.placeholder,
							validation: [
								{
									type: 'regex' as const,
									properties: { regex: nameMode.regex, errorMessage: nameMode.errorMessage },
								},
							],
						},
					]
				: []),
		],
	};
}
