// The questions reps ask of the CRM graph, answered directly in SQL over the CRM tables (the graph
// is implicit in the foreign keys; materialising it would only go stale). Owner-scoped rows
// (opportunities, activities) outside the actor's scope are left out of every count.
import type { Db } from '../../db/client.ts';
import { NotFoundError } from '../../core/errors.ts';
import { scopePredicate, type Actor } from '../crm/access.ts';
import { ENTITIES } from '../crm/entities.ts';

const SCORE = { ownsAccount: 5, deal: 2, won: 3, activity: 1, call: 0.5 } as const;

/** Opportunities of a product: its main product or any of its product lines. */
export const FOR_PRODUCT = `(o.product_id = $1 OR o.product_lines @> jsonb_build_array(jsonb_build_object('product_id', $1::text)))`;

export async function whoKnows(db: Db, actor: Actor, accountId: string, limit = 10) {
  const account = await db.query<{ id: string; name: string; owner_id: string | null }>('SELECT id, name, owner_id FROM accounts WHERE id = $1', [accountId]);
  if (!account.rows[0]) throw new NotFoundError(`account ${accountId} not found`);
  const opp = scopePredicate(ENTITIES.opportunities, actor, 'o', 2);
  const act = scopePredicate(ENTITIES.activities, actor, 'a', 2);
  const { rows } = await db.query<{
    user_id: string; name: string; team: string | null; owns_account: boolean; deals_owned: number; deals_won: number;
    won_amount: number; activities: number; calls: number; last_interaction_at: Date | null;
  }>(
    `WITH deals AS (
       SELECT o.owner_id AS uid, count(*)::int AS deals_owned, (count(*) FILTER (WHERE o.stage = 'won'))::int AS deals_won,
              coalesce(sum(o.amount) FILTER (WHERE o.stage = 'won'), 0)::float8 AS won_amount, max(coalesce(o.closed_at, o.updated_at)) AS last_at
       FROM opportunities o WHERE o.account_id = $1 AND o.owner_id IS NOT NULL AND ${opp.sql} GROUP BY 1),
     acts AS (
       SELECT a.owner_id AS uid, count(*)::int AS activities, (count(*) FILTER (WHERE a.type = 'call'))::int AS calls, max(a.occurred_at) AS last_at
       FROM activities a
       WHERE a.owner_id IS NOT NULL AND a.status = 'done' AND ${act.sql}
         AND (a.account_id = $1 OR a.opportunity_id IN (SELECT id FROM opportunities WHERE account_id = $1)
              OR a.contact_id IN (SELECT id FROM contacts WHERE account_id = $1))
       GROUP BY 1)
     SELECT u.id AS user_id, u.name, t.name AS team, (u.id = acc.owner_id) AS owns_account,
            coalesce(d.deals_owned, 0) AS deals_owned, coalesce(d.deals_won, 0) AS deals_won, coalesce(d.won_amount, 0) AS won_amount,
            coalesce(x.activities, 0) AS activities, coalesce(x.calls, 0) AS calls,
            nullif(greatest(coalesce(d.last_at, '-infinity'), coalesce(x.last_at, '-infinity')), '-infinity') AS last_interaction_at
     FROM users u CROSS JOIN (SELECT owner_id FROM accounts WHERE id = $1) acc
     LEFT JOIN teams t ON t.id = u.team_id LEFT JOIN deals d ON d.uid = u.id LEFT JOIN acts x ON x.uid = u.id
     WHERE u.id = acc.owner_id OR d.uid IS NOT NULL OR x.uid IS NOT NULL`,
    [accountId, ...(opp.params.length ? opp.params : act.params)],
  );
  const ranked = rows.map((r) => ({
    user_id: r.user_id, name: r.name, team: r.team,
    score: (r.owns_account ? SCORE.ownsAccount : 0) + SCORE.deal * r.deals_owned + SCORE.won * r.deals_won + SCORE.activity * r.activities + SCORE.call * r.calls,
    evidence: {
      owns_account: r.owns_account, deals_owned: r.deals_owned, deals_won: r.deals_won, won_amount: r.won_amount,
      activities: r.activities, calls: r.calls, last_interaction_at: r.last_interaction_at,
    },
  }));
  ranked.sort((a, b) => b.score - a.score || time(b.evidence.last_interaction_at) - time(a.evidence.last_interaction_at) || a.name.localeCompare(b.name));
  return { account: { id: account.rows[0].id, name: account.rows[0].name }, data: ranked.slice(0, limit) };
}

