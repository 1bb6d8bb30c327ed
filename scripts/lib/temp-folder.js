'use strict';
/**
 * A temporary folder that cannot outlive the process that made it: a janitor (janitor.js) runs
 * under guard.js and removes it when asked, or when this process dies without asking (Ctrl-C,
 * kill -9), after the servers that used it have been stopped by their own guards.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { start, stop } = require('./processes');

const JANITOR = path.join(__dirname, 'janitor.js');

/** Creates `<tmpdir>/<prefix>XXXXXX`; resolves with `{ path, remove() }`. */
function createGuardedTempFolder(prefix) {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	const janitor = start(process.execPath, [JANITOR, folder], { stdio: 'ignore' });
	return {
		path: folder,
		/** Removes the folder (through the janitor, which then exits). */
		async remove() {
			await stop(janitor);
			fs.rmSync(folder, { recursive: true, force: true });
		},
	};
}

module.exports = { createGuardedTempFolder };
