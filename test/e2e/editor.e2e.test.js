'use strict';
/**
 * The node in n8n's editor, in headless Chromium: sign in with the owner login, find the node in the
 * node panel with its icon, add it, see the Conference operations and their fields, and pick a
 * conference from the sandbox in the "From list" picker. The tests are the steps of one browser
 * session and run in order. Screenshots go to .artifacts/.
 */
const fs = require('node:fs');
const path = require('node:path');

const { ARTIFACTS_DIR } = require('../../scripts/lib/paths');
const { launchChromium } = require('./support/browser');
const { startEnvironment } = require('./support/environment');
const { accountPath, basicAuth } = require('./support/expectations');

const CANVAS_WORKFLOW = path.join(__dirname, 'workflows', 'editor-canvas.json');
const ICON_PATH =
	'/icons/n8n-nodes-signalwire-conference/dist/nodes/SignalWireConference/signalwire.svg';
const UI_TIMEOUT_MS = 30_000;

let environment;
let editor;
let login;
let browser;
let page;

async function screenshot(name) {
	fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
	await page.screenshot({ path: path.join(ARTIFACTS_DIR, name) });
}

/** Texts of the visible elements a locator matches, once at least one is visible. */
async function visibleTexts(locator) {
	await locator.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
	return (await locator.allInnerTexts()).map((text) => text.trim());
}

beforeAll(async () => {
	// First, so that a missing Chromium fails at once with how to install it.
	browser = await launchChromium();
	page = browser.page;
	environment = await startEnvironment({ workflowFiles: [CANVAS_WORKFLOW] });
	({ editor, login } = await environment.startEditor());
	page.setDefaultTimeout(UI_TIMEOUT_MS);
});

afterAll(async () => {
	await browser?.close();
	await environment?.stop();
});

test('signs in with the owner login', async () => {
	await page.goto(`${editor.baseUrl}/signin`);
	await page.locator('input[name="emailOrLdapLoginId"]').fill(login.email);
	await page.locator('input[name="password"]').fill(login.password);
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
});

test('the node panel lists "SignalWire Conference" with its icon', async () => {
	await page.goto(`${editor.baseUrl}/workflow/e2eEditorCanvas`);
	await page.getByTestId('canvas-node').first().waitFor();
	await page.getByTestId('node-creator-plus-button').click();
	await page.getByTestId('node-creator-search-bar').fill('SignalWire');

	const creator = page.getByTestId('node-creator');
	const itemName = () =>
		page.getByTestId('node-creator-item-name').getByText('SignalWire Conference', { exact: true });
	await creator.locator(itemName()).waitFor();
	const item = creator.getByTestId('item-iterator-item').filter({ has: itemName() });
	const icon = item.locator('img').first();
	expect(await icon.getAttribute('src')).toBe(ICON_PATH);
	// Loaded, not a broken image.
	await page.waitForFunction(
		(image) => image.complete && image.naturalWidth > 0,
		await icon.elementHandle(),
	);
	await screenshot('editor-node-panel.png');
});

test('opening it shows the Conference operations', async () => {
	const creator = page.getByTestId('node-creator');
	await creator
		.getByTestId('node-creator-item-name')
		.getByText('SignalWire Conference', { exact: true })
		.click();

	const actions = await visibleTexts(creator.getByTestId('node-creator-item-name'));
	expect(actions).toEqual(
		expect.arrayContaining(['Get a conference', 'Get many conferences', 'Update a conference']),
	);
	await screenshot('editor-node-actions.png');
});

test('adding "Get a conference" shows its fields, with the SignalWire credential selected', async () => {
	await page.getByTestId('node-creator').getByText('Get a conference', { exact: true }).click();

	const parameters = page.getByTestId('node-parameters');
	await parameters.waitFor();
	expect(await page.getByTestId('node-credentials-select').locator('input').inputValue()).toBe(
		'SignalWire account',
	);
	expect(await page.getByTestId('parameter-input-resource').locator('input').inputValue()).toBe(
		'Conference',
	);
	expect(await page.getByTestId('parameter-input-operation').locator('input').inputValue()).toBe(
		'Get',
	);
	await page.getByTestId('resource-locator-conferenceId').waitFor();
	expect(await page.getByTestId('rlc-mode-selector').locator('input').inputValue()).toBe(
		'From list',
	);
});

test('Operation offers Get, Get Many and Update, each with its own fields', async () => {
	const operation = page.getByTestId('parameter-input-operation');
	const choose = async (name) => {
		await operation.click();
		await page
			.getByRole('option', { name: new RegExp(`^${name}\\b`) })
			.first()
			.click();
	};

	await operation.click();
	const options = (await visibleTexts(page.getByRole('option'))).map((text) => text.split('\n')[0]);
	expect(options).toEqual(expect.arrayContaining(['Get', 'Get Many', 'Update']));
	await page.keyboard.press('Escape');

	// A label's text is followed by the Fixed/Expression switch while the pointer is over it.
	const labels = async () =>
		(await visibleTexts(page.getByTestId('node-parameters').getByTestId('input-label'))).map(
			(text) => text.split('\n')[0],
		);
	await choose('Get Many');
	await page.getByTestId('parameter-input-returnAll').waitFor();
	expect(await labels()).toEqual(expect.arrayContaining(['Return All', 'Limit', 'Filters']));

	await choose('Update');
	await page.getByTestId('resource-locator-conferenceId').waitFor();
	expect(await labels()).toEqual(expect.arrayContaining(['Conference', 'Update Fields']));

	await choose('Get');
	await page.getByTestId('resource-locator-conferenceId').waitFor();
});

test('the "From list" picker lists the sandbox\'s conferences', async () => {
	const { sandbox } = environment;
	await sandbox.reset();
	await page.getByTestId('rlc-input').click();

	const names = await visibleTexts(page.getByTestId('rlc-item'));
	expect(names).toEqual(
		expect.arrayContaining(['All hands (in-progress)', 'Support bridge (in-progress)']),
	);
	await screenshot('editor-conference-picker.png');
	const requests = await sandbox.requests();
	expect(requests.length).toBeGreaterThanOrEqual(1);
	expect(requests[0]).toMatchObject({
		method: 'GET',
		path: `${accountPath(sandbox)}/Conferences`,
		query: [['PageSize', '50']],
		authorization: basicAuth(sandbox),
	});

	// Typing searches: only matching conferences stay in the list.
	await page.keyboard.type('Support bridge');
	await page.waitForFunction(() => {
		const items = [...document.querySelectorAll('[data-test-id="rlc-item"]')].map((item) =>
			item.innerText.trim(),
		);
		return items.length > 0 && items.every((name) => name.startsWith('Support bridge'));
	});
	expect(await visibleTexts(page.getByTestId('rlc-item'))).toContain(
		'Support bridge (in-progress)',
	);
});
