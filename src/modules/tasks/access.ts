// Who sees which task: its owner and its creator; a manager also sees tasks owned or created by
// the members of the teams they lead; an admin sees all.
import type { Actor } from '../crm/access.ts';

/** SQL predicate over tasks aliased `alias`; the actor's id is bound as $index. */
export function taskScope(actor: Actor, alias: string, index: number): { sql: string; params: unknown[] } {
  if (actor.role === 'admin') return { sql: 'TRUE', params: [] };
  if (actor.role === 'rep') return { sql: `(${alias}.owner_id = $${index} OR ${alias}.created_by = $${index})`, params: [actor.id] };
  const members = `SELECT u.id FROM users u JOIN teams t ON t.id = u.team_id WHERE t.manager_id = $${index}`;
  return {
    sql: `(${alias}.owner_id = $${index} OR ${alias}.created_by = $${index} OR ${alias}.owner_id IN (${members}) OR ${alias}.created_by IN (${members}))`,
    params: [actor.id],
  };
}
