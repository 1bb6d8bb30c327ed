/* eslint-disable @n8n/community-nodes/no-restricted-imports -- the rig, not shipped: n8n's rules for node code do not apply */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Container } from '@n8n/di';
import { BinaryDataConfig, BinaryDataService } from 'n8n-core';

/**
 * n8n's binary data store in the mode a test asks for. Unit tests run n8n-core without its start-up
 * code, which leaves the store in n8n's in-memory ("default") mode; `enableFilesystemMode` installs
 * the filesystem manager n8n 2.x uses by default in regular mode (N8N_DEFAULT_BINARY_DATA_MODE=
 * filesystem), writing below a new temporary folder. No jest here: the bench uses it too.
 */
export async function enableFilesystemMode(): Promise<string> {
	const folder = mkdtempSync(join(tmpdir(), 'sw-binary-'));
	const config = Container.get(BinaryDataConfig);
	config.mode = 'filesystem';
	config.localStoragePath = folder;
	await Container.get(BinaryDataService).init();
	return folder;
}

/** Back to the in-memory mode, the folder removed. */
export function disableFilesystemMode(folder: string): void {
	(Container.get(BinaryDataService) as unknown as { managers: object }).managers = {};
	rmSync(folder, { recursive: true, force: true });
}

/** Every file below `folder` (temporary ones included), relative to it. */
export function filesBelow(folder: string, relative = ''): string[] {
	const here = join(folder, relative);
	return readdirSync(here).flatMap((name) => {
		const path = join(relative, name);
		return statSync(join(folder, path)).isDirectory() ? filesBelow(folder, path) : [path];
	});
}
