'use strict';
/** The pinned real n8n (scripts/ensure-n8n.sh) and where its binaries are. */
const fs = require('node:fs');
const path = require('node:path');

const { ROOT } = require('./paths');
const { runOrThrow } = require('./processes');

const ENSURE_N8N = path.join(ROOT, 'scripts', 'ensure-n8n.sh');

/**
 * Installs n8n into the cache if needed (progress on stderr; about 9 minutes cold, see
 * docs/getting-started.md; instant warm)
 * and returns `{ nodeBin, n8nBin, version }`: n8n runs as `nodeBin n8nBin <command>` on its own Node 24.
 */
async function ensureN8n() {
	// Let bash evaluate the script's shell-quoted lines rather than parsing them here.
	const { stdout } = await runOrThrow(
		'bash',
		[
			'-c',
			'eval "$("$0" --print-env)" && printf "%s\\n%s\\n" "$N8N_NODE_BIN" "$N8N_BIN"',
			ENSURE_N8N,
		],
		{ cwd: ROOT, echoStderr: true },
	);
	const [nodeBin, n8nBin] = stdout.trim().split('\n');
	const { version } = JSON.parse(
		fs.readFileSync(path.join(path.dirname(n8nBin), '..', 'package.json'), 'utf8'),
	);
	return { nodeBin, n8nBin, version };
}

module.exports = { ensureN8n };
