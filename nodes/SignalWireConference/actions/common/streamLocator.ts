import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ResourceLocatorField } from '../../helpers/validation';
import { isUuid } from '../../helpers/validation';
import { uuidLocator } from './locators';

export const STREAM_FIELD: ResourceLocatorField = {
	name: 'streamId',
	label: 'Stream',
	collection: 'Streams',
};

/** Names go into the URL when a stream is stopped by name, so they are kept to URL-safe characters. */
const STREAM_NAME_REGEX = '^[A-Za-z0-9_-]{1,64}$';
export const STREAM_NAME_PATTERN = new RegExp(STREAM_NAME_REGEX);

export const streamLocator: INodeProperties = uuidLocator({
	field: STREAM_FIELD,
	description: 'The stream: its ID, or the name it was started with',
	nameMode: {
		placeholder: 'transcriber',
		regex: STREAM_NAME_REGEX,
		errorMessage: 'Stream names use letters, digits, "_" and "-" only',
	},
});

/** The stream's ID or name, checked so that it cannot change the request path. */
export function readStreamReference(context: IExecuteFunctions, itemIndex: number): string {
	const locator = context.getNodeParameter(STREAM_FIELD.name, itemIndex) as {
		mode?: string;
		value?: unknown;
	};
	const value = String(locator?.value ?? '').trim();
	if (locator?.mode === 'name') {
		if (!STREAM_NAME_PATTERN.test(value)) {
			throw new NodeOperationError(
				context.getNode(),
				`Stream name "${value.slice(0, 100)}" is not valid`,
				{
					itemIndex,
					description: 'Stream names use letters, digits, "_" and "-" only (up to 64 characters).',
				},
			);
		}
		return value;
	}
	if (!isUuid(value)) {
		throw new NodeOperationError(
			context.getNode(),
			`Stream ID "${value.slice(0, 100)}" is not a valid ID: SignalWire IDs are UUIDs`,
			{
				itemIndex,
				description:
					'Use the sid returned by Start, or choose "By Name" and give the stream\'s name.',
			},
		);
	}
	return value.toLowerCase();
}
