'use strict';
/**
 * The node in n8n's editor, in headless Chromium, as a new user meets it: sign in, find the node by
 * every phrase the README promises (docs/search-phrases.json: the node panel, then the trigger panel
 * of an empty workflow, and inside the entry the action), add "Mute a participant", pick the conference
 * among namesakes and search beyond the first page, keep the picked label when picking again, pick
 * a participant by number, and look at a trigger. The tests are the steps of one browser session
 * and run in order. They take the README's screenshots (small PNGs, cropped to what they show) on
 * every run, into .artifacts/readme-images/; with UPDATE_README_IMAGES=1 into docs/images/, so the
 * README's pictures are refreshed from a real run and ordinary runs leave the work tree clean.
 * Full-page shots of failures go to .artifacts/; the panel after each promised phrase goes to
 * .artifacts/search-phrases/.
 */
const fs = require('node:fs');
const path = require('node:path');

const { ARTIFACTS_DIR, ROOT } = require('../../scripts/lib/paths');
const { execFile } = require('node:child_process');
const { promisify } = require('node:util');

const {
	JOINED_ANNOUNCE,
	signingKeyCredential,
	testWebhookUrl,
} = require('../../scripts/lib/triggers');
const { launchChromium } = require('./support/browser');
const { startEnvironment } = require('./support/environment');
const { accountPath, basicAuth } = require('./support/expectations');

const CANVAS_WORKFLOW = path.join(__dirname, 'workflows', 'editor-canvas.json');
const { phrases: PHRASES } = require('../../docs/search-phrases.json');
const PHRASES_DIR = path.join(ARTIFACTS_DIR, 'search-phrases');
/** How far down the results a promised entry may be: on screen without scrolling. */
const MAX_RESULT_POSITION = 5;
/** The README's picture of a phrase's results. */
const README_SHOTS = { 'trigger: conference ends': 'trigger-panel-search.png' };
const TRIGGER_EXAMPLE = path.join(ROOT, 'examples', 'triggers', 'participant-joined-announce.json');
const IMAGES_DIR = process.env.UPDATE_README_IMAGES
	? path.join(ROOT, 'docs', 'images')
	: path.join(ARTIFACTS_DIR, 'readme-images');
const ICON_PATH =
	'/icons/n8n-nodes-signalwire-conference/dist/nodes/SignalWireConference/signalwire.svg';
const UI_TIMEOUT_MS = 30_000;
const NODE_NAME = 'SignalWire Conference';
/** `npm run sandbox` as compiled by the e2e setup. */
const SANDBOX_SCRIPT = path.join(ROOT, '.build', 'test', 'server', 'sandbox.js');

/** What typing a task into the node panel must offer, inside the node. */
const TASKS = {
	'mute participant': ['Mute a participant', 'Update a participant: mute, hold, coach or announce'],
};

let environment;
let editor;
let login;
let browser;
let browserError;
let page;

/** A PNG for the README: the union of the given elements' boxes, plus a margin. */
async function readmeImage(name, locators, { margin = 8, maxHeight = 560 } = {}) {
	const boxes = [];
	for (const locator of locators) boxes.push(await locator.boundingBox());
	const left = Math.max(0, Math.min(...boxes.map((box) => box.x)) - margin);
	const top = Math.max(0, Math.min(...boxes.map((box) => box.y)) - margin);
	const right = Math.max(...boxes.map((box) => box.x + box.width)) + margin;
	const bottom = Math.min(
		Math.max(...boxes.map((box) => box.y + box.height)) + margin,
		top + maxHeight,
	);
	fs.mkdirSync(IMAGES_DIR, { recursive: true });
	await page.screenshot({
		path: path.join(IMAGES_DIR, name),
		clip: { x: left, y: top, width: right - left, height: bottom - top },
	});
}

/** Texts of the visible elements a locator matches, once at least one is visible. */
async function visibleTexts(locator) {
	await locator.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
	return (await locator.allInnerTexts()).map((text) => text.trim());
}

