// Knowledge article usage: who used which article, how and when. Recorded when an answer (the
// one-shot ask or a chat answer) cites an article, when its asker marks that answer helpful, and
// when someone other than the author opens the article. Read back per author and period as
// collaboration evidence for the competency assessment (src/modules/competency) and by the
// knowledge graph. Uses by the article's own author are never recorded.
import type { Db } from '../../db/client.ts';
import type { Actor } from '../crm/access.ts';

export const USAGE_KINDS = ['view', 'cited', 'helpful'] as const;
export type UsageKind = (typeof USAGE_KINDS)[number];

/** Repeated views of one article by one user within this window count once. */
export const VIEW_DEDUP_HOURS = 24;

const articleIdOfChunk = (chunkId: string) => chunkId.split('#')[0];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Records one usage event per distinct article, skipping articles the actor wrote (and ids that
 * are not articles any more). Idempotent per chat message, article and kind.
 */
export async function recordArticleUsage(db: Db, actor: Actor | null, kind: UsageKind, articleIds: readonly string[], messageId: string | null = null): Promise<number> {
  if (!actor?.id) return 0;
  const ids = [...new Set(articleIds.filter((id) => UUID.test(id)))];
  if (ids.length === 0) return 0;
  const conflict = messageId ? 'ON CONFLICT (message_id, article_id, kind) WHERE message_id IS NOT NULL DO NOTHING' : '';
  const { rowCount } = await db.query(
    `INSERT INTO knowledge_article_usage (article_id, user_id, kind, message_id)
     SELECT a.id, $2::uuid, $3::text, $4::uuid FROM knowledge_articles a
     WHERE a.id = ANY($1::uuid[]) AND a.author_id IS DISTINCT FROM $2::uuid
       AND ($3::text <> 'view' OR NOT EXISTS (
         SELECT 1 FROM knowledge_article_usage u WHERE u.article_id = a.id AND u.user_id = $2::uuid AND u.kind = 'view'
           AND u.at > now() - make_interval(hours => ${VIEW_DEDUP_HOURS})))
     ${conflict}`,
    [ids, actor.id, kind, messageId],
  );
  return rowCount;
}

/** Hook: an article was opened (GET /api/v1/knowledge/articles/:id). */
export async function recordArticleView(db: Db, actor: Actor | null, article: Record<string, unknown>): Promise<void> {
  if (!actor?.id || article.author_id === actor.id) return;
  await recordArticleUsage(db, actor, 'view', [String(article.id)]);
}

/** Hook: an answer was given; every article it cites counts once. */
export async function recordAnswerCitations(db: Db, actor: Actor | null, answer: { citations: readonly { article_id: string }[] }, messageId: string | null = null): Promise<void> {
  await recordArticleUsage(db, actor, 'cited', answer.citations.map((c) => c.article_id), messageId);
}

/** Hook: a chat answer was marked helpful; the articles of the chunks voted on count once. */
export async function recordHelpfulAnswer(db: Db, actor: Actor | null, messageId: string, chunkIds: readonly string[]): Promise<void> {
  await recordArticleUsage(db, actor, 'helpful', chunkIds.map(articleIdOfChunk), messageId);
}

export interface AuthorUsageFact {
  /** The article's author (whose collaboration this is). */
  ownerId: string;
  articleId: string;
  userId: string;
  kind: UsageKind;
  at: number;
}

/** Uses of each author's articles by other users in [from, to) (epoch ms). */
export async function usageOfAuthors(db: Db, from: number, to: number): Promise<AuthorUsageFact[]> {
  const { rows } = await db.query<AuthorUsageFact>(
    `SELECT a.author_id AS "ownerId", u.article_id AS "articleId", u.user_id AS "userId", u.kind, (extract(epoch from u.at) * 1000)::float8 AS at
     FROM knowledge_article_usage u JOIN knowledge_articles a ON a.id = u.article_id
     WHERE a.author_id IS NOT NULL AND u.user_id <> a.author_id AND u.at >= $1 AND u.at < $2`,
    [new Date(from).toISOString(), new Date(to).toISOString()],
  );
  return rows;
}

/** Per article: uses by others (all time or since a date), distinct users, by kind. */
export async function usageByArticle(db: Db, options: { since?: string } = {}): Promise<Map<string, { uses: number; users: number; view: number; cited: number; helpful: number }>> {
  const { rows } = await db.query<{ article_id: string; uses: number; users: number; view: number; cited: number; helpful: number }>(
    `SELECT u.article_id, count(*)::int AS uses, count(DISTINCT u.user_id)::int AS users,
            count(*) FILTER (WHERE u.kind = 'view')::int AS view, count(*) FILTER (WHERE u.kind = 'cited')::int AS cited,
            count(*) FILTER (WHERE u.kind = 'helpful')::int AS helpful
     FROM knowledge_article_usage u JOIN knowledge_articles a ON a.id = u.article_id
     WHERE u.user_id IS DISTINCT FROM a.author_id AND ($1::timestamptz IS NULL OR u.at >= $1)
     GROUP BY u.article_id`,
    [options.since ?? null],
  );
  return new Map(rows.map(({ article_id, ...r }) => [article_id, r]));
}
