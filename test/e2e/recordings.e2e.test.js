'use strict';
/**
 * The "recording ready → download → save to disk" example in a real n8n, once per binary data
 * mode: n8n's in-memory mode (N8N_DEFAULT_BINARY_DATA_MODE=default) and its filesystem mode (the
 * default of n8n 2.x in regular mode). A recording stopped through the sandbox's API makes the
 * sandbox send a signed recording-completed callback to the trigger; the Download operation fetches
 * the MP3 and n8n's Read/Write Files from Disk node saves it. The saved file must be the bytes the
 * sandbox serves.
 */
const fs = require('node:fs');
const path = require('node:path');

const {
	RECORDING_TO_DISK,
	prepareRecordingExample,
	servedAudio,
	stopARecording,
	waitForSavedFile,
} = require('../../scripts/lib/recordings');
const {
	activateWorkflow,
	sendCallbacksTo,
	signingKeyCredential,
	waitForWebhook,
	webhookUrl,
} = require('../../scripts/lib/triggers');
const { startEnvironment } = require('./support/environment');
const { accountPath, basicAuth } = require('./support/expectations');

/** Files in n8n's binary data store of this user folder, with their sizes. */
function storedBinaryFiles(userFolder) {
	const root = path.join(userFolder, '.n8n', 'storage');
	if (!fs.existsSync(root)) return [];
	return fs
		.readdirSync(root, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).size);
}

describe.each([
	['default', "n8n's in-memory binary mode"],
	['filesystem', "n8n's filesystem binary mode"],
])('the recording-ready example, N8N_DEFAULT_BINARY_DATA_MODE=%s (%s)', (mode) => {
	let environment;
	let example;
	let sandbox;
	const saved = {};

	beforeAll(async () => {
		example = prepareRecordingExample();
		// n8n's processes inherit this process's environment when they start.
		Object.assign(process.env, example.n8nEnvironment, { N8N_DEFAULT_BINARY_DATA_MODE: mode });
		environment = await startEnvironment({ workflowFiles: [example.workflowFile] });
		sandbox = environment.sandbox;
		await environment.n8n.importCredentials([signingKeyCredential(sandbox)]);
		const { editor, rest } = await environment.startEditor();
		await activateWorkflow(rest, RECORDING_TO_DISK.workflowId);
		const url = webhookUrl(editor.baseUrl, RECORDING_TO_DISK.webhookId);
		await sendCallbacksTo(sandbox, url);
		await waitForWebhook(url);
		saved.url = url;
	}, 240_000);

	afterAll(async () => {
		await environment?.stop();
		example?.remove();
		delete process.env.N8N_DEFAULT_BINARY_DATA_MODE;
		delete process.env.N8N_RESTRICT_FILE_ACCESS_TO;
	});

	it('saves the recording whose callback arrived, byte for byte as the sandbox served it', async () => {
		await sandbox.reset();

		const { conference, recording } = await stopARecording(sandbox, 'Support bridge');
		const file = await waitForSavedFile(example.folder, recording.sid);
		const received = await sandbox.requests();

		const expected = await servedAudio(sandbox, recording.sid);
		expect(fs.readFileSync(file).equals(expected)).toBe(true);
		expect(expected.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xe3]));
		const day = new Date(recording.start_time).toISOString().slice(0, 10);
		expect(path.basename(file)).toBe(`Support-bridge-${day}-${recording.sid}.mp3`);
		// The mode really was in force: only the filesystem mode keeps the file in n8n's store.
		expect(storedBinaryFiles(environment.n8n.userFolder).includes(expected.length)).toBe(
			mode === 'filesystem',
		);
		// What n8n asked for after this test stopped the recording: the recording and its conference
		// (read at the same time, in either order), then the audio.
		const asked = received
			.slice(received.findIndex((request) => request.method === 'POST') + 1)
			.map((request) => [request.method, request.path, request.rawQuery, request.authorization]);
		expect(asked.slice(0, 2).sort()).toEqual(
			[
				['GET', `${accountPath(sandbox)}/Conferences/${conference.sid}`, '', basicAuth(sandbox)],
				[
					'GET',
					`${accountPath(sandbox)}/Conferences/${conference.sid}/Recordings/${recording.sid}`,
					'',
					basicAuth(sandbox),
				],
			].sort(),
		);
		expect(asked.slice(2)).toEqual([
			['GET', `${accountPath(sandbox)}/Recordings/${recording.sid}.mp3`, '', basicAuth(sandbox)],
		]);
	});
});
