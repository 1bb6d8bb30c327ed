/* eslint-disable @n8n/community-nodes/no-restricted-globals -- the rig, not shipped: n8n's rules for node code do not apply */
import { mapInOrder } from '../../../../nodes/SignalWireConference/helpers/mapInOrder';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapInOrder', () => {
	it('returns results in index order whatever order they finish in, never above the limit', async () => {
		let running = 0;
		let peak = 0;
		const results = await mapInOrder(8, 3, async (index) => {
			running++;
			peak = Math.max(peak, running);
			await tick((8 - index) * 3);
			running--;
			return index * 10;
		});
		expect(results).toEqual([0, 10, 20, 30, 40, 50, 60, 70]);
		expect(peak).toBe(3);
	});

	it('starts nothing new after a failure and throws the lowest failing index', async () => {
		const started: number[] = [];
		const run = mapInOrder(10, 2, async (index) => {
			started.push(index);
			await tick(index === 1 ? 1 : 10);
			if (index === 1 || index === 2) throw new Error(`failed ${index}`);
			return index;
		});
		await expect(run).rejects.toThrow('failed 1');
		expect(started.length).toBeLessThan(10);
	});

	it('handles no items', async () => {
		expect(await mapInOrder(0, 4, async () => 1)).toEqual([]);
	});
});
