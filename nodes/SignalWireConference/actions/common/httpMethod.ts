import type { INodeProperties } from 'n8n-workflow';

/** GET/POST choice for the URLs SignalWire fetches (announcements, hold and wait music, callbacks). */
export function httpMethodField(
	name: string,
	displayName: string,
	defaultMethod: 'GET' | 'POST',
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'options',
		default: defaultMethod,
		description,
		options: [
			{ name: 'GET', value: 'GET' },
			{ name: 'POST', value: 'POST' },
		],
	};
}
