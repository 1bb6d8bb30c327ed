/* eslint-disable @n8n/community-nodes/no-restricted-imports -- the rig, not shipped: n8n's rules for node code do not apply */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCallback {
	url: string;
	signature: string;
	body: string;
}

/**
 * A stand-in for n8n's webhook endpoint on 127.0.0.1: answers 200 (or what `answer` says) and
 * keeps every callback as SignalWire (here, the sandbox) sent it.
 */
export async function startCallbackReceiver(
	answer: (callback: ReceivedCallback, origin: string) => number = () => 200,
) {
	const received: ReceivedCallback[] = [];
	const server = createServer((request, response) => {
		let body = '';
		request.on('data', (chunk: Buffer) => (body += chunk.toString()));
		request.on('end', () => {
			const callback = {
				url: request.url ?? '',
				signature: String(request.headers['x-signalwire-signature']),
				body,
			};
			received.push(callback);
			response.writeHead(answer(callback, `http://${request.headers.host}`)).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		received,
		origin,
		/** The StatusCallbackEvent of each callback, in arrival order. */
		events: () =>
			received.map(({ body }) => new URLSearchParams(body).get('StatusCallbackEvent') ?? ''),
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}
