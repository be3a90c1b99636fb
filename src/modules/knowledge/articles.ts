// Knowledge articles with their version history. Writes through these functions and through
// the generic CRM API (via the repository's write hook) both store each version.
import { InputError, NotFoundError, type InputIssue } from '../../core/errors.ts';
import type { Db, Row } from '../../db/client.ts';
import type { Actor } from '../crm/access.ts';
import { writeAudit } from '../crm/audit.ts';

export const FORMATS = ['markdown', 'html', 'text'] as const;
export const STATUSES = ['draft', 'published', 'archived'] as const;

export interface ArticleWrite {
  title?: string;
  body?: string;
  format?: (typeof FORMATS)[number];
  tags?: string[];
  status?: (typeof STATUSES)[number];
  language?: string | null;
  external_id?: string | null;
  attributes?: Record<string, unknown>;
}

const COLUMNS = 'id, external_id, title, body, format, tags, language, status, version, author_id, attributes, created_at, updated_at';

export function validateArticle(raw: unknown, mode: 'create' | 'update', source = 'request body'): ArticleWrite {
  const issues: InputIssue[] = [];
  const body = (raw ?? {}) as Record<string, unknown>;
  const out: ArticleWrite = {};
  const bad = (column: string, value: unknown, reason: string) => issues.push({ file: source, column, value, reason });
  if (body.title !== undefined) {
    if (typeof body.title === 'string' && body.title.trim() && body.title.length <= 500) out.title = body.title.trim();
    else bad('title', body.title, 'must be text of 1 to 500 characters');
  } else if (mode === 'create') bad('title', undefined, 'is required');
  if (body.body !== undefined) {
    if (typeof body.body === 'string' && body.body.length <= 1_000_000) out.body = body.body;
    else bad('body', typeof body.body === 'string' ? `${body.body.length} characters` : body.body, 'must be text of at most 1,000,000 characters');
  }
  if (body.format !== undefined) {
    if (FORMATS.includes(body.format as never)) out.format = body.format as ArticleWrite['format'];
    else bad('format', body.format, `must be one of ${FORMATS.join(', ')}`);
  }
  if (body.status !== undefined) {
    if (STATUSES.includes(body.status as never)) out.status = body.status as ArticleWrite['status'];
    else bad('status', body.status, `must be one of ${STATUSES.join(', ')}`);
  }
  if (body.tags !== undefined) {
    if (Array.isArray(body.tags) && body.tags.every((t) => typeof t === 'string' && t.trim().length > 0 && t.length <= 100)) out.tags = [...new Set(body.tags.map((t: string) => t.trim()))];
    else bad('tags', body.tags, 'must be a list of short texts');
  }
  for (const key of ['language', 'external_id'] as const) {
    if (body[key] === undefined) continue;
    if (body[key] === null || typeof body[key] === 'string') out[key] = body[key] as string | null;
    else bad(key, body[key], 'must be text or null');
  }
  if (body.attributes !== undefined) {
    if (body.attributes && typeof body.attributes === 'object' && !Array.isArray(body.attributes)) out.attributes = body.attributes as Record<string, unknown>;
    else bad('attributes', body.attributes, 'must be an object');
  }
  const known = new Set(['title', 'body', 'format', 'status', 'tags', 'language', 'external_id', 'attributes']);
  for (const key of Object.keys(body)) if (!known.has(key)) bad(key, body[key], 'is not an article field');
  if (issues.length) throw new InputError(`Invalid knowledge article in ${source}`, issues);
  return out;
}

/** Stores the row as it now is as a version (idempotent per version). */
export async function recordVersion(tx: Db, row: Row, changedBy: string | null): Promise<void> {
  await tx.query(
    `INSERT INTO knowledge_article_versions (article_id, version, title, body, format, tags, status, author_id, changed_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (article_id, version) DO NOTHING`,
    [row.id, row.version, row.title, row.body, row.format, row.tags, row.status, row.author_id ?? null, changedBy],
  );
}

export async function createArticle(db: Db, actor: Actor | null, input: ArticleWrite): Promise<Row> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query(
      `INSERT INTO knowledge_articles (title, body, format, tags, status, language, external_id, attributes, author_id)
       VALUES ($1, $2, $3, $4, $5, $6, coalesce($7, gen_random_uuid()::text), $8, $9) RETURNING ${COLUMNS}`,
      [input.title, input.body ?? '', input.format ?? 'markdown', input.tags ?? [], input.status ?? 'published', input.language ?? null,
        input.external_id ?? null, JSON.stringify(input.attributes ?? {}), actor?.id ?? null],
    );
    await recordVersion(tx, rows[0], actor?.id ?? null);
    await writeAudit(tx, actor, { action: 'create', entity: 'knowledge_articles', entityId: String(rows[0].id), after: rows[0] });
    return rows[0];
  });
}

export async function updateArticle(db: Db, actor: Actor | null, id: string, input: ArticleWrite): Promise<Row> {
  return db.transaction(async (tx) => {
    const before = (await tx.query(`SELECT ${COLUMNS} FROM knowledge_articles WHERE id = $1 FOR UPDATE`, [id])).rows[0];
    if (!before) throw new NotFoundError('knowledge article not found');
    const next = { ...before, ...input };
    const { rows } = await tx.query(
      `UPDATE knowledge_articles SET title = $2, body = $3, format = $4, tags = $5, status = $6, language = $7, external_id = $8, attributes = $9,
              version = version + 1, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, next.title, next.body, next.format, next.tags, next.status, next.language, next.external_id, JSON.stringify(next.attributes ?? {})],
    );
    await recordVersion(tx, before, before.author_id as string | null); // in case it predates versioning
    await recordVersion(tx, rows[0], actor?.id ?? null);
    await writeAudit(tx, actor, { action: 'update', entity: 'knowledge_articles', entityId: id, before, after: rows[0] });
    return rows[0];
  });
}

export async function getArticle(db: Db, id: string): Promise<Row> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM knowledge_articles WHERE id = $1`, [id]);
  if (!rows[0]) throw new NotFoundError('knowledge article not found');
  return rows[0];
}

export async function listArticles(db: Db, q: { tag?: string; q?: string; status?: string; limit?: number; offset?: number }) {
  const params = [q.tag ?? null, q.q ? `%${q.q.replace(/[\\%_]/g, '\\$&')}%` : null, q.status ?? null];
  const where = `($1::text IS NULL OR $1 = ANY(tags)) AND ($2::text IS NULL OR title ILIKE $2 OR body ILIKE $2) AND ($3::text IS NULL OR status = $3)`;
  const limit = Math.min(Math.max(1, q.limit ?? 50), 500);
  const offset = Math.max(0, q.offset ?? 0);
  const { rows } = await db.query(
    `SELECT id, external_id, title, format, tags, language, status, version, author_id, created_at, updated_at FROM knowledge_articles
      WHERE ${where} ORDER BY updated_at DESC, id LIMIT ${limit} OFFSET ${offset}`,
    params,
  );
  const total = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM knowledge_articles WHERE ${where}`, params)).rows[0].n;
  return { data: rows, total: Number(total) };
}

export async function articleHistory(db: Db, id: string) {
  await getArticle(db, id);
  const { rows } = await db.query(
    `SELECT version, title, body, format, tags, status, author_id, changed_by, created_at FROM knowledge_article_versions
      WHERE article_id = $1 ORDER BY version DESC`,
    [id],
  );
  return { data: rows };
}
