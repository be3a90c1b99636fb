// Who a CLI command acts as: --user (an email or id), else the first active admin. The CLI has
// the machine's own authority, but every write and model call still names a real user in the
// audit log, and row-level scopes apply as they would to that user through the API.
import { InputError } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../crm/access.ts';
import { findUser } from './service.ts';

export async function cliActor(db: Db, user?: string): Promise<Actor> {
  if (user) return findUser(db, user);
  const { rows } = await db.query<Actor>(`SELECT id, name, role FROM users WHERE role = 'admin' AND active ORDER BY created_at, id LIMIT 1`);
  if (!rows[0]) throw new InputError('no admin user exists; pass --user EMAIL or create one with `salesbloom users add`', [{ column: '--user', reason: 'required when there is no admin' }]);
  return rows[0];
}
