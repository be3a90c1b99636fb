// Deal histories from the CRM: each opportunity with its account and product, stage entries and
// the rep actions on it (and on the lead it came from), in time order. Shared by best-practice
// mining, next-best-action and competency evidence.
import type { Db } from '../../db/client.ts';

export const REP_ACTIONS = ['call', 'email', 'meeting', 'demo', 'proposal', 'discount', 'executive'] as const;
export type RepAction = (typeof REP_ACTIONS)[number];
export type EventKind = RepAction | 'reply' | 'note' | 'task' | `stage:${string}`;

export interface HistoryEvent {
  kind: EventKind;
  at: number;
}

export interface DealHistory {
  id: string;
  name: string | null;
  ownerId: string | null;
  stage: string;
  amount: number | null;
  openedAt: number;
  closedAt: number | null;
  expectedClose: number | null;
  leadId: string | null;
  productId: string | null;
  product: string | null;
  accountId: string | null;
  industry: string | null;
  employees: number | null;
  /** Sorted by time; for closed deals only what happened up to the close. */
  events: HistoryEvent[];
  firstContactAt: number | null;
}

/** One activity row's meaning for the models: the specific sales step where the data says so. */
const KIND_SQL = `CASE
  WHEN coalesce(act.subtype, act.attributes->>'action') = 'demo' OR act.attributes->>'action' = 'demo' THEN 'demo'
  WHEN coalesce(act.subtype, act.attributes->>'action') = 'executive_meeting' OR act.attributes->>'action' IN ('executive_meeting', 'executive') THEN 'executive'
  WHEN coalesce(act.subtype, act.attributes->>'action') = 'proposal' OR act.attributes->>'action' = 'proposal' THEN 'proposal'
  WHEN coalesce(act.subtype, act.attributes->>'action') = 'discount' OR act.attributes->>'action' = 'discount' THEN 'discount'
  WHEN act.type = 'meeting' THEN 'meeting'
  WHEN act.type = 'call' THEN 'call'
  WHEN act.type = 'email' THEN CASE WHEN act.direction = 'inbound' THEN 'reply' ELSE 'email' END
  WHEN act.type = 'task' THEN 'task'
  ELSE 'note' END`;

export const isRepAction = (k: string): k is RepAction => (REP_ACTIONS as readonly string[]).includes(k);
const isContact = (k: EventKind) => k === 'call' || k === 'email' || k === 'meeting' || k === 'demo';

interface DealRow {
  id: string; name: string | null; owner_id: string | null; stage: string; amount: string | null; opened: number | null; created: number;
  closed: number | null; expected: number | null; lead_id: string | null; product_id: string | null; product: string | null;
  account_id: string | null; industry: string | null; employees: number | null;
}

interface ActivityRow { deal: string; kind: EventKind; t: number }

export interface HistoryFilter {
  /** Only deals opened before this time (epoch ms). */
  openedBefore?: number;
  ownerIds?: readonly string[];
  ids?: readonly string[];
}

const ms = (col: string) => `(extract(epoch from ${col}) * 1000)::float8`;

