'use strict';
/** The pinned real n8n versions (scripts/ensure-n8n.sh) and where their binaries are. */
const fs = require('node:fs');
const path = require('node:path');

const { ROOT } = require('./paths');
const { runOrThrow } = require('./processes');

const ENSURE_N8N = path.join(ROOT, 'scripts', 'ensure-n8n.sh');

/**
 * The ends of the range the README's "Supported versions" claims: every e2e test runs on the
 * newest, the smoke test (test/e2e/oldest-n8n.e2e.test.js) on the oldest. The oldest is the first
 * n8n whose n8n-workflow exports `NodeConnectionTypes`; the unit tests compare the package's
 * imports with that n8n-workflow (devDependency `n8n-workflow-oldest`).
 */
const N8N_VERSIONS = { newest: '2.41.1', oldest: '1.85.4' };

/**
 * Installs n8n `version` into the cache if needed (progress on stderr; about 9 minutes cold for 2.41.1, see
 * docs/getting-started.md; instant warm)
 * and returns `{ nodeBin, n8nBin, version }`: n8n runs as `nodeBin n8nBin <command>` on the
 * Node.js that version needs (24 for 2.x, 20 or 22 for 1.x).
 */
async function ensureN8n({ version = N8N_VERSIONS.newest } = {}) {
	// Let bash evaluate the script's shell-quoted lines rather than parsing them here.
	const { stdout } = await runOrThrow(
		'bash',
		[
			'-c',
			'eval "$("$0" --print-env)" && printf "%s\\n%s\\n" "$N8N_NODE_BIN" "$N8N_BIN"',
			ENSURE_N8N,
		],
		{ cwd: ROOT, echoStderr: true, env: { ...process.env, N8N_VERSION: version } },
	);
	const [nodeBin, n8nBin] = stdout.trim().split('\n');
	const installed = JSON.parse(
		fs.readFileSync(path.join(path.dirname(n8nBin), '..', 'package.json'), 'utf8'),
	);
	if (installed.version !== version) {
		throw new Error(`ensure-n8n.sh installed n8n ${installed.version}, not ${version}`);
	}
	return { nodeBin, n8nBin, version };
}

module.exports = { ensureN8n, N8N_VERSIONS };
