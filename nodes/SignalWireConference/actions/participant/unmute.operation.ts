import { flagOperation } from './setFlag';

export const { description, execute } = flagOperation('unmute', { Muted: 'false' });
