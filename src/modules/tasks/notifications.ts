// In-app notifications, optionally mirrored to a webhook (setting 'notification_webhook' {url}).
// Webhook delivery is fire-and-forget: a slow or failing receiver never fails or delays the request.
// A title or body may be a Text: the columns keep its English rendering (old readers, search) and
// the payload keeps the Text under `texts`, so the in-app list renders it in the reader's language
// and the webhook in the recipient's saved locale.
import { isText, render, renderDeep, type Locale, type Text } from '../../core/i18n.ts';
import type { Db } from '../../db/client.ts';
import { NotFoundError } from '../../core/errors.ts';

export interface NewNotification {
  userId: string;
  kind: string;
  title: Text | string;
  body?: Text | string | null;
  link?: string | null;
  payload?: Record<string, unknown>;
}

export interface NotificationRow {
  id: string;
  user_id: string;
  kind: string;
  title: Text | string;
  body: Text | string | null;
  link: string | null;
  payload: Record<string, unknown>;
  read_at: Date | null;
  created_at: Date;
}

const COLUMNS = 'id, user_id, kind, title, body, link, payload, read_at, created_at';
const WEBHOOK_TIMEOUT_MS = 5000;

/** Where webhook failures are reported; tests and the server may replace it. */
export let logWebhookFailure: (message: string) => void = (message) => process.stderr.write(`notification webhook: ${message}\n`);
export function setWebhookFailureLogger(fn: (message: string) => void): void {
  logWebhookFailure = fn;
}

/** The payload key that holds the title and body as Texts. */
const TEXTS = 'texts';

/** A stored row with its title and body as Texts again (rows without them are unchanged). */
export function withTexts(row: NotificationRow): NotificationRow {
  const texts = row.payload?.[TEXTS] as { title?: unknown; body?: unknown } | undefined;
  if (!texts || typeof texts !== 'object') return row;
  const { [TEXTS]: _texts, ...payload } = row.payload;
  return { ...row, title: isText(texts.title) ? texts.title : row.title, body: isText(texts.body) ? texts.body : row.body, payload };
}

/** Inserts one notification per distinct user and starts webhook delivery after the insert. */
export async function notify(db: Db, items: readonly NewNotification[]): Promise<NotificationRow[]> {
  const seen = new Set<string>();
  const created: NotificationRow[] = [];
  for (const n of items) {
    const key = `${n.userId}\u0000${n.kind}\u0000${n.link ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const texts = { ...(isText(n.title) ? { title: n.title } : {}), ...(isText(n.body) ? { body: n.body } : {}) };
    const payload = Object.keys(texts).length ? { ...n.payload, [TEXTS]: texts } : n.payload ?? {};
    const { rows } = await db.query<NotificationRow>(
      `INSERT INTO notifications (user_id, kind, title, body, link, payload) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [n.userId, n.kind, render(n.title, 'en'), n.body == null ? null : render(n.body, 'en'), n.link ?? null, JSON.stringify(payload)],
    );
    created.push(withTexts(rows[0]));
  }
  if (created.length) void deliverWebhook(db, created);
  return created;
}

async function deliverWebhook(db: Db, rows: NotificationRow[]): Promise<void> {
  try {
    const setting = await db.query<{ value: { url?: unknown } }>(`SELECT value FROM settings WHERE key = 'notification_webhook'`);
    const url = setting.rows[0]?.value?.url;
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return;
    const users = await db.query<{ id: string; email: string | null; name: string; locale: string | null }>(
      'SELECT id, email, name, locale FROM users WHERE id = ANY($1::uuid[])',
      [[...new Set(rows.map((r) => r.user_id))]],
    );
    const byId = new Map(users.rows.map((u) => [u.id, u]));
    for (const r of rows) {
      const user = byId.get(r.user_id);
      const locale: Locale = user?.locale === 'zh' ? 'zh' : 'en';
      const body = JSON.stringify(renderDeep({ ...r, user_email: user?.email ?? null, user_name: user?.name ?? null }, locale));
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        });
        if (!response.ok) logWebhookFailure(`POST ${url} answered ${response.status}`);
      } catch (error) {
        logWebhookFailure(`POST ${url} failed: ${(error as Error).message}`);
      }
    }
  } catch (error) {
    // The database may already be closed when a request's follow-up delivery runs.
    logWebhookFailure(`could not prepare delivery: ${(error as Error).message}`);
  }
}

export async function listNotifications(db: Db, userId: string, options: { unreadOnly?: boolean; limit?: number } = {}) {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
  const { rows } = await db.query<NotificationRow>(
    `SELECT ${COLUMNS} FROM notifications WHERE user_id = $1 AND ($2::boolean IS NOT TRUE OR read_at IS NULL)
     ORDER BY created_at DESC, id LIMIT ${limit}`,
    [userId, options.unreadOnly ?? false],
  );
  const unread = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL', [userId]);
  return { data: rows.map(withTexts), unread_count: unread.rows[0].n };
}

export async function markRead(db: Db, userId: string, id: string): Promise<{ id: string; read_at: Date }> {
  const { rows } = await db.query<{ id: string; read_at: Date }>(
    `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id, read_at`,
    [id, userId],
  );
  if (!rows[0]) throw new NotFoundError(`notification ${id} not found`);
  return rows[0];
}

export async function markAllRead(db: Db, userId: string): Promise<{ updated: number }> {
  const { rowCount } = await db.query('UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL', [userId]);
  return { updated: rowCount };
}
