/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- the rig, not shipped: n8n's rules for node code do not apply */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RawRequest {
	method: string;
	url: string;
	headers: IncomingMessage['headers'];
}

/**
 * A bare HTTP server on 127.0.0.1 for answers the SignalWire test server cannot give: bodies that
 * trickle in byte by byte, endless streams, redirects. The handler writes the answer itself.
 */
export class RawServer {
	readonly requests: RawRequest[] = [];

	/** Connections the handler is still writing to, and whether each was closed by the client. */
	readonly closedByClient: boolean[] = [];

	private server: Server | undefined;

	private readonly timers = new Set<NodeJS.Timeout>();

	constructor(private readonly handler: (response: ServerResponse, server: RawServer) => void) {}

	/** Like setInterval, but cleared when the connection closes or the server stops. */
	every(response: ServerResponse, intervalMs: number, tick: () => boolean): void {
		const index = this.closedByClient.push(false) - 1;
		const timer = setInterval(() => {
			if (response.destroyed || !tick()) {
				clearInterval(timer);
				this.timers.delete(timer);
			}
		}, intervalMs);
		this.timers.add(timer);
		response.on('close', () => {
			if (!response.writableFinished) this.closedByClient[index] = true;
			clearInterval(timer);
			this.timers.delete(timer);
		});
	}

	async start(): Promise<string> {
		this.server = createServer((request, response) => {
			this.requests.push({
				method: request.method ?? 'GET',
				url: request.url ?? '/',
				headers: request.headers,
			});
			request.resume();
			request.on('end', () => this.handler(response, this));
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async stop(): Promise<void> {
		for (const timer of this.timers) clearInterval(timer);
		this.timers.clear();
		const server = this.server;
		if (!server) return;
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}
}