const time = (d: Date | null) => (d ? new Date(d).getTime() : 0);

export async function winningContent(db: Db, actor: Actor, productId: string, limit = 10) {
  const product = await db.query<{ id: string; name: string }>('SELECT id, name FROM products WHERE id = $1', [productId]);
  if (!product.rows[0]) throw new NotFoundError(`product ${productId} not found`);
  const opp = scopePredicate(ENTITIES.opportunities, actor, 'o', 2);
  const act = scopePredicate(ENTITIES.activities, actor, 'a', 2);
  const params = [productId, ...(opp.params.length ? opp.params : act.params)];
  const base = await db.query<{ closed: number; won: number }>(
    `SELECT count(*)::int AS closed, (count(*) FILTER (WHERE o.stage = 'won'))::int AS won
     FROM opportunities o WHERE ${FOR_PRODUCT} AND o.stage IN ('won', 'lost') AND ${opp.sql}`,
    params,
  );
  const { closed, won } = base.rows[0];
  const baseline = closed ? won / closed : null;
  // An article is used in a deal when one of the deal's activities cites it by id or names its
  // title, or when the deal's owner used it (opened it, was answered from it, marked such an answer
  // helpful: knowledge_article_usage) while the deal was open.
  const articles = await db.query<{ id: string; title: string; deals: number; won: number }>(
    `WITH deals AS (
       SELECT o.id, o.stage, o.owner_id, coalesce(o.opened_at, o.created_at) AS opened_at, o.closed_at FROM opportunities o
       WHERE ${FOR_PRODUCT} AND o.stage IN ('won', 'lost') AND ${opp.sql}),
     used AS (
       SELECT k.id AS article_id, o.id AS opportunity_id, o.stage
       FROM deals o
       JOIN activities a ON a.opportunity_id = o.id AND ${act.sql}
       JOIN knowledge_articles k ON k.status <> 'archived' AND (
         a.attributes->>'article_id' = k.id::text
         OR (jsonb_typeof(a.attributes->'article_ids') = 'array' AND a.attributes->'article_ids' ? k.id::text)
         OR (length(k.title) >= 8 AND strpos(lower(coalesce(a.subject, '') || ' ' || coalesce(a.body, '')), lower(k.title)) > 0))
       UNION
       SELECT u.article_id, o.id, o.stage
       FROM deals o JOIN knowledge_article_usage u ON u.user_id = o.owner_id AND u.at >= o.opened_at AND u.at <= coalesce(o.closed_at, now()))
     SELECT k.id, k.title, count(DISTINCT u.opportunity_id)::int AS deals, (count(DISTINCT u.opportunity_id) FILTER (WHERE u.stage = 'won'))::int AS won
     FROM used u JOIN knowledge_articles k ON k.id = u.article_id AND k.status <> 'archived'
     GROUP BY k.id, k.title HAVING count(DISTINCT u.opportunity_id) >= 2`,
    params,
  );
  const rankedArticles = articles.rows
    .map((r) => ({ ...r, win_rate: r.won / r.deals, lift: baseline ? r.won / r.deals / baseline : null }))
    .sort((a, b) => (b.lift ?? 0) - (a.lift ?? 0) || b.deals - a.deals)
    .slice(0, limit);
  const calls = await db.query(
    `SELECT a.id, a.subject, a.opportunity_id, o.name AS opportunity_name, u.name AS owner_name, a.occurred_at, o.amount::float8 AS amount,
            a.duration_seconds, a.attributes
     FROM opportunities o JOIN activities a ON a.opportunity_id = o.id AND a.type = 'call' AND ${act.sql}
     LEFT JOIN users u ON u.id = a.owner_id
     WHERE ${FOR_PRODUCT} AND o.stage = 'won' AND ${opp.sql}
     ORDER BY o.amount DESC NULLS LAST, a.occurred_at DESC, a.id LIMIT ${Math.min(limit, 100)}`,
    params,
  );
  return { product: product.rows[0], baseline_win_rate: baseline, closed_deals: closed, articles: rankedArticles, calls: calls.rows };
}