/**
 * The picker's entries once the list shows what is expected: at least `atLeast` entries, all
 * starting with `allStartWith`, or one starting with `someStartWith`.
 */
async function settledItems({ atLeast = 1, allStartWith, someStartWith }) {
	await page.waitForFunction(
		(expected) => {
			const items = [...document.querySelectorAll('[data-test-id="rlc-item"]')].map((item) =>
				item.innerText.trim(),
			);
			return (
				items.length >= expected.atLeast &&
				(expected.allStartWith === undefined ||
					items.every((name) => name.startsWith(expected.allStartWith))) &&
				(expected.someStartWith === undefined ||
					items.some((name) => name.startsWith(expected.someStartWith)))
			);
		},
		{ atLeast, allStartWith, someStartWith },
	);
	return await visibleTexts(page.getByTestId('rlc-item'));
}

const creator = () => page.getByTestId('node-creator');
const searchBar = () => page.getByTestId('node-creator-search-bar');
const itemNames = () => creator().getByTestId('node-creator-item-name');

/** Closes the node creator if it is open, then opens it with the canvas's + button. */
async function openCreator() {
	if (await creator().isVisible()) {
		await page.keyboard.press('Escape');
		await creator().waitFor({ state: 'hidden' });
	}
	await page.getByTestId('node-creator-plus-button').click();
	await searchBar().waitFor();
}

/** The names the panel lists once `expected` is among them (results render as you type). */
async function namesOnceListed(expected) {
	await page.waitForFunction(
		(name) =>
			[...document.querySelectorAll('[data-test-id="node-creator-item-name"]')].some(
				(item) => item.innerText.trim() === name,
			),
		expected,
	);
	return await visibleTexts(itemNames());
}

const shotName = (panel, phrase, suffix = '') =>
	path.join(PHRASES_DIR, `${panel}-${phrase.replace(/\W+/g, '-')}${suffix}.png`);

/**
 * Types `phrase` into the open panel: every promised entry must be listed, within the first rows,
 * and opening it must list the promised action.
 */
async function checkPhrase({ phrase, panel, finds }) {
	fs.mkdirSync(PHRASES_DIR, { recursive: true });
	const found = [];
	for (const [index, { node, action }] of finds.entries()) {
		if (index > 0) await openCreator();
		await searchBar().fill(phrase);
		const names = await namesOnceListed(node);
		const position = names.indexOf(node) + 1;
		if (index === 0) {
			await page.screenshot({ path: shotName(panel, phrase) });
			const readmeShot = README_SHOTS[`${panel}: ${phrase}`];
			if (readmeShot) await readmeImage(readmeShot, [creator()], { maxHeight: 360 });
		}
		expect(position).toBeLessThanOrEqual(MAX_RESULT_POSITION);
		let listed = [];
		if (action !== undefined) {
			// A community node's entry opens its details with every action listed (no search there).
			await itemNames()
				.filter({ hasText: new RegExp(`^${node}\\s*$`) })
				.first()
				.click();
			listed = await namesOnceListed(action);
			// The details slide in.
			await page.waitForTimeout(500);
			await page.screenshot({ path: shotName(panel, phrase, `-${index + 1}-action`) });
		}
		found.push({ node, position, action: listed.find((name) => name === action) });
	}
	return found;
}

/** The node's name in the panel (relative, so that it also works inside `filter({ has })`). */
const entryName = () =>
	page.getByTestId('node-creator-item-name').getByText(NODE_NAME, { exact: true });
const nodeEntry = () => creator().locator(entryName());
const nodeItem = () => creator().getByTestId('item-iterator-item').filter({ has: entryName() });
const locatorInput = (name) =>
	page.getByTestId(`resource-locator-${name}`).getByTestId('rlc-input');

