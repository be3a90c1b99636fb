// Which KPI scopes an actor may read: a rep only themself, a manager the teams they lead and their
// members (and themself), an admin everything. Unknown or out-of-scope ids answer 404.
import type { Text } from '../../core/i18n.ts';
import type { Db } from '../../db/client.ts';
import { ForbiddenError, InputError, NotFoundError } from '../../core/errors.ts';
import type { Actor } from '../crm/access.ts';
import { msg } from './messages.ts';

export type Scope = 'company' | 'team' | 'rep';

export interface ResolvedScope {
  scope: Scope;
  id: string | null;
  /** A team's or rep's name; the company's renders in the reader's language. */
  name: Text | string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function resolveScope(db: Db, actor: Actor, scopeValue?: string, id?: string): Promise<ResolvedScope> {
  const scope = scopeValue as Scope | undefined;
  if (scope !== undefined && !['company', 'team', 'rep'].includes(scope)) {
    throw new InputError('invalid scope', [{ column: 'scope', value: scope, reason: 'must be company, team or rep' }]);
  }
  if (id !== undefined && !UUID.test(id)) throw new InputError('invalid id', [{ column: 'id', value: id, reason: 'not a uuid' }]);
  if (!scope) return defaultScope(db, actor);
  if (scope === 'company') {
    if (actor.role !== 'admin') throw new ForbiddenError('only admins can see company-wide KPIs');
    return { scope, id: null, name: msg('kpis.scope.company') };
  }
  if (!id) {
    if (scope === 'rep') return { scope, id: actor.id, name: actor.name };
    throw new InputError('team scope needs an id', [{ column: 'id', reason: 'required with scope=team' }]);
  }
  if (scope === 'team') {
    const { rows } = await db.query<{ name: string; manager_id: string | null }>('SELECT name, manager_id FROM teams WHERE id = $1', [id]);
    if (!rows[0] || (actor.role !== 'admin' && rows[0].manager_id !== actor.id)) throw new NotFoundError(`team ${id} not found`);
    return { scope, id, name: rows[0].name };
  }
  const { rows } = await db.query<{ name: string; manager_id: string | null }>(
    'SELECT u.name, t.manager_id FROM users u LEFT JOIN teams t ON t.id = u.team_id WHERE u.id = $1',
    [id],
  );
  const visible = rows[0] && (actor.role === 'admin' || id === actor.id || (actor.role === 'manager' && rows[0].manager_id === actor.id));
  if (!visible) throw new NotFoundError(`user ${id} not found`);
  return { scope, id, name: rows[0].name };
}

async function defaultScope(db: Db, actor: Actor): Promise<ResolvedScope> {
  if (actor.role === 'admin') return { scope: 'company', id: null, name: msg('kpis.scope.company') };
  if (actor.role === 'manager') {
    const { rows } = await db.query<{ id: string; name: string }>('SELECT id, name FROM teams WHERE manager_id = $1 ORDER BY name, id LIMIT 1', [actor.id]);
    if (rows[0]) return { scope: 'team', id: rows[0].id, name: rows[0].name };
  }
  return { scope: 'rep', id: actor.id, name: actor.name };
}
