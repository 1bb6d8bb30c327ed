import { NodeOperationError } from 'n8n-workflow';

import { isUuid } from '../helpers/validation';
import { accountPath } from './paths';
import { resolveSpaceOrigin } from './spaceUrl';
import type { SignalWireContext, Space } from './types';

/** The space and account every request of this run goes to, from the `signalWireApi` credentials. */
export async function getSpace(context: SignalWireContext, itemIndex: number): Promise<Space> {
	const credentials = await context.getCredentials('signalWireApi', itemIndex);
	const space = resolveSpaceOrigin(credentials.spaceUrl);
	if ('problem' in space) {
		throw new NodeOperationError(context.getNode(), `Credentials: ${space.problem}`, {
			itemIndex,
			description: 'Fix the Space URL in the SignalWire API credentials.',
		});
	}
	const projectId = String(credentials.projectId ?? '').trim();
	if (!isUuid(projectId)) {
		throw new NodeOperationError(
			context.getNode(),
			'Credentials: the Project ID is not a UUID (like b3877c40-da60-4998-90ad-b792e98472af)',
			{
				itemIndex,
				description: 'Copy the Project ID from the API page of your SignalWire dashboard.',
			},
		);
	}
	const apiToken = String(credentials.apiToken ?? '');
	return {
		origin: space.origin,
		accountPath: accountPath(projectId),
		secrets: [apiToken, Buffer.from(`${projectId}:${apiToken}`).toString('base64')],
	};
}
