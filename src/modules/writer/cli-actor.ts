// The user a writer or calls command acts as: --user (email or id), else the first admin.
import { InputError } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import { findUser } from '../auth/service.ts';
import type { Actor } from '../crm/access.ts';

export async function cliActor(db: Db, user?: string): Promise<Actor> {
  if (user) return findUser(db, user);
  const { rows } = await db.query<Actor>(`SELECT id, name, role FROM users WHERE role = 'admin' AND active ORDER BY created_at, id LIMIT 1`);
  if (!rows[0]) throw new InputError('no admin user exists; pass --user EMAIL', [{ column: '--user', reason: 'required when there is no admin' }]);
  return rows[0];
}
