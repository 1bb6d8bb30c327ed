import { flagOperation } from '../sharedRequests';

export const { option, properties, execute } = flagOperation(
	{
		name: 'Unhold',
		value: 'unhold',
		description: 'Take a participant off hold',
		action: 'Take a participant off hold',
	},
	{ Hold: 'false' },
);
