// Listing, reading, changing and deleting tasks within the actor's scope (creation is createTask
// in service.ts, shared with the modules that turn their suggestions into tasks).
import type { Db } from '../../db/client.ts';
import { InputError, NotFoundError } from '../../core/errors.ts';
import { assignableOwners, type Actor } from '../crm/access.ts';
import { writeAudit } from '../crm/audit.ts';
import { ENTITIES } from '../crm/entities.ts';
import { Repository } from '../crm/repository.ts';
import { taskScope } from './access.ts';
import { localizeTask, msg } from './messages.ts';
import { notify } from './notifications.ts';
import type { Text } from '../../core/i18n.ts';

export const TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

export const TASK_SELECT = `SELECT t.id, t.title, t.description, t.status, t.priority, t.owner_id, o.name AS owner_name,
  t.created_by, c.name AS created_by_name, t.due_at, t.lead_id, t.account_id, t.opportunity_id, t.activity_id,
  t.source, t.source_key, t.attributes, t.created_at, t.updated_at, t.completed_at,
  (SELECT count(*)::int FROM task_comments tc WHERE tc.task_id = t.id) AS comment_count,
  (t.due_at IS NOT NULL AND t.due_at < now() AND t.status IN ('open', 'in_progress')) AS overdue
  FROM tasks t LEFT JOIN users o ON o.id = t.owner_id LEFT JOIN users c ON c.id = t.created_by`;

export interface TaskFilter {
  view?: 'mine' | 'created' | 'all';
  status?: string[];
  priority?: string[];
  opportunityId?: string;
  accountId?: string;
  leadId?: string;
  dueBefore?: string;
  dueAfter?: string;
  overdue?: boolean;
  limit?: number;
}

export async function listTasks(db: Db, actor: Actor, filter: TaskFilter = {}) {
  const scope = taskScope(actor, 't', 1);
  const params: unknown[] = [...scope.params];
  const where = [scope.sql];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  const view = filter.view ?? 'mine';
  if (view === 'mine') add('t.owner_id = ?', actor.id);
  if (view === 'created') add('t.created_by = ?', actor.id);
  if (filter.status?.length) add('t.status = ANY(?::text[])', checkEach('status', filter.status, TASK_STATUSES));
  if (filter.priority?.length) add('t.priority = ANY(?::text[])', checkEach('priority', filter.priority, TASK_PRIORITIES));
  if (filter.opportunityId) add('t.opportunity_id = ?', filter.opportunityId);
  if (filter.accountId) add('t.account_id = ?', filter.accountId);
  if (filter.leadId) add('t.lead_id = ?', filter.leadId);
  if (filter.dueBefore) add('t.due_at < ?', parseTime('due_before', filter.dueBefore));
  if (filter.dueAfter) add('t.due_at >= ?', parseTime('due_after', filter.dueAfter));
  if (filter.overdue) where.push(`t.due_at < now() AND t.status IN ('open', 'in_progress')`);
  const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1000);
  const { rows } = await db.query(
    `${TASK_SELECT} WHERE ${where.join(' AND ')}
     ORDER BY t.due_at ASC NULLS LAST, array_position(ARRAY['urgent','high','normal','low'], t.priority), t.created_at DESC, t.id LIMIT ${limit}`,
    params,
  );
  return { data: rows.map(localizeTask) };
}

export async function getTask(db: Db, actor: Actor, id: string) {
  const scope = taskScope(actor, 't', 2);
  const { rows } = await db.query(`${TASK_SELECT} WHERE t.id = $1 AND ${scope.sql}`, [id, ...scope.params]);
  if (!rows[0]) throw new NotFoundError(`task ${id} not found`);
  return localizeTask(rows[0]);
}

