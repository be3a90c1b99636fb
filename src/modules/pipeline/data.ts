// Everything the win-probability model and the pipeline forecast read, loaded once per request:
// deals, their stage changes and the times of their done activities. Training reads every deal
// (the model is the company's); listing and the forecast read only the actor's deals.
import type { Db } from '../../db/client.ts';
import { scopePredicate, type Actor } from '../crm/access.ts';
import { ENTITIES } from '../crm/entities.ts';

export const OPEN_STAGES = ['prospecting', 'qualification', 'demo', 'proposal', 'negotiation'] as const;
export const DAY_MS = 86_400_000;

export interface Deal {
  id: string;
  name: string | null;
  ownerId: string | null;
  ownerName: string | null;
  accountName: string | null;
  industry: string | null;
  product: string | null;
  amount: number;
  stage: string;
  openedAt: number;
  expectedClose: number | null;
  closedAt: number | null;
  /** Stage changes, oldest first. */
  changes: { stage: string; at: number }[];
  /** Done activities, ascending times (ms). */
  activities: Float64Array;
  meetings: Float64Array;
  /** The expected close date was moved later (audit log). */
  slipped: boolean;
}

export interface PipelineData {
  deals: Deal[];
  asOf: number;
}

const toMs = (v: Date | string | null): number | null => (v === null ? null : new Date(v).getTime());

/** The time the data ends: the latest stage change or done activity, never later than now. */
async function dataAsOf(db: Db): Promise<number> {
  const { rows } = await db.query<{ latest: Date | null }>(
    `SELECT greatest((SELECT max(changed_at) FROM opportunity_stage_history), (SELECT max(occurred_at) FROM activities WHERE status = 'done' AND occurred_at <= now())) AS latest`,
  );
  const now = Date.now();
  return rows[0]?.latest ? Math.min(now, new Date(rows[0].latest).getTime()) : now;
}

/** Loads deals (all, or the actor's when `actor` is given; optionally only open ones or one id). */
export async function loadDeals(db: Db, options: { actor?: Actor; openOnly?: boolean; id?: string; asOf?: number } = {}): Promise<PipelineData> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (options.actor) {
    const scope = scopePredicate(ENTITIES.opportunities, options.actor, 'o', 1);
    where.push(scope.sql);
    params.push(...scope.params);
  }
  if (options.openOnly) where.push(`o.stage NOT IN ('won', 'lost')`);
  if (options.id) {
    params.push(options.id);
    where.push(`o.id = $${params.length}`);
  }
  const { rows } = await db.query<{
    id: string; name: string | null; owner_id: string | null; owner_name: string | null; account_name: string | null; industry: string | null;
    product: string | null; amount: number | null; stage: string; opened_at: Date | null; created_at: Date; expected_close: string | null; closed_at: Date | null;
  }>(
    `SELECT o.id, o.name, o.owner_id, u.name AS owner_name, a.name AS account_name, a.industry, p.name AS product, o.amount, o.stage,
            o.opened_at, o.created_at, o.expected_close::text AS expected_close, o.closed_at
     FROM opportunities o LEFT JOIN accounts a ON a.id = o.account_id LEFT JOIN products p ON p.id = o.product_id LEFT JOIN users u ON u.id = o.owner_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY o.id`,
    params,
  );
  const byId = new Map<string, Deal>();
  const deals = rows.map((r): Deal => {
    const d: Deal = {
      id: r.id, name: r.name, ownerId: r.owner_id, ownerName: r.owner_name, accountName: r.account_name, industry: r.industry, product: r.product,
      amount: Number(r.amount ?? 0), stage: r.stage, openedAt: toMs(r.opened_at) ?? new Date(r.created_at).getTime(),
      expectedClose: r.expected_close ? Date.parse(`${r.expected_close}T00:00:00Z`) : null, closedAt: toMs(r.closed_at),
      changes: [], activities: new Float64Array(0), meetings: new Float64Array(0), slipped: false,
    };
    byId.set(d.id, d);
    return d;
  });
  if (deals.length === 0) return { deals, asOf: options.asOf ?? (await dataAsOf(db)) };
  // One id filter for the child tables: all deals, or the listed ones.
  const ids = options.actor || options.openOnly || options.id ? deals.map((d) => d.id) : null;
  const idFilter = (col: string) => (ids ? `${col} = ANY($1::uuid[])` : 'TRUE');
  const idParams = ids ? [ids] : [];
  const history = await db.query<{ opportunity_id: string; to_stage: string; changed_at: Date }>(
    `SELECT opportunity_id, to_stage, changed_at FROM opportunity_stage_history WHERE ${idFilter('opportunity_id')} ORDER BY opportunity_id, changed_at, id`,
    idParams,
  );
  for (const h of history.rows) byId.get(h.opportunity_id)?.changes.push({ stage: h.to_stage, at: new Date(h.changed_at).getTime() });
  const acts = await db.query<{ opportunity_id: string; at: Date; meeting: boolean }>(
    `SELECT opportunity_id, occurred_at AS at, type = 'meeting' AS meeting FROM activities
     WHERE opportunity_id IS NOT NULL AND status = 'done' AND ${idFilter('opportunity_id')} ORDER BY opportunity_id, occurred_at`,
    idParams,
  );
  const times = new Map<string, { all: number[]; meetings: number[] }>();
  for (const a of acts.rows) {
    let t = times.get(a.opportunity_id);
    if (!t) times.set(a.opportunity_id, (t = { all: [], meetings: [] }));
    const at = new Date(a.at).getTime();
    t.all.push(at);
    if (a.meeting) t.meetings.push(at);
  }
  for (const [id, t] of times) {
    const d = byId.get(id);
    if (d) (d.activities = Float64Array.from(t.all), d.meetings = Float64Array.from(t.meetings));
  }
  const slips = await db.query<{ entity_id: string }>(
    `SELECT DISTINCT entity_id FROM audit_log WHERE entity = 'opportunities' AND action = 'update'
       AND before->>'expected_close' IS NOT NULL AND after->>'expected_close' > before->>'expected_close'`,
  );
  for (const s of slips.rows) {
    const d = byId.get(s.entity_id);
    if (d) d.slipped = true;
  }
  return { deals, asOf: options.asOf ?? (await dataAsOf(db)) };
}
