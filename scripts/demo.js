#!/usr/bin/env node
'use strict';
/**
 * `npm run demo`: the node working in a real n8n, against the local SignalWire sandbox.
 *
 *   npm run demo                 run the example workflows with `n8n execute` and say what they did
 *   npm run demo -- --ui         start the n8n editor instead, with everything imported, until Ctrl-C
 *   npm run demo -- --ui --port 5679
 *
 * Builds and packs the package, installs the pinned n8n into .cache/ (about 9 minutes the first
 * time on 2 shared cores, see docs/getting-started.md; then reused), starts the sandbox on a free port, installs the package into a fresh n8n user
 * folder the way n8n installs community packages, and imports a credential pointing at the sandbox
 * plus the workflows from examples/. Every process it starts is stopped when it ends, also on Ctrl-C.
 */
const fs = require('node:fs');
const path = require('node:path');

const { ensureN8n } = require('./lib/n8n-install');
const { N8nRestClient, newOwnerLogin } = require('./lib/n8n-rest');
const { startChat, withChatUrl } = require('./lib/chat');
const { buildAndPack } = require('./lib/package');
const { EXAMPLES_DIR, ROOT } = require('./lib/paths');
const { MCP_CONTROLS, mcpClientCredential, mcpUrl, newClientToken } = require('./lib/mcp');
const { isPortTaken } = require('./lib/ports');
const { prepareN8n } = require('./lib/prepare');
const { stopAll } = require('./lib/processes');
const {
	RECORDING_TO_DISK,
	prepareRecordingExample,
	runRecordingExample,
} = require('./lib/recordings');
const { buildSandbox, startSandbox } = require('./lib/sandbox');
const { summarizeRun } = require('./lib/summary');
const {
	JOINED_ANNOUNCE,
	activateWorkflow,
	fireEvent,
	sendCallbacksTo,
	signingKeyCredential,
	waitForRequest,
	waitForWebhook,
	testWebhookUrl,
	webhookUrl,
} = require('./lib/triggers');
const { freePort } = require('./lib/ports');
const { removeUserFolder } = require('./lib/user-folder');

const DEFAULT_EDITOR_PORT = 5678;

function parseArguments(argv) {
	const options = { ui: false, port: DEFAULT_EDITOR_PORT };
	for (let index = 0; index < argv.length; index++) {
		if (argv[index] === '--ui') options.ui = true;
		else if (argv[index] === '--port') options.port = Number(argv[++index]);
		else throw new Error(`unknown argument ${argv[index]} (use --ui, --port <n>)`);
	}
	if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) {
		throw new Error('--port needs a port number');
	}
	return options;
}

