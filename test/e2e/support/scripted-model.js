'use strict';
/**
 * A stand-in for an OpenAI-compatible chat model on 127.0.0.1, for n8n's OpenAI Chat Model node
 * (its credential's Base URL points here). Each `POST /v1/chat/completions` is answered by the
 * next step of a script: a step is a function of the request body that returns either
 * `{ toolCalls: [{ name, args }] }` or `{ content }`. Every request body is kept, so a test reads
 * exactly which tools the model was offered and what each tool call returned.
 */
const http = require('node:http');

function completion(model, message, finishReason) {
	return {
		id: `chatcmpl-scripted-${Date.now()}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
		usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
	};
}

function assistantMessage(step, turn) {
	if (step.toolCalls) {
		return {
			message: {
				role: 'assistant',
				content: null,
				tool_calls: step.toolCalls.map(({ name, args }, index) => ({
					id: `call_${turn}_${index}`,
					type: 'function',
					function: { name, arguments: JSON.stringify(args) },
				})),
			},
			finishReason: 'tool_calls',
		};
	}
	return { message: { role: 'assistant', content: step.content }, finishReason: 'stop' };
}

/** The same answer as server-sent chunks, for a client that asked for `stream: true`. */
function streamed(response, model, { message, finishReason }) {
	const chunk = (delta, finish = null) =>
		`data: ${JSON.stringify({
			id: 'chatcmpl-scripted',
			object: 'chat.completion.chunk',
			created: Math.floor(Date.now() / 1000),
			model,
			choices: [{ index: 0, delta, finish_reason: finish }],
		})}\n\n`;
	response.writeHead(200, { 'Content-Type': 'text/event-stream' });
	const delta = message.tool_calls
		? {
				role: 'assistant',
				tool_calls: message.tool_calls.map((call, index) => ({ index, ...call })),
			}
		: { role: 'assistant', content: message.content };
	response.write(chunk(delta));
	response.write(chunk({}, finishReason));
	response.end('data: [DONE]\n\n');
}

/** Starts the stand-in; `script` is the list of steps, answered in order. */
async function startScriptedModel(script) {
	const requests = [];
	const server = http.createServer((request, response) => {
		let body = '';
		request.on('data', (chunk) => (body += chunk));
		request.on('end', () => {
			if (request.method !== 'POST' || !request.url.endsWith('/chat/completions')) {
				response.writeHead(404, { 'Content-Type': 'application/json' });
				response.end(JSON.stringify({ error: { message: `No route ${request.url}` } }));
				return;
			}
			const parsed = JSON.parse(body);
			requests.push({
				url: request.url,
				authorization: request.headers.authorization,
				body: parsed,
			});
			const step = script[requests.length - 1];
			if (!step) {
				response.writeHead(500, { 'Content-Type': 'application/json' });
				response.end(JSON.stringify({ error: { message: 'The script has no more steps' } }));
				return;
			}
			const answer = assistantMessage(step(parsed), requests.length);
			if (parsed.stream) {
				streamed(response, parsed.model, answer);
				return;
			}
			response.writeHead(200, { 'Content-Type': 'application/json' });
			response.end(JSON.stringify(completion(parsed.model, answer.message, answer.finishReason)));
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		baseUrl: `http://127.0.0.1:${server.address().port}/v1`,
		requests,
		stop: () => new Promise((resolve) => server.close(resolve)),
	};
}

/** The tool messages of a request: what each tool call returned to the model, by call id. */
function toolResults(body) {
	return Object.fromEntries(
		body.messages
			.filter((message) => message.role === 'tool')
			.map((message) => [message.tool_call_id, message.content]),
	);
}

module.exports = { startScriptedModel, toolResults };
