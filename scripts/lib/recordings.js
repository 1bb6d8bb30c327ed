'use strict';
/**
 * The "recording ready → download → save to disk" example in a running n8n, shared by the demo and
 * the e2e tests: a copy of the example that writes into a folder of our choosing, the n8n settings
 * that let n8n write there, and a recording stopped in the sandbox, whose signed callback starts it.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { EXAMPLES_DIR } = require('./paths');
const { activateWorkflow, sendCallbacksTo, waitForWebhook, webhookUrl } = require('./triggers');

const RECORDING_TO_DISK = {
	file: path.join(EXAMPLES_DIR, 'triggers', 'recording-ready-save-to-disk.json'),
	workflowId: 'swRecordingToDisk',
	webhookId: '8b3e6f1a-2c4d-4e5f-9a7b-1c2d3e4f5a60',
};

/** The folder the example writes to, as shipped (the n8n Docker image's allowed folder). */
const EXAMPLE_FOLDER = '/home/node/.n8n-files/recordings/';

/**
 * A temporary folder for the recordings, and a copy of the example that writes there (the only
 * change). n8n 2.x writes files only below N8N_RESTRICT_FILE_ACCESS_TO, so `n8nEnvironment`
 * allows that folder; set it before n8n starts.
 */
function prepareRecordingExample() {
	const folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sw-recordings-')));
	const workflow = JSON.parse(fs.readFileSync(RECORDING_TO_DISK.file, 'utf8'));
	const save = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.readWriteFile');
	if (!String(save.parameters.fileName).includes(EXAMPLE_FOLDER)) {
		throw new Error(`the example no longer writes to ${EXAMPLE_FOLDER}`);
	}
	save.parameters.fileName = save.parameters.fileName.replace(EXAMPLE_FOLDER, `${folder}/`);
	const copy = path.join(
		folder,
		'..',
		`${path.basename(folder)}-workflow`,
		path.basename(RECORDING_TO_DISK.file),
	);
	fs.mkdirSync(path.dirname(copy), { recursive: true });
	fs.writeFileSync(copy, JSON.stringify(workflow, null, 2));
	return {
		folder,
		workflowFile: copy,
		n8nEnvironment: { N8N_RESTRICT_FILE_ACCESS_TO: folder },
		remove: () => {
			fs.rmSync(folder, { recursive: true, force: true });
			fs.rmSync(path.dirname(copy), { recursive: true, force: true });
		},
	};
}

async function api(sandbox, method, resource, form) {
	const response = await fetch(
		`${sandbox.spaceUrl}/api/laml/2010-04-01/Accounts/${sandbox.projectId}${resource}`,
		{
			method,
			headers: {
				Authorization: `Basic ${Buffer.from(`${sandbox.projectId}:${sandbox.apiToken}`).toString('base64')}`,
				...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
			},
			body: form ? new URLSearchParams(form).toString() : undefined,
		},
	);
	if (!response.ok) throw new Error(`sandbox ${method} ${resource}: HTTP ${response.status}`);
	return response;
}

/**
 * Stops the running recording of a running conference named `friendlyName`, as a user would
 * through the API; the sandbox then completes it and sends its signed recording-completed callback.
 * Resolves with `{ conference, recording }` as the API lists them.
 */
async function stopARecording(sandbox, friendlyName) {
	const query = new URLSearchParams({ Status: 'in-progress', FriendlyName: friendlyName });
	const { conferences } = await (await api(sandbox, 'GET', `/Conferences?${query}`)).json();
	for (const conference of conferences) {
		const { recordings } = await (
			await api(sandbox, 'GET', `/Conferences/${conference.sid}/Recordings`)
		).json();
		const recording = recordings.find((candidate) => candidate.status === 'in-progress');
		if (!recording) continue;
		await api(sandbox, 'POST', `/Conferences/${conference.sid}/Recordings/${recording.sid}`, {
			Status: 'stopped',
		});
		return { conference, recording };
	}
	throw new Error(`no running "${friendlyName}" conference has a running recording`);
}

/** The audio exactly as the sandbox serves it. */
async function servedAudio(sandbox, recordingSid, extension = 'mp3') {
	const response = await api(sandbox, 'GET', `/Recordings/${recordingSid}.${extension}`);
	return Buffer.from(await response.arrayBuffer());
}

/** Waits until a file whose name contains `recordingSid` is in `folder` and stops growing. */
async function waitForSavedFile(folder, recordingSid, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	let seen;
	while (Date.now() < deadline) {
		const name = fs.readdirSync(folder).find((entry) => entry.includes(recordingSid));
		const file = name && path.join(folder, name);
		const size = file && fs.statSync(file).size;
		if (file && size > 0 && seen === `${file}:${size}`) return file;
		seen = file && `${file}:${size}`;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(
		`no file for recording ${recordingSid} appeared in ${folder} within ${timeoutMs / 1000} s`,
	);
}

/**
 * For the demo, in an n8n whose editor runs with `example.n8nEnvironment`: publishes the example,
 * points the sandbox's callbacks at it, stops a recording, and checks the file n8n saved.
 */
async function runRecordingExample({ rest, baseUrl, sandbox, example }) {
	await activateWorkflow(rest, RECORDING_TO_DISK.workflowId);
	const url = webhookUrl(baseUrl, RECORDING_TO_DISK.webhookId);
	await sendCallbacksTo(sandbox, url);
	await waitForWebhook(url);
	const { recording } = await stopARecording(sandbox, 'Support bridge');
	const file = await waitForSavedFile(example.folder, recording.sid);
	const served = await servedAudio(sandbox, recording.sid);
	const ok = fs.readFileSync(file).equals(served);
	return {
		ok,
		lines: [
			`▶ When a conference recording is ready, save it to disk  (${path.relative(path.join(EXAMPLES_DIR, '..'), RECORDING_TO_DISK.file)})`,
			`  A recording of 'Support bridge' was stopped through the API; the sandbox sent a signed recording-completed callback to ${url}`,
			`  The trigger started the workflow, which downloaded the MP3 and saved it with n8n's Read/Write Files from Disk node:`,
			`    ${file} (${served.length} bytes, ${ok ? 'the same bytes the sandbox served' : 'NOT the bytes the sandbox served'})`,
		],
		headline: `a recording-completed callback saved the recording to disk (${served.length} bytes, ${ok ? 'identical' : 'DIFFERENT'})`,
	};
}

module.exports = {
	RECORDING_TO_DISK,
	runRecordingExample,
	prepareRecordingExample,
	servedAudio,
	stopARecording,
	waitForSavedFile,
};
