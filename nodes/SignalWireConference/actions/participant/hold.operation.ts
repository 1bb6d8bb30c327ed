import { flagOperation } from './setFlag';

export const { description, execute } = flagOperation('hold', { Hold: 'true' });
