import { sleep } from 'n8n-workflow';

/** How often a watch checks its deadline; also the longest a stopped one leaves a timer behind. */
const WATCH_SLICE_MS = 250;

export interface IdleWatch {
	/** Something happened: the deadline moves to `timeoutMs` from now. */
	touch(): void;
	stop(): void;
}

/**
 * Calls `expire` once `timeoutMs` pass without `touch()`. It checks in short slices with n8n's
 * `sleep` (node code may use no other timer), so that a stopped watch leaves nothing running long.
 */
export function idleWatch(timeoutMs: number, expire: () => void): IdleWatch {
	let lastActivity = Date.now();
	let stopped = false;
	const watch = async () => {
		while (!stopped) {
			const left = lastActivity + timeoutMs - Date.now();
			if (left <= 0) {
				stopped = true;
				expire();
				return;
			}
			await sleep(Math.min(left, WATCH_SLICE_MS));
		}
	};
	void watch();
	return {
		touch: () => {
			lastActivity = Date.now();
		},
		stop: () => {
			stopped = true;
		},
	};
}