/** Throws unless the actor may own/assign `ownerId` and see every linked record. */
export async function checkTaskRefs(db: Db, actor: Actor, refs: { ownerId?: string | null; opportunityId?: string | null; accountId?: string | null; leadId?: string | null }) {
  if (refs.ownerId) {
    const allowed = await assignableOwners(db, actor);
    if (allowed && !allowed.has(refs.ownerId)) {
      throw new InputError('you cannot assign a task to this user', [{ column: 'owner_id', value: refs.ownerId, reason: 'not you or a member of your teams' }]);
    }
    const exists = await db.query('SELECT 1 FROM users WHERE id = $1', [refs.ownerId]);
    if (!exists.rows[0]) throw new InputError('unknown owner', [{ column: 'owner_id', value: refs.ownerId, reason: 'no such user' }]);
  }
  const repo = new Repository(db);
  const links = [
    ['opportunity_id', refs.opportunityId, ENTITIES.opportunities],
    ['account_id', refs.accountId, ENTITIES.accounts],
    ['lead_id', refs.leadId, ENTITIES.leads],
  ] as const;
  for (const [column, id, entity] of links) {
    if (!id) continue;
    try {
      await repo.get(entity, actor, id);
    } catch (error) {
      if (error instanceof NotFoundError) throw new InputError(`unknown ${column}`, [{ column, value: id, reason: `no such ${entity.singular} in your scope` }]);
      throw error;
    }
  }
}

export interface TaskChanges {
  title?: string;
  description?: string | null;
  status?: string;
  priority?: string;
  owner_id?: string | null;
  due_at?: string | null;
}

export async function updateTask(db: Db, actor: Actor, id: string, changes: TaskChanges) {
  const before = await getTask(db, actor, id);
  if (changes.status !== undefined) checkEach('status', [changes.status], TASK_STATUSES);
  if (changes.priority !== undefined) checkEach('priority', [changes.priority], TASK_PRIORITIES);
  if (changes.owner_id) await checkTaskRefs(db, actor, { ownerId: changes.owner_id });
  const sets: string[] = [];
  const params: unknown[] = [id];
  const set = (column: string, value: unknown) => {
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  };
  if (changes.title !== undefined) set('title', nonEmpty('title', changes.title));
  if (changes.description !== undefined) set('description', changes.description);
  if (changes.priority !== undefined) set('priority', changes.priority);
  if (changes.owner_id !== undefined) set('owner_id', changes.owner_id);
  if (changes.due_at !== undefined) set('due_at', changes.due_at === null ? null : parseTime('due_at', changes.due_at));
  if (changes.status !== undefined) {
    set('status', changes.status);
    sets.push(changes.status === 'done' ? 'completed_at = coalesce(completed_at, now())' : 'completed_at = NULL');
  }
  if (!sets.length) return before;
  await db.query(`UPDATE tasks SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params);
  const after = await getTask(db, actor, id).catch(() => db.query(`${TASK_SELECT} WHERE t.id = $1`, [id]).then((r) => r.rows[0]));
  await writeAudit(db, actor, { action: 'update', entity: 'tasks', entityId: id, before, after });
  if (changes.owner_id && changes.owner_id !== before.owner_id && changes.owner_id !== actor.id) {
    await notifyAssigned(db, actor, after as { id: string; title: Text | string }, changes.owner_id);
  }
  return after;
}

export async function deleteTask(db: Db, actor: Actor, id: string): Promise<void> {
  const before = await getTask(db, actor, id);
  await db.query('DELETE FROM tasks WHERE id = $1', [id]);
  await writeAudit(db, actor, { action: 'delete', entity: 'tasks', entityId: id, before });
}

export async function notifyAssigned(db: Db, actor: Actor, task: { id: string; title: Text | string }, ownerId: string): Promise<void> {
  await notify(db, [{
    userId: ownerId, kind: 'task_assigned', title: msg('tasks.notify.assigned', { name: actor.name, title: task.title }),
    link: `/tasks/${task.id}`, payload: { task_id: task.id, by: actor.id },
  }]);
}

function checkEach(column: string, values: string[], allowed: readonly string[]): string[] {
  for (const v of values) {
    if (!allowed.includes(v)) throw new InputError(`invalid ${column}`, [{ column, value: v, reason: `must be one of ${allowed.join(', ')}` }]);
  }
  return values;
}

export function parseTime(column: string, value: string): string {
  const t = Date.parse(value);
  if (!Number.isFinite(t)) throw new InputError(`invalid ${column}`, [{ column, value, reason: 'not an ISO 8601 date or time' }]);
  return new Date(t).toISOString();
}

export function nonEmpty(column: string, value: string): string {
  if (!value.trim()) throw new InputError(`${column} is empty`, [{ column, value, reason: 'must not be empty' }]);
  return value.trim();
}
