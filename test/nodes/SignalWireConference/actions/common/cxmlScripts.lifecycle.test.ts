import { runNode } from '../../../../harness/engine';
import { useSignalWireServer } from '../../../../harness/fixtures';
import { describeRequests, resetTelephony } from './announceHarness';

const space = useSignalWireServer();

/** Only Date is faked: the engine's timers and the HTTP stack keep running for real. */
function fakeDateOnly(start: number) {
	jest.useFakeTimers({
		now: start,
		doNotFake: [
			'hrtime',
			'nextTick',
			'performance',
			'queueMicrotask',
			'requestAnimationFrame',
			'cancelAnimationFrame',
			'requestIdleCallback',
			'cancelIdleCallback',
			'setImmediate',
			'clearImmediate',
			'setInterval',
			'clearInterval',
			'setTimeout',
			'clearTimeout',
		],
	});
}

/** Every announcement moves the clock on by `minutes`; the largest number of scripts is noted. */
function clockPerAnnouncement(minutes: number) {
	const seen = { maxScripts: 0, announcements: 0 };
	space.server.intercept((request) => {
		if (request.method === 'POST' && /\/Conferences\/[^/]+$/.test(request.path)) {
			seen.announcements++;
			jest.setSystemTime(Date.now() + minutes * 60_000);
		}
		seen.maxScripts = Math.max(seen.maxScripts, space.server.store.scripts.size);
		return undefined;
	});
	return seen;
}

function announceItems(texts: string[], conferenceSid: string) {
	return {
		parameters: {
			resource: 'conference',
			operation: 'announce',
			conferenceId: { __rl: true, mode: 'id', value: conferenceSid },
			announcementType: 'text',
			text: '={{ $json.text }}',
		},
		items: texts.map((text) => ({ text })),
		credentials: space.credentials,
	};
}

describe('cXML Script lifecycle over 1,000 announcements', () => {
	beforeEach(() => {
		fakeDateOnly(Date.parse('2026-11-27T08:00:00Z'));
		resetTelephony(space.server);
		space.server.store.now = () => new Date();
	});
	afterEach(() => jest.useRealTimers());

	it('1,000 different texts, one a minute: one script each, the space never listed, none removed before it was fetched', async () => {
		const allHands = space.server.store.addConference({ friendlyName: 'All hands' });
		const seen = clockPerAnnouncement(1);
		const texts = Array.from({ length: 1000 }, (_, index) => `Incident ${index + 1} opened`);

		const { items, error } = await runNode(announceItems(texts, allHands.sid));

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1000);
		expect(seen.announcements).toBe(1000);
		// Without a list of the whole space, other texts' scripts are not found, so none is removed.
		expect(space.server.store.scripts.size).toBe(1000);
		expect(
			space.server.requests.filter(
				(request) =>
					request.method === 'GET' &&
					request.path.endsWith('/LamlBins') &&
					!request.rawQuery.includes('Name='),
			),
		).toEqual([]);
		expect(space.server.store.removedUnfetched).toEqual([]);
		expect(space.server.store.said.map((said) => said.text)).toEqual(texts);
		expect(space.server.store.said.filter((said) => said.error !== undefined)).toEqual([]);
	}, 180_000);

	it('a space with 100,000 scripts costs an announcement the same requests as an empty one, and keeps them all', async () => {
		const allHands = space.server.store.addConference({ friendlyName: 'All hands' });
		const run = async () => {
			space.server.reset();
			const { error } = await runNode(announceItems(['Stand-up now'], allHands.sid));
			expect(error).toBeUndefined();
			return describeRequests(space.server).map((line) => line.replace(/[0-9a-f-]{36}/g, 'SID'));
		};
		const inEmptySpace = await run();
		resetTelephony(space.server);
		const longAgo = new Date(Date.now() - 90 * 24 * 60 * 60_000);
		for (let index = 0; index < 100_000; index++) {
			const sid = `5184b831-184f-4209-872d-${String(index).padStart(12, '0')}`;
			space.server.store.scripts.set(sid, {
				sid,
				name: index % 2 === 0 ? `n8n-conference-cxml-notes-${index}` : `IVR ${index}`,
				contents: '<Response/>',
				createdAt: longAgo,
				updatedAt: longAgo,
				lastAccessedAt: null,
				numRequests: 0,
			});
		}

		const inFullSpace = await run();

		expect(inFullSpace).toEqual(inEmptySpace);
		expect(inFullSpace).toHaveLength(4);
		expect(space.server.store.scripts.size).toBe(100_001);
	}, 60_000);

	it('1,000 times the same text: one script, written once and reused', async () => {
		const allHands = space.server.store.addConference({ friendlyName: 'All hands' });
		clockPerAnnouncement(1);
		const texts = Array.from({ length: 1000 }, () => 'Stand-up in five minutes');

		const { items, error } = await runNode(announceItems(texts, allHands.sid));

		expect(error).toBeUndefined();
		expect(items.filter((item) => (item.json.script as { reused: boolean }).reused)).toHaveLength(
			999,
		);
		expect(space.server.store.scripts.size).toBe(1);
		expect(
			space.server.requests.filter(
				(request) => request.method === 'POST' && request.path.endsWith('/LamlBins'),
			),
		).toHaveLength(1);
		expect([...space.server.store.scripts.values()][0].numRequests).toBe(1000);
	}, 180_000);
});