/** Competitor names per opportunity: from its attributes, and from known names in its activities' text. */
export async function competitorMentions(db: Db, actor: Actor): Promise<Array<{ opportunity_id: string; competitor: string }>> {
  const opp = scopePredicate(ENTITIES.opportunities, actor, 'o', 1);
  const fromAttributes = await db.query<{ opportunity_id: string; competitor: string }>(
    `SELECT DISTINCT o.id AS opportunity_id, lower(trim(c.name)) AS competitor
     FROM opportunities o CROSS JOIN LATERAL (
       SELECT o.attributes->>'competitor' AS name WHERE jsonb_typeof(o.attributes->'competitor') = 'string'
       UNION ALL
       SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(o.attributes->'competitors') = 'array' THEN o.attributes->'competitors' ELSE '[]'::jsonb END)) c
     WHERE trim(coalesce(c.name, '')) <> '' AND ${opp.sql}`,
    opp.params,
  );
  const setting = await db.query<{ value: unknown }>(`SELECT value FROM settings WHERE key = 'competitors'`);
  const names = Array.isArray(setting.rows[0]?.value) ? (setting.rows[0].value as unknown[]).filter((n): n is string => typeof n === 'string' && n.trim().length > 1) : [];
  if (!names.length) return fromAttributes.rows;
  const act = scopePredicate(ENTITIES.activities, actor, 'a', 2);
  const fromText = await db.query<{ opportunity_id: string; competitor: string }>(
    `SELECT DISTINCT a.opportunity_id, lower(trim(n.name)) AS competitor
     FROM activities a JOIN unnest($1::text[]) AS n(name) ON strpos(lower(coalesce(a.subject, '') || ' ' || coalesce(a.body, '')), lower(trim(n.name))) > 0
     WHERE a.opportunity_id IS NOT NULL AND ${act.sql}`,
    [names, ...act.params],
  );
  const seen = new Set<string>();
  return [...fromAttributes.rows, ...fromText.rows].filter((m) => {
    const key = `${m.opportunity_id}|${m.competitor}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export async function competitorsByProduct(db: Db, actor: Actor) {
  const mentions = await competitorMentions(db, actor);
  if (!mentions.length) return { data: [] };
  const { rows } = await db.query<{ competitor: string; product_id: string | null; product: string | null; deals: number; won: number; lost: number; open: number }>(
    `SELECT m.competitor, o.product_id, p.name AS product, count(*)::int AS deals,
            (count(*) FILTER (WHERE o.stage = 'won'))::int AS won, (count(*) FILTER (WHERE o.stage = 'lost'))::int AS lost,
            (count(*) FILTER (WHERE o.stage NOT IN ('won', 'lost')))::int AS open
     FROM unnest($1::uuid[], $2::text[]) AS m(opportunity_id, competitor)
     JOIN opportunities o ON o.id = m.opportunity_id LEFT JOIN products p ON p.id = o.product_id
     GROUP BY 1, 2, 3 ORDER BY count(*) DESC, 1, 3`,
    [mentions.map((m) => m.opportunity_id), mentions.map((m) => m.competitor)],
  );
  return { data: rows.map((r) => ({ ...r, win_rate: r.won + r.lost ? r.won / (r.won + r.lost) : null })) };
}
