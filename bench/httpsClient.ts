/* eslint-disable @n8n/community-nodes/no-restricted-imports -- the rig, not shipped: n8n's rules for node code do not apply */
/**
 * The network benchmark's reference transports, both Node's `https` module so that they differ
 * only in how they use connections:
 *   keep-alive       one keep-alive agent for the whole run: connections are reused;
 *   new-per-request  a new agent (keep-alive off) for every request, which sends
 *                    `Connection: close` and cannot resume a TLS session: what n8n's request
 *                    helper does for every call.
 */
import { Agent, request } from 'node:https';

import type { Send } from './rawClient';

export type HttpsConnection = 'keep-alive' | 'new-per-request';

export function httpsSender(connection: HttpsConnection): { send: Send; close: () => void } {
	const shared = connection === 'keep-alive' ? new Agent({ keepAlive: true }) : undefined;
	const send: Send = async (url, init) =>
		await new Promise((resolve, reject) => {
			const outgoing = request(
				url,
				{ method: init.method ?? 'GET', headers: init.headers, agent: shared ?? new Agent() },
				(incoming) => {
					const chunks: Buffer[] = [];
					incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
					incoming.on('error', reject);
					incoming.on('end', () => {
						const status = incoming.statusCode ?? 0;
						const text = Buffer.concat(chunks).toString('utf8');
						resolve({
							ok: status >= 200 && status < 300,
							status,
							json: async () => await Promise.resolve(JSON.parse(text) as unknown),
						});
					});
				},
			);
			outgoing.on('error', reject);
			outgoing.end(init.body);
		});
	return { send, close: () => shared?.destroy() };
}
