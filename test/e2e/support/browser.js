'use strict';
/**
 * Headless Chromium or Chrome (an installed one, never a downloaded browser) driven by playwright-core, with a
 * fresh profile and every request outside 127.0.0.1 aborted, so that a test never reaches the
 * internet (n8n's editor asks registry.npmjs.org about community packages, for instance).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { chromium, selectors } = require('playwright-core');

/** Names a Chromium or Chrome goes by on PATH, tried in this order after CHROME_PATH. */
const BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
/** Where macOS keeps them (not on PATH). */
const MAC_APPS = [
	'/Applications/Chromium.app/Contents/MacOS/Chromium',
	'/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];
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

function isExecutable(file) {
	try {
		fs.accessSync(file, fs.constants.X_OK);
		return fs.statSync(file).isFile();
	} catch {
		return false;
	}
}

/**
 * The browser to drive: `CHROME_PATH` when set, else the first of chromium, chromium-browser,
 * google-chrome on PATH, else the macOS applications. Undefined when there is none.
 */
function findChromium(environment = process.env) {
	if (environment.CHROME_PATH) {
		return isExecutable(environment.CHROME_PATH) ? environment.CHROME_PATH : undefined;
	}
	const folders = (environment.PATH ?? '').split(path.delimiter).filter(Boolean);
	for (const name of BROWSER_NAMES) {
		for (const folder of folders) {
			const candidate = path.join(folder, name);
			if (isExecutable(candidate)) return candidate;
		}
	}
	return MAC_APPS.find(isExecutable);
}

function installHint(environment = process.env) {
	const where = environment.CHROME_PATH
		? `CHROME_PATH=${environment.CHROME_PATH} is not an executable file`
		: `none of ${BROWSER_NAMES.join(', ')} is on PATH`;
	return [
		`The editor test needs Chromium or Google Chrome, and ${where}.`,
		'Install one, or point CHROME_PATH at one:',
		'  Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y chromium',
		'  macOS:         brew install --cask chromium   (or use an installed Google Chrome)',
		'  any system:    CHROME_PATH=/path/to/chrome npm run test:e2e',
	].join('\n');
}

/** @returns {Promise<{ page: import('playwright-core').Page, blocked: string[], close: () => Promise<void> }>} */
async function launchChromium() {
	const executablePath = findChromium();
	if (!executablePath) throw new Error(installHint());
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath,
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

module.exports = { findChromium, installHint, launchChromium };
