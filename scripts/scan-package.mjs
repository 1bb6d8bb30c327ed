// Runs n8n's community package scanner (@n8n/scan-community-package) offline, on what would be
// published: the packed tarball's compiled files and package.json, and the TypeScript sources the
// provenance leg of the scan reads. Inline eslint-disable comments are ignored, as in n8n's scan.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-scan-'));

function run(command, args, cwd) {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
	if (result.status !== 0)
		throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
	return result.stdout;
}

try {
	const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], root));
	const packageDir = path.join(work, 'package');
	fs.mkdirSync(packageDir);
	run(
		'tar',
		['-xzf', path.join(work, packed.filename), '-C', packageDir, '--strip-components=1'],
		work,
	);

	const legs = [
		['packed tarball', packageDir, ['**/*.js', '**/*.ts', '**/*.json']],
		['sources', root, SOURCE_FILE_PATTERNS],
	];
	let failed = false;
	for (const [name, dir, patterns] of legs) {
		const result = await analyzePackage(dir, patterns);
		if (result.passed) {
			process.stdout.write(`scan (${name}): passed\n`);
		} else {
			failed = true;
			process.stdout.write(`scan (${name}): ${result.message}\n${result.details ?? ''}\n`);
		}
	}
	process.exitCode = failed ? 1 : 0;
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}
