'use strict';
/** Builds the node package and packs it exactly as `npm publish` would ship it. */
const fs = require('node:fs');
const path = require('node:path');

const { PACK_DIR, ROOT } = require('./paths');
const { runOrThrow } = require('./processes');

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** `npm run build` then `npm pack`; returns `{ tarball, name, version }`. */
async function buildAndPack() {
	await runOrThrow(NPM, ['run', 'build', '--silent'], { cwd: ROOT });
	fs.rmSync(PACK_DIR, { recursive: true, force: true });
	fs.mkdirSync(PACK_DIR, { recursive: true });
	const { stdout } = await runOrThrow(NPM, ['pack', '--json', '--pack-destination', PACK_DIR], {
		cwd: ROOT,
	});
	const [packed] = JSON.parse(stdout);
	return {
		tarball: path.join(PACK_DIR, packed.filename),
		name: packed.name,
		version: packed.version,
	};
}

module.exports = { buildAndPack };
