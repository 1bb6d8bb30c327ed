import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../../../../harness/engine';
import { useSignalWireServer } from '../../../../harness/fixtures';
import { describeRequests, expectedScriptName, resetTelephony } from './announceHarness';

const space = useSignalWireServer();

beforeEach(() => resetTelephony(space.server));

function announceItems(items: IDataObject[], conferenceSid: string, announcementType = 'text') {
	return {
		parameters: {
			resource: 'conference',
			operation: 'announce',
			conferenceId: { __rl: true, mode: 'id', value: conferenceSid },
			announcementType,
			text: '={{ $json.text }}',
			audioUrl: '={{ $json.audioUrl }}',
			speechOptions: {
				voice: '={{ $json.voice ?? "" }}',
				language: '={{ $json.language ?? "" }}',
				loop: '={{ $json.loop ?? "" }}',
			},
			audioOptions: { loop: '={{ $json.loop ?? "" }}' },
		},
		items,
		credentials: space.credentials,
	};
}

const scriptRequests = () =>
	space.server.requests.filter((request) => request.path.includes('/LamlBins'));

describe('cXML Scripts: fixed templates, nothing to clean up', () => {
	it('1,000 different texts: one script, written once; the space never listed, nothing removed', async () => {
		const allHands = space.server.store.addConference({ friendlyName: 'All hands' });
		const texts = Array.from({ length: 1000 }, (_, index) => `Incident ${index + 1} opened`);

		const { items, error } = await runNode(
			announceItems(
				texts.map((text) => ({ text })),
				allHands.sid,
			),
		);

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1000);
		expect(space.server.store.scripts.size).toBe(1);
		// One lookup by the exact name and one write, shared by every item of the run.
		expect(
			scriptRequests().map((request) => `${request.method} ${request.rawQuery}`.trim()),
		).toEqual([`GET Name=${[...space.server.store.scripts.values()][0].name}&PageSize=50`, 'POST']);
		expect(items.filter((item) => (item.json.script as { reused: boolean }).reused)).toHaveLength(
			999,
		);
		expect(space.server.store.said.map((said) => said.text)).toEqual(texts);
		expect(space.server.store.said.filter((said) => said.error !== undefined)).toEqual([]);
		expect([...space.server.store.scripts.values()][0].numRequests).toBe(1000);
	}, 180_000);

	it('every combination of options: at most 8 Say and 2 Play templates, reused by later runs', async () => {
		const allHands = space.server.store.addConference({ friendlyName: 'All hands' });
		const says: IDataObject[] = [];
		for (const voice of [undefined, 'woman'])
			for (const language of [undefined, 'de-DE'])
				for (const loop of [undefined, 2]) says.push({ voice, language, loop });
		const plays = [{}, { loop: 3 }].map((item, index) => ({
			...item,
			audioUrl: `https://example.com/${index}.mp3`,
		}));
		const announceAll = async (text: string) => {
			const texts = says.map((item, index) => ({ ...item, text: `${text} ${index}` }));
			for (const run of [
				await runNode(announceItems(texts, allHands.sid)),
				await runNode(announceItems(plays, allHands.sid, 'audioUrl')),
			])
				expect(run.error).toBeUndefined();
		};

		await announceAll('First');
		const written = space.server.store.scripts.size;
		space.server.reset();
		await announceAll('Again');

		expect(written).toBe(10);
		expect(space.server.store.scripts.size).toBe(10);
		expect(scriptRequests().filter((request) => request.method !== 'GET')).toEqual([]);
		expect(space.server.store.said.filter((said) => said.error !== undefined)).toEqual([]);
	}, 60_000);

	it('a space with 100,000 scripts costs an announcement the same requests as an empty one, and keeps them all', async () => {
		const allHands = space.server.store.addConference({ friendlyName: 'All hands' });
		const run = async () => {
			space.server.reset();
			const { error } = await runNode(announceItems([{ text: 'Stand-up now' }], allHands.sid));
			expect(error).toBeUndefined();
			return describeRequests(space.server).map((line) => line.replace(/[0-9a-f-]{36}/g, 'SID'));
		};
		const inEmptySpace = await run();
		resetTelephony(space.server);
		const longAgo = new Date(Date.now() - 90 * 24 * 60 * 60_000);
		for (let index = 0; index < 100_000; index++) {
			const sid = `5184b831-184f-4209-872d-${String(index).padStart(12, '0')}`;
			const name = [
				`n8n-conference-cxml-notes-${index}`,
				expectedScriptName(`<Response><Say>Old text ${index}</Say></Response>`, 'cxml'),
				`IVR ${index}`,
			][index % 3];
			space.server.store.scripts.set(sid, {
				sid,
				name,
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
});
