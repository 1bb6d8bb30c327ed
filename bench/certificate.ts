/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-imports -- the rig, not shipped: n8n's rules for node code do not apply */
/**
 * A throwaway self-signed certificate for 127.0.0.1, made with the system's `openssl` (Node's
 * crypto makes keys but not X.509 certificates) in a fresh temporary folder, removed after the run.
 * Client processes trust it through NODE_EXTRA_CA_CERTS, which Node reads once at process start,
 * so it must be in the environment the bench gives the processes it forks.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Certificate {
	certPath: string;
	keyPath: string;
	/** What was made, for the results ("RSA 2048, self-signed, 127.0.0.1 and localhost"). */
	description: string;
	remove: () => void;
}

/** RSA 2048: the most common key of public HTTPS servers; its handshake costs the most CPU of the usual ones. */
export function makeCertificate(): Certificate {
	const dir = mkdtempSync(join(tmpdir(), 'signalwire-bench-tls-'));
	const certPath = join(dir, 'cert.pem');
	const keyPath = join(dir, 'key.pem');
	const made = spawnSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'rsa:2048',
			'-nodes',
			'-sha256',
			'-days',
			'1',
			'-subj',
			'/CN=127.0.0.1',
			'-addext',
			'subjectAltName=IP:127.0.0.1,DNS:localhost',
			'-keyout',
			keyPath,
			'-out',
			certPath,
		],
		{ encoding: 'utf8' },
	);
	if (made.error !== undefined || made.status !== 0) {
		rmSync(dir, { recursive: true, force: true });
		throw new Error(
			`openssl could not make the bench certificate (is openssl installed?): ${made.error?.message ?? made.stderr}`,
		);
	}
	return {
		certPath,
		keyPath,
		description: 'RSA 2048, SHA-256, self-signed for IP 127.0.0.1, made by openssl for this run',
		remove: () => rmSync(dir, { recursive: true, force: true }),
	};
}
