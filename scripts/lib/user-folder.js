'use strict';
/** A fresh n8n user folder with the node package installed the way n8n installs community packages. */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { runOrThrow } = require('./processes');

function createUserFolder(prefix = 'sw-n8n-') {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function removeUserFolder(userFolder) {
	fs.rmSync(userFolder, { recursive: true, force: true });
}

/**
 * Unpacks the `npm pack` tarball into `<user folder>/.n8n/nodes/node_modules/<name>`, which n8n
 * scans at start, and records it in `.n8n/nodes/package.json` as `npm install <name>` there would.
 * Unpacking instead of `npm install` keeps it offline: the package has no dependencies, and its
 * peer dependency n8n-workflow is n8n's own.
 */
async function installPackage(userFolder, { tarball, name, version }) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', name);
	fs.rmSync(packageDir, { recursive: true, force: true });
	fs.mkdirSync(packageDir, { recursive: true });
	await runOrThrow('tar', ['-xzf', tarball, '--strip-components=1', '-C', packageDir]);
	const ledger = { name: 'installed-nodes', private: true, dependencies: { [name]: version } };
	fs.writeFileSync(path.join(nodesDir, 'package.json'), `${JSON.stringify(ledger, null, 2)}\n`);
	return packageDir;
}

module.exports = { createUserFolder, removeUserFolder, installPackage };
