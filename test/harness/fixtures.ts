import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { SignalWireServer } from '../server/SignalWireServer';

export const PROJECT_ID = 'b3877c40-da60-4998-90ad-b792e98472af';
export const API_TOKEN = 'PTtest0123456789abcdefSECRET';
export const AUTHORIZATION = `Basic ${Buffer.from(`${PROJECT_ID}:${API_TOKEN}`).toString('base64')}`;
export const ACCOUNT_PATH = `/api/laml/2010-04-01/Accounts/${PROJECT_ID}`;

export interface TestSpace {
	server: SignalWireServer;
	credentials: ICredentialDataDecryptedObject;
}

/**
 * A fresh SignalWire-compatible server per test file, reset before each test; the returned object
 * is filled in by beforeAll, so read its fields inside tests.
 */
export function useSignalWireServer(): TestSpace {
	const space = {} as TestSpace;
	beforeAll(async () => {
		space.server = new SignalWireServer({ projectId: PROJECT_ID, apiToken: API_TOKEN });
		const origin = await space.server.start();
		space.credentials = { spaceUrl: origin, projectId: PROJECT_ID, apiToken: API_TOKEN };
	});
	beforeEach(() => {
		space.server.reset();
		space.server.store.conferences.clear();
	});
	afterAll(async () => {
		await space.server.stop();
	});
	return space;
}

/** Every string the token could hide in: outputs, errors, descriptions. */
export function expectNoToken(value: unknown): void {
	const serialized = JSON.stringify(value, (_key, inner: unknown) =>
		inner instanceof Error ? { ...inner, message: inner.message, stack: inner.stack } : inner,
	);
	expect(serialized).not.toContain(API_TOKEN);
	expect(serialized).not.toContain(Buffer.from(`${PROJECT_ID}:${API_TOKEN}`).toString('base64'));
}
