import type { IHttpRequestOptions, INode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { SignalWireApi } from '../../credentials/SignalWireApi.credentials';
import { resolveSpaceOrigin } from '../../nodes/SignalWireConference/transport/space';
import { runCredentialTest } from '../harness/credentialTest';
import { TestCredentialsHelper } from '../harness/credentialsHelper';
import {
	ACCOUNT_PATH,
	API_TOKEN,
	AUTHORIZATION,
	PROJECT_ID,
	useSignalWireServer,
} from '../harness/fixtures';
import { SignalWireServer } from '../server/SignalWireServer';

const credentialType = new SignalWireApi();
const node: INode = {
	id: 'credential-test',
	name: 'Credential test',
	type: 'n8n-nodes-signalwire-conference.signalWireConference',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const workflow = new Workflow({
	nodes: [node],
	connections: {},
	active: false,
	nodeTypes: {
		getByName: () => ({ description: { properties: [] } }) as never,
		getByNameAndVersion: () => ({ description: { properties: [] } }) as never,
		getKnownTypes: () => ({}),
	},
});

/** Evaluates a credential expression with n8n's own expression engine, as n8n's credential tester does. */
function evaluate(expression: unknown, credentials: Record<string, unknown>): unknown {
	return workflow.expression.getSimpleParameterValue(node, expression as string, 'internal', {
		$credentials: credentials,
	});
}

function originFromExpression(spaceUrl: string): string {
	try {
		return String(
			evaluate(credentialType.test.request.baseURL, { spaceUrl, projectId: PROJECT_ID }),
		);
	} catch (error) {
		return `problem: ${(error as Error).message}`;
	}
}

function originFromNode(spaceUrl: string): string {
	const result = resolveSpaceOrigin(spaceUrl);
	return 'origin' in result ? result.origin : `problem: ${result.problem}`;
}

/** Where the credential test sends a refused Space URL: a never-resolving host that names the problem. */
function credentialTestOrigin(nodeResult: string): string {
	if (!nodeResult.startsWith('problem: ')) return nodeResult;
	if (nodeResult.includes('must use https://')) return 'https://space-url-must-use-https.invalid';
	if (nodeResult.includes('is empty')) return 'https://space-url-is-empty.invalid';
	return 'https://space-url-is-not-valid.invalid';
}

describe('SignalWire API credentials', () => {
	it('declare the fields the node reads, the token as a password', () => {
		expect(credentialType.name).toBe('signalWireApi');
		expect(
			credentialType.properties.map((property) => [
				property.name,
				property.typeOptions?.password ?? false,
			]),
		).toEqual([
			['spaceUrl', false],
			['projectId', false],
			['apiToken', true],
			['allowedDestinations', false],
			['allowPremiumDestinations', false],
			['allowSipUriParameters', false],
		]);
	});

	it.each([
		['example', 'https://example.signalwire.com'],
		['example.signalwire.com', 'https://example.signalwire.com'],
		['https://example.signalwire.com/', 'https://example.signalwire.com'],
		['  HTTPS://Example.SignalWire.com//  ', 'https://example.signalwire.com'],
		['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
		['http://localhost:3000/', 'http://localhost:3000'],
		['http://[::1]:3000', 'http://[::1]:3000'],
		[
			'http://example.signalwire.com',
			'problem: Space URL must use https:// (http:// is only allowed for localhost and 127.x.x.x)',
		],
		[
			'http://127.0.0.1.evil.com',
			'problem: Space URL must use https:// (http:// is only allowed for localhost and 127.x.x.x)',
		],
		[
			'http://localhost.evil.com:80',
			'problem: Space URL must use https:// (http:// is only allowed for localhost and 127.x.x.x)',
		],
		[
			'ftp://example.signalwire.com',
			'problem: Space URL "ftp://example.signalwire.com" is not valid: use your space name, e.g. example.signalwire.com',
		],
		[
			'https://user:pass@example.signalwire.com',
			'problem: Space URL "https://user:pass@example.signalwire.com" is not valid: use your space name, e.g. example.signalwire.com',
		],
		[
			'https://example.signalwire.com/api/laml',
			'problem: Space URL "https://example.signalwire.com/api/laml" is not valid: use your space name, e.g. example.signalwire.com',
		],
		[
			'https://example.signalwire.com?x=1',
			'problem: Space URL "https://example.signalwire.com?x=1" is not valid: use your space name, e.g. example.signalwire.com',
		],
		['example.signalwire.com:443', 'https://example.signalwire.com'],
		['https://example.signalwire.com:443/', 'https://example.signalwire.com'],
		['example.signalwire.com:8443', 'https://example.signalwire.com:8443'],
		['localhost:3000', 'https://localhost:3000'],
		['127.0.0.1:8080', 'https://127.0.0.1:8080'],
		['http://localhost:80', 'http://localhost'],
		['EXAMPLE', 'https://example.signalwire.com'],
		[
			'https://evil.com\\example.signalwire.com',
			'problem: Space URL "https://evil.com\\example.signalwire.com" is not valid: use your space name, e.g. example.signalwire.com',
		],
		[
			'evil.com\\example.signalwire.com',
			'problem: Space URL "evil.com\\example.signalwire.com" is not valid: use your space name, e.g. example.signalwire.com',
		],
		[
			'https://example.signalwire.com\\@evil.com',
			'problem: Space URL "https://example.signalwire.com\\@evil.com" is not valid: use your space name, e.g. example.signalwire.com',
		],
		[
			'https://0x7f000001',
			'problem: Space URL "https://0x7f000001" is not valid: use your space name, e.g. example.signalwire.com',
		],
		[
			'https://2130706433',
			'problem: Space URL "https://2130706433" is not valid: use your space name, e.g. example.signalwire.com',
		],
		[
			'https://127.1',
			'problem: Space URL "https://127.1" is not valid: use your space name, e.g. example.signalwire.com',
		],
		[
			'example.signalwire.com:0',
			'problem: Space URL "example.signalwire.com:0" is not valid: use your space name, e.g. example.signalwire.com',
		],
		[
			'example.signalwire.com:99999',
			'problem: Space URL "example.signalwire.com:99999" is not valid: use your space name, e.g. example.signalwire.com',
		],
		[
			'javascript:alert(1)',
			'problem: Space URL "javascript:alert(1)" is not valid: use your space name, e.g. example.signalwire.com',
		],
		[
			'mailto:ops@example.com',
			'problem: Space URL "mailto:ops@example.com" is not valid: use your space name, e.g. example.signalwire.com',
		],
		[
			'example.signalwire.com.',
			'problem: Space URL "example.signalwire.com." is not valid: use your space name, e.g. example.signalwire.com',
		],
		[
			'https://ex%61mple.signalwire.com',
			'problem: Space URL "https://ex%61mple.signalwire.com" is not valid: use your space name, e.g. example.signalwire.com',
		],
		['', 'problem: Space URL is empty: enter your space, e.g. example.signalwire.com'],
	])(
		'normalise the Space URL %j to %s, in the node and in the credential test alike',
		(spaceUrl, expected) => {
			expect(originFromNode(spaceUrl)).toBe(expected);
			expect(originFromExpression(spaceUrl)).toBe(credentialTestOrigin(expected));
		},
	);

	it('authenticate with HTTP Basic: Project ID as user name, API token as password', async () => {
		const helper = new TestCredentialsHelper({ signalWireApi: credentialType }, {});
		const options = await helper.authenticate(
			{ spaceUrl: 'example', projectId: ` ${PROJECT_ID} `, apiToken: API_TOKEN },
			'signalWireApi',
			{ url: '/x', method: 'GET' } as IHttpRequestOptions,
			workflow,
			node,
		);
		expect(options.auth).toEqual({ username: PROJECT_ID, password: API_TOKEN });
	});

	describe('test request', () => {
		const space = useSignalWireServer();

		async function sendTestRequest(apiToken: string) {
			const credentials = { spaceUrl: space.server.origin, projectId: PROJECT_ID, apiToken };
			const { request } = credentialType.test;
			const url = `${String(evaluate(request.baseURL, credentials))}${String(evaluate(request.url, credentials))}?${new URLSearchParams(request.qs as Record<string, string>)}`;
			const helper = new TestCredentialsHelper({ signalWireApi: credentialType }, {});
			const { auth } = await helper.authenticate(
				credentials,
				'signalWireApi',
				{ url } as IHttpRequestOptions,
				workflow,
				node,
			);
			return await fetch(url, {
				method: request.method,
				headers: {
					Authorization: `Basic ${Buffer.from(`${auth!.username}:${auth!.password}`).toString('base64')}`,
				},
			});
		}

		it('lists one conference, which proves both the credentials and the Voice scope', async () => {
			const response = await sendTestRequest(API_TOKEN);

			expect(response.status).toBe(200);
			expect(space.server.requests).toHaveLength(1);
			expect(space.server.requests[0]).toMatchObject({
				method: 'GET',
				path: `${ACCOUNT_PATH}/Conferences`,
				rawQuery: 'PageSize=1',
				authorization: AUTHORIZATION,
			});
		});

		it('gets a 401 for a wrong token, for which the rule says what to check', async () => {
			const response = await sendTestRequest('PTwrong');

			expect(response.status).toBe(401);
			expect(credentialType.test.rules).toContainEqual({
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'SignalWire refused these credentials: check the Project ID and API token, and that the token has the Voice scope',
				},
			});
		});
	});
});

describe('SignalWire API credentials: the test request, run as n8n runs it', () => {
	const space = useSignalWireServer();
	const elsewhere = new SignalWireServer({ projectId: PROJECT_ID, apiToken: API_TOKEN });
	beforeAll(async () => {
		await elsewhere.start();
	});
	beforeEach(() => elsewhere.reset());
	afterAll(async () => {
		await elsewhere.stop();
	});

	it('succeeds with good credentials, sending one list request with the Basic header', async () => {
		const result = await runCredentialTest(space.credentials);

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(space.server.requests.map((request) => [request.path, request.rawQuery])).toEqual([
			[`${ACCOUNT_PATH}/Conferences`, 'PageSize=1'],
		]);
		expect(space.server.requests[0].authorization).toBe(AUTHORIZATION);
	});

	it.each([301, 302, 303, 307, 308])(
		'does not follow a %d redirect to another host, so the credentials never reach it',
		async (status) => {
			space.server.intercept(() => ({
				status,
				headers: { Location: `${elsewhere.origin}${ACCOUNT_PATH}/Conferences?PageSize=1` },
			}));

			const result = await runCredentialTest(space.credentials);

			expect(result).toEqual({
				status: 'Error',
				message:
					'The Space URL answered with a redirect, which is not followed (it could carry the credentials elsewhere): enter the address of your space itself, e.g. example.signalwire.com',
			});
			expect(space.server.requests).toHaveLength(1);
			expect(elsewhere.requests).toEqual([]);
		},
	);

	it('says what to check on a 401', async () => {
		const result = await runCredentialTest({ ...space.credentials, apiToken: 'PTwrong' });

		expect(result).toEqual({
			status: 'Error',
			message:
				'SignalWire refused these credentials: check the Project ID and API token, and that the token has the Voice scope',
		});
	});
});
