/* eslint-disable @n8n/community-nodes/no-restricted-globals -- the rig, not shipped: n8n's rules for node code do not apply */
/**
 * The delay proxy (delayProxy.ts) alone in its own process, so that its timers are not held up by
 * the server's work or the client's, and its own CPU shows in neither. Driven by the bench over IPC.
 */
import { DelayProxy } from './delayProxy';
import { serveRpc } from './rpc';

let proxy: DelayProxy | undefined;

function current(): DelayProxy {
	if (proxy === undefined) throw new Error('proxy not started');
	return proxy;
}

serveRpc({
	/** Listens on 127.0.0.1 and forwards to `targetPort` there; returns its own port. */
	start: async ({ targetPort, rttMs }: { targetPort: number; rttMs: number }) => {
		proxy = new DelayProxy(targetPort, rttMs);
		return await proxy.start();
	},
	reset: () => {
		current().reset();
		return null;
	},
	stats: () => current().stats(),
	stop: async () => {
		await proxy?.stop();
		proxy = undefined;
		setImmediate(() => process.exit(0));
		return null;
	},
});
