import { flagOperation } from './setFlag';

export const { description, execute } = flagOperation('mute', { Muted: 'true' });
