import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

export class SignalWireSigningKeyApi implements ICredentialType {
	name = 'signalWireSigningKeyApi';

	displayName = 'SignalWire Signing Key API';

	documentationUrl =
		'https://github.com/signalwire-community/n8n-nodes-signalwire-conference#signing-key';

	icon: Icon = {
		light: 'file:../nodes/SignalWireConference/signalwire.svg',
		dark: 'file:../nodes/SignalWireConference/signalwire.dark.svg',
	};

	properties: INodeProperties[] = [
		{
			displayName: 'Signing Key',
			name: 'signingKeySecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The Signing Key of your SignalWire project (dashboard → API → Signing Key). It is not the API token: SignalWire signs every callback with it.',
		},
	];
}