let stepNumber = 0;
async function step(total, title, action) {
	stepNumber += 1;
	process.stdout.write(`[${stepNumber}/${total}] ${title}\n`);
	const started = Date.now();
	const result = await action();
	process.stdout.write(`      done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
	return result;
}

let userFolder;
let recordingExample;
let cleaningUp;
/** What the demo started besides processes (the stand-in chat, patched example copies). */
const extraCleanups = [];
function cleanUp() {
	cleaningUp ??= stopAll().finally(async () => {
		if (userFolder) removeUserFolder(userFolder);
		recordingExample?.remove();
		for (const cleanup of extraCleanups) await cleanup();
	});
	return cleaningUp;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		process.stdout.write(`\n${signal}: stopping n8n and the sandbox...\n`);
		void cleanUp().then(() => process.exit(130));
	});
}

/** examples/*.json, then examples/triggers/*.json. */
function exampleFiles() {
	const inFolder = (folder) =>
		fs
			.readdirSync(folder)
			.filter((name) => name.endsWith('.json'))
			.sort()
			.map((name) => path.join(folder, name));
	return [...inFolder(EXAMPLES_DIR), ...inFolder(path.join(EXAMPLES_DIR, 'triggers'))];
}

/** `n8n execute` can only start a workflow from a Manual Trigger; a webhook or polling one waits for events. */
function startsManually(workflow) {
	return workflow.nodes.some((node) => node.type === 'n8n-nodes-base.manualTrigger');
}

async function runExamples(n8n, sandbox, files, headlines) {
	let allOk = true;
	for (const file of files) {
		const workflow = JSON.parse(fs.readFileSync(file, 'utf8'));
		if (workflow.id === JOINED_ANNOUNCE.workflowId) continue;
		if (workflow.id === RECORDING_TO_DISK.workflowId) continue;
		if (!startsManually(workflow)) {
			process.stdout.write(
				`\n▷ ${workflow.name}  (${path.relative(ROOT, file)}): skipped, it has no Manual Trigger; try it with --ui\n`,
			);
			continue;
		}
		await sandbox.reset();
		const result = await n8n.execute(workflow.id);
		const requests = await sandbox.requests();
		const { lines, headline, ok } = summarizeRun({
			workflow,
			result,
			requests,
			projectId: sandbox.projectId,
			said: await sandbox.said(),
			joined: await sandbox.joined(),
		});
		process.stdout.write(
			`\n▶ ${workflow.name}  (${path.relative(ROOT, file)})\n${lines.join('\n')}\n`,
		);
		headlines.push(headline);
		allOk &&= ok;
	}
	process.stdout.write(`\nSummary: ${headlines.join('; ')}.\n`);
	return allOk;
}

/**
 * The SignalWire Conference Trigger, active in a running n8n: the sandbox sends a signed
 * participant-join callback to its webhook, and the workflow announces into that conference.
 */
async function runWebhookTrigger(n8n, sandbox, recordingExample) {
	const editor = await n8n.startEditor({ port: await freePort() });
	try {
		const rest = new N8nRestClient(editor.baseUrl);
		await rest.setupOwner(newOwnerLogin());
		await activateWorkflow(rest, JOINED_ANNOUNCE.workflowId);
		const url = webhookUrl(editor.baseUrl, JOINED_ANNOUNCE.webhookId);
		await sendCallbacksTo(sandbox, url, { requestedOnly: true });
		await waitForWebhook(url);
		await sandbox.reset();
		const delivered = await fireEvent(sandbox, 'participant-join', 'Support bridge');
		const announced = await waitForRequest(
			sandbox,
			(request) =>
				request.method === 'POST' && request.form.some(([name]) => name === 'AnnounceUrl'),
		);
		// The sandbox plays the announcement right after answering it.
		let heard = await sandbox.said();
		for (let tries = 0; heard.length === 0 && tries < 50; tries++) {
			await new Promise((resolve) => setTimeout(resolve, 200));
			heard = await sandbox.said();
		}
		const said = heard.map((entry) => `'${entry.text ?? entry.url}'`).join(', ') || 'nothing';
		process.stdout.write(
			[
				'',
				`▶ When someone joins the "Support bridge" room, announce  (${path.relative(ROOT, JOINED_ANNOUNCE.file)})`,
				`  The sandbox sent a signed participant-join callback to ${url}: n8n answered ${delivered.outcome}`,
				`  The trigger verified the signature and started the workflow, which said ${said} into the conference`,
				`    POST …${announced.path.slice(announced.path.indexOf('/Conferences'))}`,
				'',
			].join('\n'),
		);
		const recording = await runRecordingExample({
			rest,
			baseUrl: editor.baseUrl,
			sandbox,
			example: recordingExample,
		});
		process.stdout.write(`${recording.lines.join('\n')}\n`);
		return {
			ok: delivered.outcome === 200 && recording.ok,
			headline: `a signed participant-join callback started the trigger, which announced into 'Support bridge'; ${recording.headline}`,
		};
	} finally {
		await editor.stop();
	}
}

async function runEditor(n8n, sandbox, files, port, n8nVersion, chatUrl, mcpToken) {
	const editor = await n8n.startEditor({ port });
	const login = newOwnerLogin();
	await new N8nRestClient(editor.baseUrl).setupOwner(login);
	const workflows = files.map((file) => JSON.parse(fs.readFileSync(file, 'utf8')));
	const triggerUrl = webhookUrl(editor.baseUrl, JOINED_ANNOUNCE.webhookId);
	// Callbacks only when asked (the send command below): examples run in the editor send none to
	// a workflow that is not published yet.
	await sendCallbacksTo(sandbox, triggerUrl, { requestedOnly: true });
	process.stdout.write(
		[
			'',
			`n8n ${n8nVersion} is running at ${editor.baseUrl}`,
			`  Log in with   email: ${login.email}   password: ${login.password}`,
			'  Example workflows (open one and click "Execute workflow"):',
			...workflows.map(
				(workflow) => `    ${editor.baseUrl}/workflow/${workflow.id}   ${workflow.name}`,
			),
			`  Credential "SignalWire account" points at the sandbox: ${sandbox.spaceUrl}`,
			`    Project ID ${sandbox.projectId}, API token ${sandbox.apiToken} (fake, local only)`,
			`  Try a trigger: the sandbox sends a signed callback (Signing Key ${sandbox.signingKey}) when you ask it to.`,
			'    Open "When someone joins the Support bridge room, announce", open its trigger, click "Execute step"',
			'    (it waits for a test event), and in another terminal make someone join (the room starts if none runs):',
			`    npm run sandbox -- send participant-join --to ${testWebhookUrl(editor.baseUrl, JOINED_ANNOUNCE.webhookId)} --sandbox ${sandbox.spaceUrl}`,
			`    Published, it listens on ${triggerUrl} (the same command with that URL). Other events:`,
			'    conference-end, participant-leave, recording-completed, … (`npm run sandbox -- send` lists them).',
			`  "When a conference ends, post its duration" posts to a stand-in chat here (${chatUrl}):`,
			'    publish it, let it take its first look (up to a minute), then end a conference (e.g. run the "End every…"',
			'    example): the message shows below within a minute.',
			`  "${MCP_CONTROLS.name}": publish it, then connect an MCP client (Streamable HTTP) to`,
			`    ${mcpUrl(editor.baseUrl)} with the header "Authorization: Bearer ${mcpToken}"`,
			`  n8n's log: ${editor.logFile}`,
			'',
			'Press Ctrl-C to stop n8n and the sandbox.',
			'',
		].join('\n'),
	);
	// Runs until a signal handler above stops everything.
	await new Promise(() => {});
}