beforeAll(async () => {
	// First: a missing browser is reported once, by the first test, with how to install one.
	try {
		browser = await launchChromium();
		page = browser.page;
	} catch (error) {
		browserError = error;
		return;
	}
	environment = await startEnvironment({ workflowFiles: [CANVAS_WORKFLOW, TRIGGER_EXAMPLE] });
	await environment.n8n.importCredentials([signingKeyCredential(environment.sandbox)]);
	({ editor, login } = await environment.startEditor());
	page.setDefaultTimeout(UI_TIMEOUT_MS);
});

beforeEach(() => {
	if (browserError) {
		const reported = browserError;
		browserError = new Error(
			'No browser to drive: see the first failed test for how to install one.',
		);
		throw reported;
	}
});

/** The whole page after each step, in .artifacts/ (git-ignored), to see what a failure saw. */
afterEach(async () => {
	if (!page || browserError) return;
	fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
	const file = `editor-${expect.getState().currentTestName.replace(/\W+/g, '-').slice(0, 60)}.png`;
	await page.screenshot({ path: path.join(ARTIFACTS_DIR, file) });
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

	await nodeEntry().waitFor();
	const icon = nodeItem().locator('img').first();
	expect(await icon.getAttribute('src')).toBe(ICON_PATH);
	// Loaded, not a broken image.
	await page.waitForFunction(
		(image) => image.complete && image.naturalWidth > 0,
		await icon.elementHandle(),
	);
});

describe.each([['node'], ['trigger']])('the %s panel', (panel) => {
	beforeAll(async () => {
		if (browserError || !editor) return;
		// The node panel: + on a workflow that has a trigger; the trigger panel: + on an empty one.
		await page.goto(
			panel === 'node'
				? `${editor.baseUrl}/workflow/e2eEditorCanvas`
				: `${editor.baseUrl}/workflow/new`,
		);
		await page
			.getByTestId(panel === 'node' ? 'canvas-node' : 'canvas-add-button')
			.first()
			.waitFor();
	});

	test.each(PHRASES.filter((entry) => entry.panel === panel).map((entry) => [entry.phrase, entry]))(
		'typing "%s" finds the promised entry, and in it the promised action',
		async (_phrase, entry) => {
			await openCreator();
			const found = await checkPhrase(entry);
			expect(found).toEqual(
				entry.finds.map(({ node, action }) => ({ node, position: expect.any(Number), action })),
			);
			console.log(
				`"${entry.phrase}" (${panel} panel): ${found.map((item) => `${item.node} #${item.position}${item.action ? ` → ${item.action}` : ''}`).join('; ')}`,
			);
			await page.keyboard.press('Escape');
		},
	);
});

test.each(Object.entries(TASKS))(
	'typing "%s" finds the node, and opening it shows the actions for the task',
	async (task, actions) => {
		await page.goto(`${editor.baseUrl}/workflow/e2eEditorCanvas`);
		await page.getByTestId('canvas-node').first().waitFor();
		await openCreator();
		await searchBar().fill(task);
		await nodeEntry().waitFor();
		// The grouped entry shows the webhook trigger's description, written to speak for both.
		expect(await nodeItem().innerText()).toContain('Starts a workflow when a conference starts');
		if (task === 'mute participant') {
			await readmeImage('node-panel-search.png', [creator()], { maxHeight: 300 });
		}

		await nodeEntry().click();
		const shown = await visibleTexts(creator().getByTestId('node-creator-item-name'));
		expect(shown).toEqual(expect.arrayContaining(actions));
	},
);

test('adding "Mute a participant" shows its fields, with the SignalWire credential selected', async () => {
	await creator().getByText('Mute a participant', { exact: true }).click();

	await page.getByTestId('node-parameters').waitFor();
	expect(await page.getByTestId('node-credentials-select').locator('input').inputValue()).toBe(
		'SignalWire account',
	);
	expect(await page.getByTestId('parameter-input-resource').locator('input').inputValue()).toBe(
		'Participant',
	);
	expect(await page.getByTestId('parameter-input-operation').locator('input').inputValue()).toBe(
		'Mute',
	);
	await page.getByTestId('resource-locator-participantId').waitFor();
	expect(await page.getByTestId('rlc-mode-selector').first().locator('input').inputValue()).toBe(
		'From list',
	);
});

