/* eslint-disable @n8n/community-nodes/no-restricted-imports -- the rig, not shipped: n8n's rules for node code do not apply */
/**
 * HTTPS for the sandbox without touching it: a TLS server on 127.0.0.1 that decrypts each
 * connection and pipes it, as one plain TCP connection, to the sandbox's HTTP port (what a TLS
 * offloading load balancer does). It counts the handshakes it completes and how many resumed a
 * session, so that the proxy's count of ClientHellos can be checked against the server's.
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:tls';
import type { Server, TLSSocket } from 'node:tls';

export interface TlsStats {
	handshakes: number;
	resumed: number;
	/** Protocols negotiated, e.g. ["TLSv1.3"]. */
	protocols: string[];
}

export class TlsTerminator {
	private server: Server | undefined;

	private sockets = new Set<TLSSocket>();

	private handshakes = 0;

	private resumed = 0;

	private protocols = new Set<string>();

	constructor(
		private readonly plainPort: number,
		private readonly certPath: string,
		private readonly keyPath: string,
	) {}

	async start(): Promise<number> {
		const server = createServer(
			{ cert: readFileSync(this.certPath), key: readFileSync(this.keyPath) },
			(secure) => this.relay(secure),
		);
		this.server = server;
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		return (server.address() as AddressInfo).port;
	}

	private relay(secure: TLSSocket): void {
		this.handshakes++;
		if (secure.isSessionReused()) this.resumed++;
		this.protocols.add(secure.getProtocol() ?? 'unknown');
		this.sockets.add(secure);
		// Nagle's algorithm off on both legs, as HTTPS servers do, so that the relay holds nothing back.
		secure.setNoDelay(true);
		const plain = connect({ port: this.plainPort, host: '127.0.0.1', noDelay: true });
		secure.pipe(plain).pipe(secure);
		// pipe() passes each side's end on to the other (after the data); errors end both at once.
		const destroyBoth = () => {
			secure.destroy();
			plain.destroy();
		};
		secure.on('error', destroyBoth).on('close', () => this.sockets.delete(secure));
		plain.on('error', destroyBoth);
	}

	stats(): TlsStats {
		return {
			handshakes: this.handshakes,
			resumed: this.resumed,
			protocols: [...this.protocols],
		};
	}

	reset(): void {
		this.handshakes = 0;
		this.resumed = 0;
		this.protocols.clear();
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		const server = this.server;
		this.server = undefined;
		if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
	}
}
