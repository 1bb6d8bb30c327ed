import type { INodeProperties } from 'n8n-workflow';

/**
 * Every password-type field among `properties` (its top-level name, then keys inside collections
 * and fixed collections), so that a test notices a password field added later: each must be
 * passed to the transport as one of the call's `secrets`.
 */
export function passwordParameterPaths(properties: readonly INodeProperties[]): string[][] {
	const paths: string[][] = [];
	for (const property of properties) {
		if (property.typeOptions?.password === true) paths.push([property.name]);
		for (const option of property.options ?? []) {
			if ('type' in option && 'name' in option) {
				for (const inner of passwordParameterPaths([option as INodeProperties])) {
					paths.push([property.name, ...inner]);
				}
			} else if ('values' in option) {
				for (const inner of passwordParameterPaths(option.values)) {
					paths.push([property.name, option.name, ...inner]);
				}
			}
		}
	}
	return paths;
}
