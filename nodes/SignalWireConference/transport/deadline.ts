/** The Timeout ran out before the whole answer (headers and body) had arrived. */
export class DeadlineExceeded extends Error {
	constructor(readonly timeoutMs: number) {
		super(`no complete answer within ${timeoutMs} ms`);
		this.name = 'DeadlineExceeded';
	}
}

const EXPIRED = Symbol('expired');

/**
 * One deadline for a whole request, from sending it to the last byte of the answer. n8n's request
 * helper replaces a request's abort signal with the execution's own, so a deadline cannot be
 * passed in: it races the helper instead. Its timer is `AbortSignal.timeout`'s, which does not
 * keep the process alive once the request is done (a `sleep` would, for the whole Timeout). Whatever loses the race is released through the
 * cleanups (a late answer's body stream is destroyed, so it neither keeps a socket busy nor ends
 * up anywhere) and its late result or failure is dropped.
 */
export class Deadline {
	private expired = false;

	private readonly cleanups = new Set<() => void>();

	private readonly expiry: Promise<typeof EXPIRED>;

	/** Held here so that the timer lives as long as the request that waits on it. */
	private readonly signal: AbortSignal;

	constructor(readonly timeoutMs: number) {
		this.signal = AbortSignal.timeout(timeoutMs);
		this.expiry = new Promise((resolve) => {
			this.signal.addEventListener(
				'abort',
				() => {
					this.expired = true;
					for (const cleanup of this.cleanups) cleanup();
					this.cleanups.clear();
					resolve(EXPIRED);
				},
				{ once: true },
			);
		});
	}

	get hasExpired(): boolean {
		return this.expired;
	}

	/** Runs `cleanup` when the deadline passes (at once if it has); returns what cancels that. */
	onExpiry(cleanup: () => void): () => void {
		if (this.expired) {
			cleanup();
			return () => undefined;
		}
		this.cleanups.add(cleanup);
		return () => this.cleanups.delete(cleanup);
	}

	/**
	 * `work`'s result, or DeadlineExceeded when the deadline passes first; a result that arrives
	 * after that is handed to `releaseLate` (e.g. to close its stream) and otherwise dropped.
	 */
	async race<T>(work: Promise<T>, releaseLate?: (late: T) => void): Promise<T> {
		const winner = await Promise.race([work, this.expiry]);
		if (winner === EXPIRED) {
			work.then(
				(late) => releaseLate?.(late),
				() => undefined,
			);
			throw new DeadlineExceeded(this.timeoutMs);
		}
		return winner as T;
	}
}
