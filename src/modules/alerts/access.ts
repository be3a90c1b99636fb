// Which alerts and rules an actor sees: those about a scope they may read (a rep: themself; a
// manager: their teams and members; an admin: all), plus rules they own.
import type { Actor } from '../crm/access.ts';

/** SQL predicate over a table aliased `alias` with scope/scope_id columns; the actor's id is $index. */
export function scopeVisible(actor: Actor, alias: string, index: number): { sql: string; params: unknown[] } {
  if (actor.role === 'admin') return { sql: 'TRUE', params: [] };
  const me = `$${index}`;
  const self = `(${alias}.scope = 'rep' AND ${alias}.scope_id = ${me})`;
  if (actor.role === 'rep') return { sql: self, params: [actor.id] };
  return {
    sql: `(${self} OR (${alias}.scope = 'team' AND ${alias}.scope_id IN (SELECT id FROM teams WHERE manager_id = ${me}))
      OR (${alias}.scope = 'rep' AND ${alias}.scope_id IN (SELECT u.id FROM users u JOIN teams t ON t.id = u.team_id WHERE t.manager_id = ${me})))`,
    params: [actor.id],
  };
}
