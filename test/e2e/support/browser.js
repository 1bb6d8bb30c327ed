'use strict';
/**
 * Headless Chromium (the Debian package, not a downloaded browser) driven by playwright-core, with a
 * fresh profile and every request outside 127.0.0.1 aborted, so that a test never reaches the
 * internet (n8n's editor asks registry.npmjs.org about community packages, for instance).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { chromium, selectors } = require('playwright-core');

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

// n8n's editor marks its elements with data-test-id (playwright's default is data-testid).
selectors.setTestIdAttribute('data-test-id');

function requireChromium() {
	if (!fs.existsSync(CHROMIUM)) {
		throw new Error(
			`Chromium is not installed at ${CHROMIUM}: the editor test needs it. Install it with ` +
				'`sudo apt-get update && sudo apt-get install -y chromium` (Debian/Ubuntu), or run .ci/run, which does.',
		);
	}
}

/** @returns {Promise<{ page: import('playwright-core').Page, blocked: string[], close: () => Promise<void> }>} */
async function launchChromium() {
	requireChromium();
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: { width: 1440, height: 900 },
	});
	const blocked = [];
	await context.route('**/*', (route) => {
		const url = new URL(route.request().url());
		if (url.hostname === '127.0.0.1') return route.continue();
		blocked.push(url.href);
		return route.abort();
	});
	const page = context.pages()[0] ?? (await context.newPage());
	return {
		page,
		blocked,
		async close() {
			await context.close();
			fs.rmSync(profile, { recursive: true, force: true });
		},
	};
}

module.exports = { launchChromium };
