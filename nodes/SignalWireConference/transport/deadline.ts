import { sleep } from 'n8n-workflow';

const EXPIRED = Symbol('expired');

/**
 * One attempt's deadline, on n8n's `sleep` (node code may use no other timer), checking `restart()`
 * only when due: one timer, however often a download restarts it. n8n's request helper replaces a
 * request's abort signal with the execution's own, so `race` races the helper instead.
 */
export class Deadline {
	private dueAt: number;
	private readonly stopper = new AbortController();
	/** Resolves when the deadline passes; never once it is stopped. */
	private readonly expiry: Promise<typeof EXPIRED>;

	constructor(readonly timeoutMs: number) {
		this.dueAt = Date.now() + timeoutMs;
		this.expiry = this.run();
	}

	private async run(): Promise<typeof EXPIRED> {
		try {
			for (let left = this.timeoutMs; left > 0; left = this.dueAt - Date.now()) {
				await sleep(left, this.stopper.signal);
			}
			return EXPIRED;
		} catch {
			return await new Promise<never>(() => undefined);
		}
	}

	/** Something arrived: the deadline is Timeout from now (a download's pauses are timed so). */
	restart(): void {
		this.dueAt = Date.now() + this.timeoutMs;
	}

	/** Calls `callback` when the deadline passes (at once if it has), never once it is stopped. */
	onExpiry(callback: () => void): void {
		void this.expiry.then(callback);
	}

	/** `work`'s result, or a timeout failure; a result that arrives later goes to `releaseLate`. */
	async race<T>(work: Promise<T>, releaseLate?: (late: T) => void): Promise<T> {
		const winner = await Promise.race([work, this.expiry]);
		if (winner !== EXPIRED) return winner as T;
		work.then(
			(late) => releaseLate?.(late),
			() => undefined,
		);
		// Node's code for a timed-out socket, so that one list of failures covers both.
		throw Object.assign(new Error(`no complete answer within ${this.timeoutMs} ms`), {
			code: 'ETIMEDOUT',
		});
	}

	/** Clears the timer; a stopped deadline never expires. */
	stop(): void {
		this.stopper.abort();
	}
}