export async function loadDealHistories(db: Db, filter: HistoryFilter = {}): Promise<DealHistory[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.openedBefore !== undefined) where.push(`coalesce(o.opened_at, o.created_at) < $${params.push(new Date(filter.openedBefore).toISOString())}`);
  if (filter.ownerIds) where.push(`o.owner_id = ANY($${params.push(filter.ownerIds)}::uuid[])`);
  if (filter.ids) where.push(`o.id = ANY($${params.push(filter.ids)}::uuid[])`);
  const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const deals = (await db.query<DealRow>(
    `SELECT o.id, o.name, o.owner_id, o.stage, o.amount, ${ms('o.opened_at')} AS opened, ${ms('o.created_at')} AS created, ${ms('o.closed_at')} AS closed,
            ${ms('o.expected_close::timestamptz')} AS expected, o.lead_id, o.product_id, p.name AS product, o.account_id, a.industry, a.employees
     FROM opportunities o LEFT JOIN accounts a ON a.id = o.account_id LEFT JOIN products p ON p.id = o.product_id ${cond} ORDER BY o.id`,
    params,
  )).rows;
  if (deals.length === 0) return [];
  const scope = `SELECT o.id, o.lead_id, coalesce(o.closed_at, 'infinity'::timestamptz) AS until FROM opportunities o ${cond}`;
  // Kinds are decided in SQL: three narrow columns per activity is what keeps a 300k-activity load quick.
  const activities = (await db.query<ActivityRow>(
    `WITH d AS (${scope})
     SELECT act.opportunity_id AS deal, ${KIND_SQL} AS kind, ${ms('act.occurred_at')} AS t
       FROM activities act JOIN d ON d.id = act.opportunity_id WHERE act.status = 'done' AND act.occurred_at <= d.until
     UNION ALL
     SELECT d.id AS deal, ${KIND_SQL} AS kind, ${ms('act.occurred_at')} AS t
       FROM activities act JOIN d ON d.lead_id = act.lead_id WHERE act.status = 'done' AND act.opportunity_id IS NULL AND act.occurred_at <= d.until`,
    params,
  )).rows;
  const stages = (await db.query<{ deal: string; to_stage: string; t: number }>(
    `WITH d AS (${scope}) SELECT h.opportunity_id AS deal, h.to_stage, ${ms('h.changed_at')} AS t FROM opportunity_stage_history h JOIN d ON d.id = h.opportunity_id`,
    params,
  )).rows;
  const byId = new Map<string, DealHistory>();
  const out = deals.map((r) => {
    const d: DealHistory = {
      id: r.id, name: r.name, ownerId: r.owner_id, stage: r.stage, amount: r.amount === null ? null : Number(r.amount),
      openedAt: r.opened ?? r.created, closedAt: r.closed, expectedClose: r.expected, leadId: r.lead_id, productId: r.product_id,
      product: r.product, accountId: r.account_id, industry: r.industry, employees: r.employees, events: [], firstContactAt: null,
    };
    byId.set(r.id, d);
    return d;
  });
  for (const a of activities) {
    const d = byId.get(a.deal)!;
    const kind = a.kind;
    d.events.push({ kind, at: a.t });
    if (isContact(kind) && (d.firstContactAt === null || a.t < d.firstContactAt)) d.firstContactAt = a.t;
  }
  for (const s of stages) {
    if (s.to_stage === 'won' || s.to_stage === 'lost') continue;
    byId.get(s.deal)!.events.push({ kind: `stage:${s.to_stage}`, at: s.t });
  }
  for (const d of out) d.events.sort((x, y) => x.at - y.at);
  return out;
}

export const isClosed = (d: DealHistory): boolean => d.stage === 'won' || d.stage === 'lost';

/** A fingerprint of the deal data: cached analyses are reused until it changes. */
export async function dealDataVersion(db: Db): Promise<string> {
  const { rows } = await db.query<{ k: string }>(
    // One scan per table for its count and latest update (the same text as two subqueries each).
    `SELECT (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') FROM opportunities) || ':' ||
            (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') FROM activities) || ':' ||
            (SELECT count(*) FROM opportunity_stage_history) AS k`,
  );
  return rows[0].k;
}

const cache = new WeakMap<Db, { key: string; deals: Promise<DealHistory[]> }>();

/**
 * Every deal's history, loaded once per database until deals, activities or stages change. Read-only.
 * A caller that has just read dealDataVersion passes it (the fingerprint scans the activities).
 */
export async function allDealHistories(db: Db, version?: string): Promise<readonly DealHistory[]> {
  const key = version ?? (await dealDataVersion(db));
  const hit = cache.get(db);
  if (hit && hit.key === key) return hit.deals;
  const deals = loadDealHistories(db);
  cache.set(db, { key, deals });
  deals.catch(() => cache.delete(db));
  return deals;
}
