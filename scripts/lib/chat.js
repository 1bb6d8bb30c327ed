'use strict';
/**
 * A stand-in for a chat's incoming webhook, for the demo: the "post the duration to a chat"
 * example posts here instead of to its placeholder host, and each message is printed.
 */
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

/** The example whose "Post to Chat" node the demo points at the stand-in. */
const CHAT_EXAMPLE = { workflowId: 'swEndedPostDuration', node: 'Post to Chat' };

/** Starts the stand-in on 127.0.0.1; `onMessage(text)` is called for every post. */
async function startChat(onMessage) {
	const server = http.createServer((request, response) => {
		let body = '';
		request.on('data', (chunk) => (body += chunk));
		request.on('end', () => {
			let text = body;
			try {
				text = JSON.parse(body).text ?? body;
			} catch {
				// Not JSON: print it as it came.
			}
			onMessage(String(text));
			response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}/hooks/conference-updates`,
		stop: () => new Promise((resolve) => server.close(resolve)),
	};
}

/**
 * The example files to import, with the chat example's URL replaced by the stand-in's (in a
 * copy: examples/ stays as users should adapt it). Returns the list of files and a cleanup.
 */
function withChatUrl(files, chatUrl) {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-demo-examples-'));
	const patched = files.map((file) => {
		const workflow = JSON.parse(fs.readFileSync(file, 'utf8'));
		if (workflow.id !== CHAT_EXAMPLE.workflowId) return file;
		for (const node of workflow.nodes) {
			if (node.name === CHAT_EXAMPLE.node) node.parameters.url = chatUrl;
		}
		const copy = path.join(folder, path.basename(file));
		fs.writeFileSync(copy, JSON.stringify(workflow, null, '\t'));
		return copy;
	});
	return { files: patched, remove: () => fs.rmSync(folder, { recursive: true, force: true }) };
}

module.exports = { CHAT_EXAMPLE, startChat, withChatUrl };
