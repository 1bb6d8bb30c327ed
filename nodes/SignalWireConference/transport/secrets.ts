import type { INodeProperties } from 'n8n-workflow';

import type { SignalWireContext } from './types';

/** Where a password-type parameter sits: its top-level name, then keys inside collections. */
export type ParameterPath = string[];

/**
 * Every password-type field among `properties`, also inside collections and fixed collections,
 * so that a field added later is covered without anyone remembering to list it.
 */
export function passwordParameterPaths(properties: readonly INodeProperties[]): ParameterPath[] {
	const paths: ParameterPath[] = [];
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

const declared = new WeakMap<object, ParameterPath[]>();

/** Declares which parameters of this run are secrets the user typed (done once, by the router). */
export function declareSecretParameters(context: SignalWireContext, paths: ParameterPath[]): void {
	declared.set(context, paths);
}

function collect(value: unknown, rest: string[], found: string[]): void {
	if (Array.isArray(value)) {
		for (const entry of value) collect(entry, rest, found);
		return;
	}
	if (rest.length === 0) {
		if (typeof value === 'string' && value !== '') found.push(value);
		return;
	}
	if (value !== null && typeof value === 'object') {
		collect((value as Record<string, unknown>)[rest[0]], rest.slice(1), found);
	}
}

/** The values of this item's secret parameters: never quoted back, like the API token. */
export function userSecrets(context: SignalWireContext, itemIndex: number): string[] {
	const paths = declared.get(context);
	if (paths === undefined || !('getInputData' in context)) return [];
	const found: string[] = [];
	for (const [name, ...rest] of paths) {
		collect(context.getNodeParameter(name, itemIndex, undefined), rest, found);
	}
	return found;
}
