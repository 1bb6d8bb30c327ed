import { flagOperation } from './setFlag';

export const { description, execute } = flagOperation('unhold', { Hold: 'false' });
