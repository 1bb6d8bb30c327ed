import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * The credential test runs before any node code, so the Space URL rules of
 * nodes/SignalWireConference/transport/spaceUrl.ts are restated here as an n8n expression.
 * n8n's expression engine swallows errors thrown inside an expression, so a refused Space URL
 * becomes a host under ".invalid" (a top-level domain that never resolves, RFC 6761) whose name
 * says what is wrong; nothing is sent anywhere. Both forms are checked against the same table of
 * cases in test/credentials/SignalWireApi.credentials.test.ts.
 */
const spaceOriginExpression = `={{ (() => {
	const raw = String($credentials.spaceUrl ?? '').trim().replace(/\\/+$/, '');
	if (raw === '') return 'https://space-url-is-empty.invalid';
	const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(raw);
	const withScheme = hasScheme ? raw : 'https://' + (raw.includes('.') || raw.includes(':') ? raw : raw + '.signalwire.com');
	const match = /^(https?):\\/\\/([^/?#@\\s]+)$/i.exec(withScheme);
	if (!match) return 'https://space-url-is-not-valid.invalid';
	const scheme = match[1].toLowerCase();
	const host = match[2].toLowerCase();
	const hostname = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
	const loopback = hostname === 'localhost' || hostname === '[::1]' || /^127(\\.\\d{1,3}){3}$/.test(hostname);
	if (scheme === 'http' && !loopback) return 'https://space-url-must-use-https.invalid';
	return scheme + '://' + host;
})() }}`;

export class SignalWireApi implements ICredentialType {
	name = 'signalWireApi';

	displayName = 'SignalWire API';

	documentationUrl =
		'https://github.com/signalwire-community/n8n-nodes-signalwire-conference#credentials';

	icon: Icon = {
		light: 'file:../nodes/SignalWireConference/signalwire.svg',
		dark: 'file:../nodes/SignalWireConference/signalwire.dark.svg',
	};

	properties: INodeProperties[] = [
		{
			displayName: 'Space URL',
			name: 'spaceUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'example.signalwire.com',
			description:
				'Your SignalWire space, as "example", "example.signalwire.com" or "https://example.signalwire.com". Shown at the top of the API page of your SignalWire dashboard.',
		},
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'b3877c40-da60-4998-90ad-b792e98472af',
			description: 'The Project ID (a UUID) from the API page of your SignalWire dashboard',
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'An API token of the project (API page of your SignalWire dashboard). It needs the Voice scope.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: '={{String($credentials.projectId).trim()}}',
				password: '={{$credentials.apiToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: spaceOriginExpression,
			url: '=/api/laml/2010-04-01/Accounts/{{encodeURIComponent(String($credentials.projectId).trim())}}/Conferences',
			method: 'GET',
			qs: { PageSize: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'SignalWire refused these credentials: check the Project ID and API token, and that the token has the Voice scope',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The API token lacks a scope: enable the Voice scope for this token in your SignalWire dashboard',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No SignalWire project answered at this address: check the Space URL and the Project ID',
				},
			},
		],
	};
}
