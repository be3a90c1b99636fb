// Comments on tasks, with @mentions turned into notifications for the people named.
import type { Db } from '../../db/client.ts';
import type { Actor } from '../crm/access.ts';
import { parseMentions, type MentionableUser } from './mentions.ts';
import { msg } from './messages.ts';
import { notify } from './notifications.ts';
import type { Text } from '../../core/i18n.ts';
import { getTask, nonEmpty } from './tasks.ts';

const COMMENT_SELECT = `SELECT c.id, c.task_id, c.author_id, u.name AS author_name, c.body, c.mentions, c.created_at
  FROM task_comments c LEFT JOIN users u ON u.id = c.author_id`;

interface CommentRow {
  id: string;
  task_id: string;
  author_id: string | null;
  author_name: string | null;
  body: string;
  mentions: string[];
  created_at: Date;
}

async function withMentionNames(db: Db, rows: CommentRow[]) {
  const ids = [...new Set(rows.flatMap((r) => r.mentions))];
  const names = ids.length
    ? new Map((await db.query<{ id: string; name: string }>('SELECT id, name FROM users WHERE id = ANY($1::uuid[])', [ids])).rows.map((u) => [u.id, u.name]))
    : new Map<string, string>();
  return rows.map((r) => ({ ...r, mentions: r.mentions.map((id) => ({ id, name: names.get(id) ?? null })) }));
}

export async function listComments(db: Db, actor: Actor, taskId: string) {
  await getTask(db, actor, taskId);
  const { rows } = await db.query<CommentRow>(`${COMMENT_SELECT} WHERE c.task_id = $1 ORDER BY c.created_at, c.id`, [taskId]);
  return withMentionNames(db, rows);
}

export async function addComment(db: Db, actor: Actor, taskId: string, body: string) {
  const task = (await getTask(db, actor, taskId)) as { id: string; title: Text | string; owner_id: string | null };
  const text = nonEmpty('body', body);
  const users = await db.query<MentionableUser>('SELECT id, name, email FROM users WHERE active');
  const mentions = parseMentions(text, users.rows).filter((id) => id !== actor.id);
  const inserted = await db.query<{ id: string }>(
    'INSERT INTO task_comments (task_id, author_id, body, mentions) VALUES ($1, $2, $3, $4::uuid[]) RETURNING id',
    [taskId, actor.id, text, mentions],
  );
  await db.query('UPDATE tasks SET updated_at = now() WHERE id = $1', [taskId]);
  const link = `/tasks/${taskId}`;
  const excerpt = text.length > 200 ? `${text.slice(0, 199)}…` : text;
  const payload = { task_id: taskId, comment_id: inserted.rows[0].id, by: actor.id };
  const notes = mentions.map((userId) => ({ userId, kind: 'mention', title: msg('tasks.notify.mentioned', { name: actor.name, title: task.title }) as Text | string, body: excerpt, link, payload }));
  if (task.owner_id && task.owner_id !== actor.id && !mentions.includes(task.owner_id)) {
    notes.push({ userId: task.owner_id, kind: 'task_comment', title: msg('tasks.notify.commented', { name: actor.name, title: task.title }), body: excerpt, link, payload });
  }
  await notify(db, notes);
  const { rows } = await db.query<CommentRow>(`${COMMENT_SELECT} WHERE c.id = $1`, [inserted.rows[0].id]);
  return (await withMentionNames(db, rows))[0];
}
