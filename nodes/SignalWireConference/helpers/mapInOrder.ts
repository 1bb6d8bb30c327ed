/**
 * Runs `task` for every index with at most `limit` running at once and returns the results in
 * index order, so that a parallel run gives exactly what a one-by-one run gives. After a task
 * fails no new one starts; the failure with the lowest index is thrown once the running ones end.
 */
export async function mapInOrder<T>(
	count: number,
	limit: number,
	task: (index: number) => Promise<T>,
): Promise<T[]> {
	const results = new Array<T>(count);
	const failures = new Map<number, unknown>();
	let next = 0;
	const worker = async () => {
		while (next < count && failures.size === 0) {
			const index = next++;
			try {
				results[index] = await task(index);
			} catch (error) {
				failures.set(index, error);
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker));
	if (failures.size > 0) {
		const first = Math.min(...failures.keys());
		throw failures.get(first);
	}
	return results;
}
