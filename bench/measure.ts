/* eslint-disable @n8n/community-nodes/no-restricted-globals -- the rig, not shipped: n8n's rules for node code do not apply */
/**
 * Wall time, CPU time and memory of one measured run, taken the same way for the node and the raw
 * loop: each runs in its own fresh process (see worker.ts), after a warm-up, starting from a
 * collected heap. Memory is sampled every `intervalMs` with process.memoryUsage() while the run is
 * awaited, and once more at its end. The sampler costs CPU too (each wake-up is ~0.1-0.2 ms on a
 * busy machine), which is why long runs sample less often; node and raw always sample alike.
 */

export interface MemoryFigures {
	/** Highest RSS seen during the run minus RSS before it (bytes). */
	peakRssDelta: number;
	/** Highest V8 heapUsed seen during the run minus heapUsed before it (bytes), garbage included. */
	peakHeapDelta: number;
	/** heapUsed after a full GC with the run's result still referenced, minus before: what the output keeps. */
	retainedHeapDelta: number;
	samples: number;
	sampleIntervalMs: number;
}

export interface Measured<T> {
	value: T;
	wallMs: number;
	/** User + system CPU of the whole process (all threads, GC included) during the run. */
	cpuMs: number;
	memory: MemoryFigures;
}

export function collectGarbage(): void {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (gc === undefined)
		throw new Error(
			'Run node with --expose-gc so that memory can be measured from a collected heap',
		);
	gc();
	gc();
}

export async function measure<T>(run: () => Promise<T>, intervalMs: number): Promise<Measured<T>> {
	collectGarbage();
	const before = process.memoryUsage();
	let peakRss = before.rss;
	let peakHeap = before.heapUsed;
	let samples = 0;
	const sample = () => {
		const now = process.memoryUsage();
		samples++;
		if (now.rss > peakRss) peakRss = now.rss;
		if (now.heapUsed > peakHeap) peakHeap = now.heapUsed;
	};
	const timer = setInterval(sample, intervalMs);
	const cpuBefore = process.cpuUsage();
	const start = process.hrtime.bigint();
	let value: T;
	try {
		value = await run();
	} finally {
		clearInterval(timer);
	}
	const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
	const cpu = process.cpuUsage(cpuBefore);
	sample();
	collectGarbage();
	const retained = process.memoryUsage().heapUsed - before.heapUsed;
	return {
		value,
		wallMs,
		cpuMs: (cpu.user + cpu.system) / 1000,
		memory: {
			peakRssDelta: peakRss - before.rss,
			peakHeapDelta: peakHeap - before.heapUsed,
			retainedHeapDelta: retained,
			samples,
			sampleIntervalMs: intervalMs,
		},
	};
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
