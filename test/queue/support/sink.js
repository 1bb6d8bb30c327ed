'use strict';
/** A local HTTP endpoint that answers 204 to everything and counts what it received. */
const http = require('node:http');

async function startSink() {
	let received = 0;
	const server = http.createServer((request, response) => {
		request.resume();
		request.on('end', () => {
			received++;
			response.writeHead(204);
			response.end();
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}/`,
		received: () => received,
		async stop() {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(() => resolve()));
		},
	};
}

module.exports = { startSink };
