import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Container } from '@n8n/di';
import { BinaryDataConfig, BinaryDataService } from 'n8n-core';

/**
 * n8n's binary data store in the mode a test asks for. Unit tests run n8n-core without its start-up
 * code, which leaves the store in n8n's in-memory ("default") mode; `useFilesystemMode()` installs
 * the filesystem manager n8n uses by default in regular mode (N8N_DEFAULT_BINARY_DATA_MODE=filesystem),
 * writing below a temporary folder.
 */
export function useFilesystemMode(): { folder: () => string; files: () => string[] } {
	let folder = '';
	beforeAll(async () => {
		folder = mkdtempSync(join(tmpdir(), 'sw-binary-'));
		const config = Container.get(BinaryDataConfig);
		config.mode = 'filesystem';
		config.localStoragePath = folder;
		await Container.get(BinaryDataService).init();
	});
	afterAll(() => {
		(Container.get(BinaryDataService) as unknown as { managers: object }).managers = {};
		rmSync(folder, { recursive: true, force: true });
	});
	return {
		folder: () => folder,
		/** Every file written so far (temporary files included), relative to the folder. */
		files: () => listFiles(folder, ''),
	};
}

function listFiles(root: string, relative: string): string[] {
	const here = join(root, relative);
	return readdirSync(here).flatMap((name) => {
		const path = join(relative, name);
		return statSync(join(root, path)).isDirectory() ? listFiles(root, path) : [path];
	});
}
