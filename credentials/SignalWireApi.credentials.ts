import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * The credential test runs no node code, so the Space URL rules of transport/space.ts are restated
 * as an n8n expression (one table of cases in the credential's test checks both). n8n swallows
 * errors thrown in an expression, so a refused Space URL becomes a host under ".invalid" (never
 * resolves, RFC 6761) whose name says what is wrong.
 */
const spaceOriginExpression = `={{ (() => {
	const raw = String($credentials.spaceUrl ?? '').trim().replace(/\\/+$/, '');
	if (raw === '') return 'https://space-url-is-empty.invalid';
	const invalid = 'https://space-url-is-not-valid.invalid';
	const match = /^(?:(https?):\\/\\/)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?|\\[::1\\])(?::(\\d{1,5}))?$/i.exec(raw);
	if (!match) return invalid;
	const scheme = (match[1] ?? 'https').toLowerCase();
	const typedHost = match[2].toLowerCase();
	const hostname = match[1] === undefined && match[3] === undefined && !typedHost.includes('.') ? typedHost + '.signalwire.com' : typedHost;
	const portNumber = match[3] === undefined ? undefined : Number(match[3]);
	if (portNumber !== undefined && (portNumber < 1 || portNumber > 65535)) return invalid;
	const labels = hostname.split('.');
	const numeric = /^(0x[0-9a-f]*|\\d+)$/i.test(labels[labels.length - 1]);
	const dottedQuad = labels.length === 4 && labels.every((label) => /^(0|[1-9]\\d{0,2})$/.test(label) && Number(label) <= 255);
	if (numeric && !dottedQuad) return invalid;
	const loopback = hostname === 'localhost' || hostname === '[::1]' || /^127(\\.\\d{1,3}){3}$/.test(hostname);
	if (scheme === 'http' && !loopback) return 'https://space-url-must-use-https.invalid';
	if (hostname.length > 253) return invalid;
	const port = portNumber === undefined || portNumber === (scheme === 'https' ? 443 : 80) ? '' : ':' + portNumber;
	return scheme + '://' + hostname + port;
})() }}`;

/** What the credential test says for each failed status. */
const TEST_FAILURES: Array<[number, string]> = [
	...[301, 302, 303, 307, 308].map((code): [number, string] => [
		code,
		'The Space URL answered with a redirect, which is not followed (it could carry the credentials elsewhere): enter the address of your space itself, e.g. example.signalwire.com',
	]),
	[
		401,
		'SignalWire refused these credentials: check the Project ID and API token, and that the token has the Voice scope',
	],
	[
		403,
		'The API token lacks a scope: enable the Voice scope for this token in your SignalWire dashboard',
	],
	[404, 'No SignalWire project answered at this address: check the Space URL and the Project ID'],
];

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
		// Dial-out guards: on the credential so that they hold for every workflow and every AI Agent
		// that uses it. Read by Participant → Add before anything is sent (helpers/dialGuards.ts).
		{
			displayName: 'Allowed Destinations',
			name: 'allowedDestinations',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			placeholder: '+1555, +4930, sip.example.com',
			description:
				'Only these may be called by Participant → Add: E.164 prefixes (+1555, +4930) and SIP domains (sip.example.com), separated by commas or line breaks. Empty: any destination the rules below allow.',
		},
		{
			displayName: 'Allow Premium-Rate, Satellite and International-Network Numbers',
			name: 'allowPremiumDestinations',
			type: 'boolean',
			default: false,
			description:
				'Whether Participant → Add may call the ranges refused by default: +1 900, +1 NPA-976, +44 9, +49 900, +870, +881, +882, +883, +979 (see the README)',
		},
		{
			displayName: 'Allow SIP URI Parameters and Headers',
			name: 'allowSipUriParameters',
			type: 'boolean',
			default: false,
			description:
				'Whether Participant → Add may call SIP addresses with URI parameters or headers (;transport=tcp, ;maddr=, ?Replaces=)',
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
			// The guards of the node's own requests: a redirect could carry the credentials elsewhere.
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
		},
		rules: TEST_FAILURES.map(([value, message]) => ({
			type: 'responseCode',
			properties: { value, message },
		})),
	};
}
