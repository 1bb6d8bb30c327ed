'use strict';
const path = require('node:path');

/** The repository root, wherever the scripts are called from. */
const ROOT = path.resolve(__dirname, '..', '..');

module.exports = {
	ROOT,
	EXAMPLES_DIR: path.join(ROOT, 'examples'),
	/** Git-ignored, like the n8n install next to it. */
	PACK_DIR: path.join(ROOT, '.cache', 'package'),
	ARTIFACTS_DIR: path.join(ROOT, '.artifacts'),
};
