// The CLI runs with the machine's own authority: it sees every row, as an administrator would.
import type { Actor } from '../crm/access.ts';

export const CLI_ADMIN: Actor = { id: '00000000-0000-0000-0000-000000000000', name: 'salesbloom CLI', role: 'admin' };
