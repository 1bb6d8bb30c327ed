import { flagOperation } from '../sharedRequests';

export const { option, properties, execute } = flagOperation(
	{
		name: 'Hold',
		value: 'hold',
		description: 'Put a participant on hold: they hear hold music and are not heard',
		action: 'Put a participant on hold',
	},
	{ Hold: 'true' },
);
