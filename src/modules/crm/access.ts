// Row-level access: a rep sees their own rows, a manager the rows of the teams they lead
// (and their own), an admin everything. Rows outside the scope behave as if they did not exist.
import type { Db } from '../../db/client.ts';
import type { EntityDef, Role } from './entities.ts';

export interface Actor {
  id: string;
  name: string;
  role: Role;
  /** The user's chosen language for texts the server writes (absent for actors built in code). */
  locale?: string;
}

/** A SQL predicate limiting an owner-scoped table to what the actor may see; params start at $index. */
export function scopePredicate(entity: EntityDef, actor: Actor, alias: string, index: number): { sql: string; params: unknown[] } {
  if (!entity.ownerScoped || actor.role === 'admin') return { sql: 'TRUE', params: [] };
  if (actor.role === 'rep') return { sql: `${alias}.owner_id = $${index}`, params: [actor.id] };
  return {
    sql: `(${alias}.owner_id = $${index} OR ${alias}.owner_id IN (
      SELECT u.id FROM users u JOIN teams t ON t.id = u.team_id WHERE t.manager_id = $${index}))`,
    params: [actor.id],
  };
}

/** Ids of the users whose rows the actor may own or assign (null = anyone). */
export async function assignableOwners(db: Db, actor: Actor): Promise<Set<string> | null> {
  if (actor.role === 'admin') return null;
  if (actor.role === 'rep') return new Set([actor.id]);
  const { rows } = await db.query<{ id: string }>(
    `SELECT u.id FROM users u JOIN teams t ON t.id = u.team_id WHERE t.manager_id = $1`,
    [actor.id],
  );
  return new Set([actor.id, ...rows.map((r) => r.id)]);
}