async function main() {
	const options = parseArguments(process.argv.slice(2));
	if (options.ui && (await isPortTaken(options.port))) {
		throw new Error(
			`port ${options.port} is in use; pick another with: npm run demo -- --ui --port <n>`,
		);
	}
	const files = exampleFiles();
	const total = options.ui ? 5 : 6;
	process.stdout.write(
		'SignalWire Conference node: demo in a real n8n, against a local SignalWire sandbox\n\n',
	);

	const pkg = await step(
		total,
		'Building and packing the package (npm run build, npm pack)',
		buildAndPack,
	);
	const install = await step(
		total,
		'Making sure the pinned n8n is installed (first run: about 9 minutes on 2 shared cores, see docs/getting-started.md; then reused from .cache/n8n)',
		ensureN8n,
	);
	const sandbox = await step(total, 'Starting the SignalWire sandbox on a free port', async () => {
		await buildSandbox();
		const started = await startSandbox();
		const { 'in-progress': running, init, completed } = started.byStatus;
		process.stdout.write(
			`      ${started.spaceUrl}: ${started.conferences} conferences (${running} in progress, ${init} init, ${completed} completed)\n`,
		);
		return started;
	});
	// The editor gets a stand-in chat for the "post the duration to a chat" example to post to.
	let chat;
	let importedFiles = files;
	if (options.ui) {
		chat = await startChat((text) => process.stdout.write(`[chat] ${text}\n`));
		extraCleanups.push(chat.stop);
		const patched = withChatUrl(files, chat.url);
		extraCleanups.push(patched.remove);
		importedFiles = patched.files;
	}
	// The MCP example's trigger asks clients for this token (the editor prints it).
	const mcpToken = newClientToken();
	const n8n = await step(
		total,
		`Preparing a fresh n8n: installing ${path.basename(pkg.tarball)}, importing the credential and ${files.length} example workflows`,
		async () => {
			const prepared = await prepareN8n({
				install,
				pkg,
				sandbox,
				workflowFiles: importedFiles,
				prefix: 'sw-n8n-demo-',
			});
			userFolder = prepared.userFolder;
			await prepared.importCredentials([
				signingKeyCredential(sandbox),
				mcpClientCredential(mcpToken),
			]);
			process.stdout.write(`      user folder: ${userFolder}\n`);
			return prepared;
		},
	);
	// The recording example writes into a temporary folder that n8n is allowed to write to.
	recordingExample = prepareRecordingExample();
	Object.assign(process.env, recordingExample.n8nEnvironment);
	await n8n.importWorkflows([recordingExample.workflowFile]);
	if (options.ui) {
		stepNumber += 1;
		process.stdout.write(
			`[${stepNumber}/${total}] Starting the n8n editor on 127.0.0.1:${options.port}\n`,
		);
		await runEditor(n8n, sandbox, files, options.port, install.version, chat.url, mcpToken);
		return true;
	}
	// The trigger goes first: the examples below end the "Support bridge" conferences it needs.
	stepNumber += 1;
	process.stdout.write(
		`[${stepNumber}/${total}] Starting n8n with the webhook trigger example active, and firing a SignalWire callback at it\n`,
	);
	const trigger = await runWebhookTrigger(n8n, sandbox, recordingExample);
	stepNumber += 1;
	process.stdout.write(`[${stepNumber}/${total}] Running the example workflows with n8n execute\n`);
	const examplesOk = await runExamples(n8n, sandbox, files, [trigger.headline]);
	return examplesOk && trigger.ok;
}

main()
	.then(async (ok) => {
		await cleanUp();
		process.exit(ok ? 0 : 1);
	})
	.catch(async (error) => {
		process.stderr.write(`\ndemo failed: ${error.message}\n`);
		await cleanUp();
		process.exit(1);
	});
