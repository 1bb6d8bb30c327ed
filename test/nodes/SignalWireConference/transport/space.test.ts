import { runNode } from '../../../harness/engine';
import { useSignalWireServer } from '../../../harness/fixtures';

const space = useSignalWireServer();

const SID = 'c0ffee00-0000-4000-8000-000000000001';
const getOne = {
	resource: 'conference',
	operation: 'get',
	conferenceId: { __rl: true, mode: 'id', value: SID },
	requestOptions: { maxRetries: 0 },
};

describe('transport: credentials', () => {
	it.each([
		[
			'http:// to a host that is not loopback',
			'http://example.signalwire.com',
			'Credentials: Space URL must use https:// (http:// is only allowed for localhost and 127.x.x.x)',
		],
		[
			'an ftp:// URL',
			'ftp://example.signalwire.com',
			'Credentials: Space URL "ftp://example.signalwire.com" is not valid: use your space name, e.g. example.signalwire.com',
		],
		[
			'a URL with a path',
			'https://example.signalwire.com/api',
			'Credentials: Space URL "https://example.signalwire.com/api" is not valid: use your space name, e.g. example.signalwire.com',
		],
		[
			'a URL with user info',
			'https://evil.com@example.signalwire.com',
			'Credentials: Space URL "https://evil.com@example.signalwire.com" is not valid: use your space name, e.g. example.signalwire.com',
		],
		[
			'empty',
			'  ',
			'Credentials: Space URL is empty: enter your space, e.g. example.signalwire.com',
		],
	])('refuses a Space URL that is %s before sending anything', async (_name, spaceUrl, message) => {
		const { error } = await runNode({
			parameters: getOne,
			credentials: { ...space.credentials, spaceUrl },
		});

		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(message);
		expect(space.server.requests).toEqual([]);
	});

	it.each(['localhost', '127.0.0.1'])(
		'accepts http:// on loopback (%s) with a port',
		async (host) => {
			space.server.store.addConference({ sid: SID, friendlyName: 'Local' });
			const port = new URL(space.server.origin).port;

			const { items, error } = await runNode({
				parameters: getOne,
				credentials: { ...space.credentials, spaceUrl: ` http://${host}:${port}/ ` },
			});

			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.friendly_name)).toEqual(['Local']);
			expect(space.server.requests[0].headers.host).toBe(`${host}:${port}`);
		},
	);

	it('refuses a Project ID that is not a UUID, so that it cannot change the request path', async () => {
		const { error } = await runNode({
			parameters: getOne,
			credentials: { ...space.credentials, projectId: '../../Other' },
		});

		expect(error?.message).toBe(
			'Credentials: the Project ID is not a UUID (like b3877c40-da60-4998-90ad-b792e98472af)',
		);
		expect(space.server.requests).toEqual([]);
	});
});
