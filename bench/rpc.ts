/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- the rig, not shipped: n8n's rules for node code do not apply */
import type { ChildProcess } from 'node:child_process';

/** A request/answer channel over a forked child's IPC: `call(name, args)` resolves with its result. */
export interface RpcRequest {
	id: number;
	method: string;
	args: unknown;
}

export interface RpcAnswer {
	id: number;
	result?: unknown;
	error?: string;
}

export class RpcClient {
	private nextId = 1;

	private pending = new Map<
		number,
		{ resolve: (value: unknown) => void; reject: (error: Error) => void }
	>();

	constructor(private readonly child: ChildProcess) {
		child.on('message', (message: RpcAnswer) => {
			const waiting = this.pending.get(message.id);
			if (!waiting) return;
			this.pending.delete(message.id);
			if (message.error !== undefined) waiting.reject(new Error(message.error));
			else waiting.resolve(message.result);
		});
		child.on('exit', (code) => {
			for (const waiting of this.pending.values())
				waiting.reject(new Error(`child exited with ${code}`));
			this.pending.clear();
		});
	}

	async call<T>(method: string, args: unknown = {}): Promise<T> {
		const id = this.nextId++;
		return await new Promise<T>((resolve, reject) => {
			this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
			this.child.send({ id, method, args } satisfies RpcRequest);
		});
	}
}

/** Serves `handlers` to the parent process over IPC. */
export function serveRpc(handlers: Record<string, (args: never) => unknown>): void {
	process.on('message', (message: RpcRequest) => {
		const handler = handlers[message.method];
		void (async () => {
			try {
				if (handler === undefined) throw new Error(`no method ${message.method}`);
				const result = await handler(message.args as never);
				process.send!({ id: message.id, result } satisfies RpcAnswer);
			} catch (error) {
				process.send!({
					id: message.id,
					error: (error as Error).stack ?? String(error),
				} satisfies RpcAnswer);
			}
		})();
	});
}
