/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- the rig, not shipped: n8n's rules for node code do not apply */
/**
 * A TCP proxy on 127.0.0.1 that puts a network's round trip between a client and a server:
 * - every chunk crosses it half a round trip (RTT / 2) late, in each direction, in order;
 * - a new connection carries nothing from the client during its first RTT, the time a real client
 *   waits for the SYN / SYN-ACK exchange before it can send (loopback connects at once).
 * So a request on a fresh HTTPS connection pays 1 RTT for TCP, 1 RTT for the TLS 1.3 handshake
 * (2 for TLS 1.2) and 1 RTT for itself, as it would over a real network, and a request on a kept
 * connection pays 1 RTT. Bandwidth, loss and TCP slow start are not modelled.
 *
 * It counts what the client opens: TCP connections, and TLS handshakes as the ClientHello
 * messages in the clear-text records that begin every TLS connection.
 */
import { connect, createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface ProxyStats {
	rttMs: number;
	tcpConnections: number;
	tlsHandshakes: number;
	bytesToServer: number;
	bytesToClient: number;
	maxOpenConnections: number;
	/** How late the proxy's timers delivered chunks, on average, past RTT / 2 (ms per crossing). */
	meanLatenessMs: number;
}

/** Chunks written to `to` in order, each no earlier than `delayMs` after it arrived (and after `openAt`). */
class DelayedLine {
	private queue: Array<{ due: number; chunk: Buffer | 'end' }> = [];

	private timer: NodeJS.Timeout | undefined;

	constructor(
		private readonly to: Socket,
		private readonly delayMs: number,
		private readonly openAt: number,
		private readonly lateness: { sumMs: number; count: number },
	) {}

	push(chunk: Buffer | 'end'): void {
		this.queue.push({ due: Math.max(performance.now(), this.openAt) + this.delayMs, chunk });
		this.schedule();
	}

	cancel(): void {
		clearTimeout(this.timer);
		this.queue.length = 0;
	}

	private schedule(): void {
		if (this.timer !== undefined || this.queue.length === 0) return;
		const wait = Math.max(0, this.queue[0].due - performance.now());
		this.timer = setTimeout(() => {
			this.timer = undefined;
			this.deliver();
		}, wait);
	}

	private deliver(): void {
		const now = performance.now();
		// Timers fire on whole milliseconds: within half a millisecond counts as due.
		while (this.queue.length > 0 && this.queue[0].due <= now + 0.5) {
			const { due, chunk } = this.queue.shift()!;
			if (this.to.destroyed) {
				this.queue.length = 0;
				return;
			}
			this.lateness.sumMs += now - due;
			this.lateness.count++;
			if (chunk === 'end') this.to.end();
			else this.to.write(chunk);
		}
		this.schedule();
	}
}

/**
 * Reads the record headers a TLS client sends until its first non-handshake record: each handshake
 * record that starts with message type 1 is a ClientHello, full or resumed.
 */
class ClientHelloCounter {
	private header = Buffer.alloc(0);

	private skip = 0;

	private done = false;

	/** How many ClientHellos begin in `chunk`. */
	feed(chunk: Buffer): number {
		let found = 0;
		let offset = 0;
		while (!this.done && offset < chunk.length) {
			if (this.skip > 0) {
				const skipped = Math.min(this.skip, chunk.length - offset);
				this.skip -= skipped;
				offset += skipped;
				continue;
			}
			// A record header (type, version, length: 5 bytes) and the first byte of its body.
			const taken = chunk.subarray(offset, offset + 6 - this.header.length);
			this.header = Buffer.concat([this.header, taken]);
			offset += taken.length;
			if (this.header.length < 6) break;
			const contentType = this.header[0];
			if (contentType !== 22) {
				this.done = true;
				break;
			}
			if (this.header[5] === 1) found++;
			this.skip = this.header.readUInt16BE(3) - 1;
			this.header = Buffer.alloc(0);
		}
		return found;
	}
}

export class DelayProxy {
	private server: Server | undefined;

	private open = new Set<() => void>();

	private counts = { tcpConnections: 0, tlsHandshakes: 0, bytesToServer: 0, bytesToClient: 0 };

	private maxOpen = 0;

	private lateness = { sumMs: 0, count: 0 };

	constructor(
		private readonly targetPort: number,
		private readonly rttMs: number,
	) {}

	async start(): Promise<number> {
		const server = createServer({ allowHalfOpen: true }, (client) => this.relay(client));
		this.server = server;
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		return (server.address() as AddressInfo).port;
	}

	private relay(client: Socket): void {
		const acceptedAt = performance.now();
		const half = this.rttMs / 2;
		this.counts.tcpConnections++;
		// A relay sends each chunk as it comes: Nagle's algorithm would hold small ones back.
		const upstream = connect({
			port: this.targetPort,
			host: '127.0.0.1',
			allowHalfOpen: true,
			noDelay: true,
		});
		client.setNoDelay(true);
		const toServer = new DelayedLine(upstream, half, acceptedAt + this.rttMs, this.lateness);
		const toClient = new DelayedLine(client, half, acceptedAt, this.lateness);
		const hellos = new ClientHelloCounter();
		client.on('data', (chunk: Buffer) => {
			this.counts.bytesToServer += chunk.length;
			this.counts.tlsHandshakes += hellos.feed(chunk);
			toServer.push(chunk);
		});
		client.on('end', () => toServer.push('end'));
		upstream.on('data', (chunk: Buffer) => {
			this.counts.bytesToClient += chunk.length;
			toClient.push(chunk);
		});
		upstream.on('end', () => toClient.push('end'));
		const destroyBoth = () => {
			toServer.cancel();
			toClient.cancel();
			client.destroy();
			upstream.destroy();
		};
		client.on('error', destroyBoth);
		upstream.on('error', destroyBoth);
		this.open.add(destroyBoth);
		this.maxOpen = Math.max(this.maxOpen, this.open.size);
		client.on('close', () => this.open.delete(destroyBoth));
	}

	/** Closes every connection (so that the next run starts with none open) and zeroes the counts. */
	reset(): void {
		for (const destroy of [...this.open]) destroy();
		this.open.clear();
		this.counts = { tcpConnections: 0, tlsHandshakes: 0, bytesToServer: 0, bytesToClient: 0 };
		this.maxOpen = 0;
		this.lateness = { sumMs: 0, count: 0 };
	}

	stats(): ProxyStats {
		return {
			rttMs: this.rttMs,
			...this.counts,
			maxOpenConnections: this.maxOpen,
			meanLatenessMs: this.lateness.count === 0 ? 0 : this.lateness.sumMs / this.lateness.count,
		};
	}

	async stop(): Promise<void> {
		this.reset();
		const server = this.server;
		this.server = undefined;
		if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
	}
}
