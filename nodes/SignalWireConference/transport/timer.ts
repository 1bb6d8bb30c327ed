import { sleep } from 'n8n-workflow';

/** No complete answer (headers and body) arrived within Timeout. */
export class TimedOut extends Error {
	/** The code Node gives a timed-out socket, so that one list of failures covers both. */
	readonly code = 'ETIMEDOUT';

	constructor(timeoutMs: number) {
		super(`no complete answer within ${timeoutMs} ms`);
		this.name = 'TimedOut';
	}
}

const EXPIRED = Symbol('expired');

/**
 * One deadline for one attempt, on n8n's `sleep` (node code may use no other timer). It sleeps
 * until it is due, and only then looks whether `restart()` moved it, so a download that touches it
 * on every chunk still runs one timer at a time. `stop()` aborts the sleep, which clears its timer:
 * nothing keeps the process alive once the request is done.
 *
 * n8n's request helper replaces a request's abort signal with the execution's own, so a deadline
 * cannot be passed in: `race` races the helper instead. Whatever loses is released through the
 * expiry callbacks (a late answer's stream is destroyed) and its late result is dropped.
 */
export class Deadline {
	private expired = false;

	private dueAt: number;

	private readonly onExpire = new Set<() => void>();

	private readonly stopper = new AbortController();

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
		} catch {
			// Stopped: the request is over and nothing waits for this deadline any more.
			return await new Promise<never>(() => undefined);
		}
		this.expired = true;
		for (const callback of this.onExpire) callback();
		this.onExpire.clear();
		return EXPIRED;
	}

	get hasExpired(): boolean {
		return this.expired;
	}

	/** Something arrived: the deadline is Timeout from now (a download's pauses are timed so). */
	restart(): void {
		this.dueAt = Date.now() + this.timeoutMs;
	}

	/** Calls `callback` when the deadline passes (at once if it has); returns what cancels that. */
	onExpiry(callback: () => void): () => void {
		if (this.expired) {
			callback();
			return () => undefined;
		}
		this.onExpire.add(callback);
		return () => this.onExpire.delete(callback);
	}

	/** `work`'s result, or TimedOut; a result that arrives later goes to `releaseLate`. */
	async race<T>(work: Promise<T>, releaseLate?: (late: T) => void): Promise<T> {
		const winner = await Promise.race([work, this.expiry]);
		if (winner === EXPIRED) {
			work.then(
				(late) => releaseLate?.(late),
				() => undefined,
			);
			throw new TimedOut(this.timeoutMs);
		}
		return winner as T;
	}

	/** Clears the timer; a stopped deadline never expires. */
	stop(): void {
		this.stopper.abort();
	}
}
