// Tasks are where every module's suggestions become work: call action items, next best actions,
// training-plan steps. createTask is idempotent on (source, sourceKey) so re-running an analysis
// never duplicates a task.
import { isText, render, type Text } from '../../core/i18n.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../crm/access.ts';
import { writeAudit } from '../crm/audit.ts';
import { DESCRIPTION_TEXT, TITLE_TEXT } from './messages.ts';

export interface NewTask {
  /** A Text (a server-written title) is stored in English and renders in the reader's language until edited. */
  title: Text | string;
  description?: Text | string | null;
  ownerId?: string | null;
  dueAt?: string | Date | null;
  priority?: 'low' | 'normal' | 'high' | 'urgent';
  leadId?: string | null;
  accountId?: string | null;
  opportunityId?: string | null;
  activityId?: string | null;
  source?: string | null;
  sourceKey?: string | null;
  attributes?: Record<string, unknown>;
}

export interface TaskRow {
  id: string;
  title: string;
  status: string;
  priority: string;
  owner_id: string | null;
  due_at: string | null;
  created: boolean;
}

export async function createTask(db: Db, actor: Actor | null, task: NewTask): Promise<TaskRow> {
  return db.transaction(async (tx) => {
    if (task.source && task.sourceKey) {
      const existing = await tx.query<TaskRow>(
        'SELECT id, title, status, priority, owner_id, due_at FROM tasks WHERE source = $1 AND source_key = $2',
        [task.source, task.sourceKey],
      );
      if (existing.rows[0]) return { ...existing.rows[0], created: false };
    }
    const title = render(task.title, 'en');
    const description = task.description == null ? null : render(task.description, 'en');
    const attributes = {
      ...task.attributes,
      ...(isText(task.title) ? { [TITLE_TEXT]: task.title } : {}),
      ...(isText(task.description) ? { [DESCRIPTION_TEXT]: task.description } : {}),
    };
    const { rows } = await tx.query<TaskRow>(
      `INSERT INTO tasks (title, description, owner_id, created_by, due_at, priority, lead_id, account_id, opportunity_id, activity_id, source, source_key, attributes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       RETURNING id, title, status, priority, owner_id, due_at`,
      [
        title, description, task.ownerId ?? actor?.id ?? null, actor?.id ?? null,
        task.dueAt ? new Date(task.dueAt).toISOString() : null, task.priority ?? 'normal',
        task.leadId ?? null, task.accountId ?? null, task.opportunityId ?? null, task.activityId ?? null,
        task.source ?? null, task.sourceKey ?? null, JSON.stringify(attributes),
      ],
    );
    await writeAudit(tx, actor, { action: 'create', entity: 'tasks', entityId: rows[0].id, after: rows[0] });
    return { ...rows[0], created: true };
  });
}
