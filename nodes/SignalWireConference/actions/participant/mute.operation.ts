import { flagOperation } from '../sharedRequests';

export const { option, properties, execute } = flagOperation(
	{
		name: 'Mute',
		value: 'mute',
		description: 'Mute a participant so the conference no longer hears them',
		action: 'Mute a participant',
	},
	{ Muted: 'true' },
);