test('the conference picker tells the four "Incident bridge" rooms apart', async () => {
	const { sandbox } = environment;
	await sandbox.reset();
	await locatorInput('conferenceId').click();

	const firstPage = await settledItems({ atLeast: 50 });
	const incidents = firstPage.filter((name) => name.startsWith('Incident bridge ·'));
	// Three are among the 50 newest: two running (since when, for how long), one ended yesterday.
	expect(incidents).toEqual([
		expect.stringMatching(/^Incident bridge · running \d+ min · since \d\d:\d\d$/),
		expect.stringMatching(/^Incident bridge · running 2 h \d+ min · since \d\d:\d\d$/),
		expect.stringMatching(/^Incident bridge · ended · \w{3} \d\d \d\d:\d\d · 35 min$/),
	]);
	const requests = await sandbox.requests();
	expect(requests[0]).toMatchObject({
		method: 'GET',
		path: `${accountPath(sandbox)}/Conferences`,
		query: [['PageSize', '50']],
		authorization: basicAuth(sandbox),
	});
});

test('typing searches by name across every page, not only the first', async () => {
	const { sandbox } = environment;
	await sandbox.reset();
	await page.getByTestId('rlc-search').fill('incident bridge');

	const found = await settledItems({ allStartWith: 'Incident bridge ·' });
	expect(found).toHaveLength(4);
	expect(new Set(found).size).toBe(4);
	// The fourth ended weeks ago: far beyond the first page of 50.
	expect(found[3]).toMatch(/^Incident bridge · ended · \w{3} \d\d \d\d:\d\d · 1 h 20 min$/);
	const queries = (await sandbox.requests()).map((request) => request.query);
	expect(queries).toEqual(
		expect.arrayContaining([
			[
				['FriendlyName', 'incident bridge'],
				['PageSize', '200'],
			],
			[['PageSize', '200']],
			expect.arrayContaining([['Page', '1']]),
		]),
	);
	await readmeImage('conference-picker.png', [
		page.getByTestId('resource-locator-conferenceId'),
		page.getByTestId('rlc-item').last(),
	]);
});

test('a picked conference keeps its label, also when picked again from a search it does not match', async () => {
	await page.getByTestId('rlc-item').first().click();
	const label = await locatorInput('conferenceId').inputValue();
	expect(label).toMatch(/^Incident bridge · running \d+ min · since \d\d:\d\d$/);

	// n8n pins the picked entry on top of every search; picking it there used to leave a raw ID.
	await locatorInput('conferenceId').click();
	await page.getByTestId('rlc-search').fill('All hands');
	const listed = await settledItems({ someStartWith: 'All hands' });
	expect(listed[0]).toMatch(/^Incident bridge · running/);
	await page.getByTestId('rlc-item').first().click();
	const relabelled = await locatorInput('conferenceId').inputValue();
	expect(relabelled).toMatch(/^Incident bridge · running \d+ min · since \d\d:\d\d$/);
	expect(relabelled).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);

	// Closing the node and opening it again keeps it too.
	await page.keyboard.press('Escape');
	await page.getByTestId('canvas-node').filter({ hasText: 'Mute a participant' }).dblclick();
	expect(await locatorInput('conferenceId').inputValue()).toBe(relabelled);
});

