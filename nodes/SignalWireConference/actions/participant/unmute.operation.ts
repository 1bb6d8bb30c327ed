import { flagOperation } from '../sharedRequests';

export const { option, properties, execute } = flagOperation(
	{
		name: 'Unmute',
		value: 'unmute',
		description: 'Unmute a participant',
		action: 'Unmute a participant',
	},
	{ Muted: 'false' },
);
