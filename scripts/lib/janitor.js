'use strict';
/**
 * Removes one folder when told to stop, and not before:
 *
 *   node janitor.js <folder>
 *
 * temp-folder.js starts it under guard.js, so the folder goes when its owner removes it *and*
 * when its owner dies without doing so (Ctrl-C, kill -9, a crashed test runner): the guard then
 * sends SIGTERM to the janitor at the same time as the other guards stop their servers, so the
 * janitor keeps trying for a few seconds, until nothing writes into the folder any more.
 */
const fs = require('node:fs');

const [folder] = process.argv.slice(2);
const TRY_FOR_MS = 8000;

function removeFolder() {
	const deadline = Date.now() + TRY_FOR_MS;
	const attempt = () => {
		try {
			fs.rmSync(folder, { recursive: true, force: true });
		} catch {
			// A server still writing into it: try again.
		}
		if (!fs.existsSync(folder) || Date.now() > deadline) {
			process.exit(fs.existsSync(folder) ? 1 : 0);
		}
		setTimeout(attempt, 250);
	};
	attempt();
}

process.on('SIGTERM', removeFolder);
process.on('SIGINT', removeFolder);
// Stay alive until told to stop.
setInterval(() => {}, 60_000);
