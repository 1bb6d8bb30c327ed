'use strict';
/**
 * A small reverse proxy on 127.0.0.1, standing in for the load balancer of a real deployment:
 * the public address (what `N8N_WEBHOOK_URL` names and what SignalWire calls and signs) is the
 * proxy's; n8n's webhook processor listens somewhere else. Like nginx's default
 * (`proxy_set_header Host $proxy_host`), the request reaches n8n with the Host rewritten to the
 * upstream's address, and with X-Forwarded-For / X-Forwarded-Proto but no X-Forwarded-Host: n8n
 * cannot rebuild the public URL from the request, only from its configuration.
 */
const http = require('node:http');

const { freePort } = require('./ports');

/**
 * @param {{ target: string, port?: number }} options target: the upstream's origin, e.g. http://127.0.0.1:5679
 * @returns {Promise<{ publicUrl: string, port: number, forwarded: () => object[], stop: () => Promise<void> }>}
 */
async function startProxy({ target, port }) {
	const upstream = new URL(target);
	const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
	const forwarded = [];
	const server = http.createServer((request, response) => {
		const headers = { ...request.headers, host: upstream.host };
		const record = {
			method: request.method,
			path: request.url,
			publicHost: request.headers.host,
			host: headers.host,
			status: undefined,
		};
		forwarded.push(record);
		delete headers['x-forwarded-host'];
		headers['x-forwarded-for'] = request.socket.remoteAddress ?? '127.0.0.1';
		headers['x-forwarded-proto'] = 'http';
		const outgoing = http.request(
			{
				host: upstream.hostname,
				port: upstream.port,
				method: request.method,
				path: request.url,
				headers,
				agent,
			},
			(answer) => {
				record.status = answer.statusCode;
				response.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(response);
			},
		);
		outgoing.on('error', (error) => {
			if (response.headersSent) {
				response.destroy(error);
				return;
			}
			record.status = 502;
			response.writeHead(502, { 'Content-Type': 'text/plain' });
			response.end(`proxy: upstream ${upstream.host} failed: ${error.message}`);
		});
		request.pipe(outgoing);
	});
	const listenPort = port ?? (await freePort());
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(listenPort, '127.0.0.1', resolve);
	});
	return {
		publicUrl: `http://127.0.0.1:${listenPort}/`,
		port: listenPort,
		/** Every request passed on so far: `{ method, path, publicHost, host, status }` (host: as n8n received it). */
		forwarded: () => [...forwarded],
		async stop() {
			server.closeAllConnections();
			agent.destroy();
			await new Promise((resolve) => server.close(() => resolve()));
		},
	};
}

module.exports = { startProxy };