test("the participant picker shows each participant's number, state and join time", async () => {
	const { sandbox } = environment;
	await sandbox.reset();
	await locatorInput('participantId').click();

	const people = await settledItems({ atLeast: 2 });
	for (const person of people) {
		expect(person).toMatch(
			/^(\+\d{11}|sip:[a-z]+@example\.com)( · (muted|on hold|muted, on hold))? · joined \d\d:\d\d$/,
		);
	}
	const requests = await sandbox.requests();
	expect(requests.filter((request) => request.path.includes('/Calls/'))).toHaveLength(
		people.length,
	);

	await page.getByTestId('rlc-item').nth(1).click();
	expect(await locatorInput('participantId').inputValue()).toBe(people[1]);
	await readmeImage(
		'configured-operation.png',
		[
			page.getByTestId('node-credentials-select'),
			page.getByTestId('resource-locator-participantId'),
		],
		{ margin: 28 },
	);
	await page.keyboard.press('Escape');
});

test('the webhook trigger of the example shows its events and setup hint', async () => {
	await page.goto(`${editor.baseUrl}/workflow/swJoinedAnnounce`);
	// The canvas says what each node does in words, not in stored values (participant-join, …).
	const canvasNode = (name) => page.getByTestId('canvas-node').filter({ hasText: name });
	await canvasNode('Announce Newcomer').waitFor();
	expect(await canvasNode('SignalWire Conference Trigger').innerText()).toContain(
		'Participant join',
	);
	expect(await canvasNode('Announce Newcomer').innerText()).toContain('Announce: conference');
	await page
		.getByTestId('canvas-node')
		.filter({ hasText: 'SignalWire Conference Trigger' })
		.dblclick();
	await page.getByTestId('node-parameters').waitFor();
	expect(await page.getByTestId('node-parameters').innerText()).toContain('Participant Join');
	expect(await page.getByTestId('node-credentials-select').locator('input').inputValue()).toBe(
		'SignalWire signing key',
	);
	await readmeImage('trigger.png', [
		page.getByTestId('node-parameters').getByText('Webhook URLs'),
		page.getByTestId('parameter-input-verifySignature'),
	]);
	await page.keyboard.press('Escape');
});

test('"npm run sandbox -- send" fires a signed callback at the Test URL while the trigger listens', async () => {
	await page
		.getByTestId('canvas-node')
		.filter({ hasText: 'SignalWire Conference Trigger' })
		.dblclick();
	// n8n 2.41.1 says "Execute step"; the trigger then waits for one test event.
	await page.getByTestId('node-parameters').waitFor();
	await page.getByTestId('ndv').getByTestId('node-execute-button').first().click();
	const testUrl = testWebhookUrl(editor.baseUrl, JOINED_ANNOUNCE.webhookId);
	const args = [
		'send',
		'participant-join',
		'--to',
		testUrl,
		'--sandbox',
		environment.sandbox.spaceUrl,
	];

	// n8n registers the test webhook a moment after the click: a 404 says to listen first.
	let sent;
	for (let attempt = 0; attempt < 20; attempt++) {
		sent = await promisify(execFile)(process.execPath, [SANDBOX_SCRIPT, ...args]).catch(
			(error) => error,
		);
		if (!/answered 404/.test(sent.stdout)) break;
		await page.waitForTimeout(500);
	}

	expect(sent.stdout).toMatch(
		new RegExp(
			`^Sent a signed participant-join callback of "Support bridge" \\(ConferenceSid [0-9a-f-]{36}\\) to ${testUrl.replace(/[.?]/g, '\\$&')}: n8n answered 200\\.\n`,
		),
	);
	// The trigger verified it and shows the callback as its output.
	const output = page.getByTestId('output-panel');
	await output.getByText('participant-join').first().waitFor();
	expect(await output.innerText()).toContain('Support bridge');
	await page.keyboard.press('Escape');
});

test('the README images stay small', () => {
	const sizes = [
		'node-panel-search',
		'trigger-panel-search',
		'conference-picker',
		'configured-operation',
		'trigger',
	].map((name) => fs.statSync(path.join(IMAGES_DIR, `${name}.png`)).size);
	expect(sizes.reduce((sum, size) => sum + size, 0)).toBeLessThan(400_000);
});
