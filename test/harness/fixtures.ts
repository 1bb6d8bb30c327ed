/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- the rig, not shipped: n8n's rules for node code do not apply */
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

/** What a cut could leave of `secret`: its first or last 8 characters or more. */
function telltalePieces(secret: string, length = 8): string[] {
	return secret.length < length ? [] : [secret.slice(0, length), secret.slice(-length)];
}

/**
 * Every string a secret could hide in: outputs, errors, descriptions, logs. Not even a part of it
 * (its first or last 8 characters) may appear, as a cut before redaction would leave.
 */
export function expectNoSecret(value: unknown, secrets: string[]): void {
	const serialized = JSON.stringify(value, (_key, inner: unknown) =>
		inner instanceof Error ? { ...inner, message: inner.message, stack: inner.stack } : inner,
	);
	for (const secret of secrets) {
		for (const piece of telltalePieces(secret)) {
			expect({ secret, found: serialized.includes(piece) ? piece : undefined }).toEqual({
				secret,
				found: undefined,
			});
		}
	}
}

export function expectNoToken(value: unknown): void {
	expectNoSecret(value, [API_TOKEN, Buffer.from(`${PROJECT_ID}:${API_TOKEN}`).toString('base64')]);
}
