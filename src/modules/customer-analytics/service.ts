// Customer analytics over stored orders: RFM segments in plain words, P(alive), expected purchases
// and 12-month value (BG/NBD + Gamma-Gamma), churn risk, and item-to-item recommendations with
// "customers who bought X also bought Y". Computed into a snapshot table so pages read it fast.
import type { Db } from '../../db/client.ts';
import { InputError, NotFoundError } from '../../core/errors.ts';
import { render, type Text } from '../../core/i18n.ts';
import { msg, segmentText } from './messages.ts';
import { analyzeCustomers } from '../../ml/customers/analysis.ts';
import { recommend, trainItemCf } from '../../ml/customers/item-cf.ts';
import type { TransactionTable } from '../../ml/customers/transactions.ts';
import { scopePredicate, type Actor } from '../crm/access.ts';
import { ENTITIES } from '../crm/entities.ts';

export const RECOMMENDATIONS = 5;
const DAY = 86_400_000;
/** Accounts are readable by everyone in the CRM; customer analytics covers the actor's own book. */
const ACCOUNTS_BY_OWNER = { ...ENTITIES.accounts, ownerScoped: true };

const round = (v: number, d = 4) => (Number.isFinite(v) ? Math.round(v * 10 ** d) / 10 ** d : 0);

/** Order lines of completed and pending orders with an account and a product, as a transaction table. */
async function loadTable(db: Db): Promise<{ table: TransactionTable; productIds: string[] }> {
  const { rows } = await db.query<{ account_id: string; product_id: string; name: string; day: number; amount: number; order_id: string }>(
    `SELECT o.account_id::text, ol.product_id::text, p.name, extract(epoch FROM o.ordered_at)::float8 / 86400 AS day,
            COALESCE(ol.amount, ol.quantity * ol.unit_price)::float8 AS amount, o.id::text AS order_id
     FROM orders o JOIN order_lines ol ON ol.order_id = o.id JOIN products p ON p.id = ol.product_id
     WHERE o.status IN ('completed', 'pending') AND o.account_id IS NOT NULL AND COALESCE(ol.amount, ol.quantity * ol.unit_price) > 0
     ORDER BY o.ordered_at, o.id, ol.id`,
  );
  const customers = new Map<string, number>();
  const items = new Map<string, number>();
  const invoices = new Map<string, number>();
  const itemNames: string[] = [];
  const n = rows.length;
  const t: TransactionTable = {
    customer: new Int32Array(n), item: new Int32Array(n), day: new Float64Array(n), amount: new Float64Array(n), invoice: new Int32Array(n),
    customerIds: [], itemIds: [], itemNames,
  };
  rows.forEach((r, i) => {
    let c = customers.get(r.account_id);
    if (c === undefined) customers.set(r.account_id, (c = customers.size));
    let it = items.get(r.product_id);
    if (it === undefined) (items.set(r.product_id, (it = items.size)), itemNames.push(r.name));
    let inv = invoices.get(r.order_id);
    if (inv === undefined) invoices.set(r.order_id, (inv = invoices.size));
    t.customer[i] = c;
    t.item[i] = it;
    t.day[i] = r.day;
    t.amount[i] = r.amount;
    t.invoice[i] = inv;
  });
  t.customerIds = [...customers.keys()];
  t.itemIds = [...items.keys()];
  return { table: t, productIds: t.itemIds };
}

export interface RecomputeSummary {
  computed_at: string;
  as_of: string;
  customers: number;
  segments: number;
  seconds: number;
}

export async function recomputeCustomers(db: Db): Promise<RecomputeSummary> {
  const started = performance.now();
  const { table } = await loadTable(db);
  if (table.customerIds.length < 3) {
    throw new InputError('customer analytics needs orders from at least 3 customers', [{ column: 'orders', value: table.customerIds.length, reason: 'import orders with accounts and products first' }]);
  }
  let asOfDay = 0;
  for (const d of table.day) asOfDay = Math.max(asOfDay, d);
  asOfDay = Math.floor(asOfDay) + 1; // the end of the last day with orders
  const analysis = analyzeCustomers(table, { asOfDay, seed: 1 });
  const cf = trainItemCf(table);
  const name = (i: number) => table.itemNames![i];
  const lastDay = new Float64Array(table.customerIds.length);
  for (let i = 0; i < table.day.length; i++) lastDay[table.customer[i]] = Math.max(lastDay[table.customer[i]], table.day[i]);
  const segmentName = new Map(analysis.segmentation.segments.map((s) => [s.id, segmentText(s.profile)]));
  const value = new Map<number, number>();
  const indexOf = new Map(table.customerIds.map((id, i) => [id, i]));
  const insights = analysis.customers.map((c) => {
    const index = indexOf.get(c.customerId)!;
    value.set(c.segment, (value.get(c.segment) ?? 0) + c.value12m);
    const recs = recommend(cf, index, RECOMMENDATIONS).map((r) => ({
      product_id: table.itemIds[r.item],
      name: name(r.item),
      score: round(r.score),
      because: r.because === null ? [] : [name(r.because)],
      explanation: r.because === null ? msg('customers.rec.popular', { item: capitalise(name(r.item)) }) : msg('customers.rec.alsoBought', { because: name(r.because), item: name(r.item) }),
      source: r.because === null ? 'popular' : 'item-cf',
    }));
    return {
      // The text column keeps the English name (the read path uses the snapshot's translatable one).
      account_id: c.customerId, segment_id: c.segment, segment: render(segmentName.get(c.segment) ?? msg('customers.segment.numbered', { id: String(c.segment) }), 'en'),
      recency_days: round(c.recencyDays, 1), frequency: c.frequency, monetary: round(c.monetary, 2), p_alive: round(c.probabilityAlive),
      expected_purchases_12m: round(c.expectedPurchases12m, 3), value_12m: round(c.value12m, 2), churn_risk: round(churnRisk(c.probabilityAlive, c.expectedPurchases12m)),
      last_order: new Date(lastDay[index] * DAY).toISOString().slice(0, 10), recommendations: recs,
    };
  });
  const segments = analysis.segmentation.segments.map((s) => ({
    id: s.id, name: segmentText(s.profile), description: segmentText(s.profile), customers: s.size, recency_days: round(s.medianRecencyDays, 1),
    frequency: s.medianFrequency, monetary: round(s.medianMonetary, 2), value_12m: round(value.get(s.id) ?? 0, 2),
  }));
  const asOf = new Date((asOfDay - 1) * DAY).toISOString().slice(0, 10);
  const seconds = (performance.now() - started) / 1000;
  const computedAt = await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: number; computed_at: Date }>(
      `INSERT INTO customer_snapshots (as_of, customers, segments, params, seconds) VALUES ($1, $2, $3::jsonb, $4::jsonb, $5) RETURNING id, computed_at`,
      [asOf, insights.length, JSON.stringify(segments), JSON.stringify({ bgnbd: analysis.bgnbd, gamma_gamma: analysis.gammaGamma, silhouette: analysis.segmentation.silhouette }), seconds],
    );
    const id = rows[0].id;
    for (let i = 0; i < insights.length; i += 1000) {
      await tx.query(
        `INSERT INTO customer_insights (snapshot_id, account_id, segment_id, segment, recency_days, frequency, monetary, p_alive, expected_purchases_12m, value_12m, churn_risk, last_order, recommendations)
         SELECT $1, x.account_id, x.segment_id, x.segment, x.recency_days, x.frequency, x.monetary, x.p_alive, x.expected_purchases_12m, x.value_12m, x.churn_risk, x.last_order, x.recommendations
         FROM jsonb_to_recordset($2::jsonb) AS x(account_id uuid, segment_id int, segment text, recency_days float8, frequency int, monetary float8, p_alive float8,
           expected_purchases_12m float8, value_12m float8, churn_risk float8, last_order date, recommendations jsonb)`,
        [id, JSON.stringify(insights.slice(i, i + 1000))],
      );
    }
    await tx.query(`DELETE FROM customer_snapshots WHERE id < $1`, [id]);
    return rows[0].computed_at;
  });
  return { computed_at: new Date(computedAt).toISOString(), as_of: asOf, customers: insights.length, segments: segments.length, seconds: round(seconds, 2) };
}

/**
 * Probability of no purchase in the next 12 months: gone (1 − P(alive)), or alive and buying at the
 * rate that gives the expected purchases (Poisson). Plain 1 − P(alive) would call every one-time
 * buyer safe, because BG/NBD takes a customer without repeat purchases to be alive.
 */
export function churnRisk(pAlive: number, expected12m: number): number {
  if (!(pAlive > 0)) return 1;
  const p = Math.min(1, pAlive);
  return Math.min(1, Math.max(0, 1 - p + p * Math.exp(-Math.max(0, expected12m) / p)));
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

interface Snapshot {
  id: number;
  as_of: string;
  computed_at: Date;
  customers: number;
  /** name and description: a Text (plain strings in snapshots stored before texts were translated). */
  segments: { id: number; name: Text | string; description: Text | string; customers: number; recency_days: number; frequency: number; monetary: number; value_12m: number }[];
}

/** Each row's segment name from the snapshot (a Text, rendered per reader); the stored English otherwise. */
function withSegmentNames<T extends { segment_id: number; segment: string }>(s: Snapshot, rows: T[]): (Omit<T, 'segment'> & { segment: Text | string })[] {
  const names = new Map(s.segments.map((g) => [g.id, g.name]));
  return rows.map((r) => ({ ...r, segment: names.get(r.segment_id) ?? r.segment }));
}

/** The latest snapshot, computed first when there is none. */
async function latestSnapshot(db: Db): Promise<Snapshot> {
  const read = async () => (await db.query<Snapshot>(`SELECT id, as_of::text AS as_of, computed_at, customers, segments FROM customer_snapshots ORDER BY id DESC LIMIT 1`)).rows[0];
  return (await read()) ?? (await recomputeCustomers(db), await read());
}

const COLUMNS = `ci.account_id, a.name, ci.segment, ci.segment_id, ci.p_alive, ci.expected_purchases_12m, ci.value_12m, ci.churn_risk, ci.last_order::text AS last_order,
  ci.frequency AS orders, ci.recency_days, ci.monetary`;

export async function customerSegments(db: Db, actor: Actor) {
  const s = await latestSnapshot(db);
  const scope = scopePredicate(ACCOUNTS_BY_OWNER, actor, 'a', 2);
  // Segment sizes and values within the actor's scope (the whole snapshot for admins).
  const { rows } = await db.query<{ segment_id: number; n: number; value: number }>(
    `SELECT ci.segment_id, count(*)::int AS n, sum(ci.value_12m)::float8 AS value FROM customer_insights ci JOIN accounts a ON a.id = ci.account_id
     WHERE ci.snapshot_id = $1 AND ${scope.sql} GROUP BY 1`,
    [s.id, ...scope.params],
  );
  const mine = new Map(rows.map((r) => [r.segment_id, r]));
  return {
    computed_at: new Date(s.computed_at).toISOString(), as_of: s.as_of, customers: rows.reduce((a, r) => a + r.n, 0),
    segments: s.segments.map((g) => ({ ...g, customers: mine.get(g.id)?.n ?? 0, value_12m: round(mine.get(g.id)?.value ?? 0, 2) })),
  };
}

export async function listCustomers(db: Db, actor: Actor, q: { segment?: string; sort?: string; limit?: string }) {
  const sort = q.sort ?? 'churn_risk';
  if (sort !== 'churn_risk' && sort !== 'value') throw new InputError('sort must be churn_risk or value', [{ column: 'sort', value: sort, reason: 'churn_risk or value' }]);
  const limit = q.limit === undefined ? 50 : Number(q.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new InputError('limit must be a whole number from 1 to 1000', [{ column: 'limit', value: q.limit, reason: '1 to 1000' }]);
  const segment = q.segment === undefined || q.segment === '' ? null : Number(q.segment);
  if (segment !== null && !Number.isInteger(segment)) throw new InputError('segment must be a segment id', [{ column: 'segment', value: q.segment, reason: 'see GET /api/v1/customers/segments' }]);
  const s = await latestSnapshot(db);
  const scope = scopePredicate(ACCOUNTS_BY_OWNER, actor, 'a', 3);
  const order = sort === 'value' ? 'ci.value_12m DESC' : 'ci.churn_risk DESC, ci.value_12m DESC';
  const { rows } = await db.query<{ segment_id: number; segment: string }>(
    `SELECT ${COLUMNS} FROM customer_insights ci JOIN accounts a ON a.id = ci.account_id
     WHERE ci.snapshot_id = $1 AND ($2::int IS NULL OR ci.segment_id = $2) AND ${scope.sql} ORDER BY ${order}, ci.account_id LIMIT ${limit}`,
    [s.id, segment, ...scope.params],
  );
  return { computed_at: new Date(s.computed_at).toISOString(), as_of: s.as_of, data: withSegmentNames(s, rows) };
}

export async function customerProfile(db: Db, actor: Actor, accountId: string) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(accountId)) throw new NotFoundError('customer not found');
  const s = await latestSnapshot(db);
  const scope = scopePredicate(ACCOUNTS_BY_OWNER, actor, 'a', 3);
  const { rows } = await db.query<{ segment_id: number; segment: string; name: string; churn_risk: number; recommendations: { name: string; explanation: Text | string }[] }>(
    `SELECT ${COLUMNS}, ci.recommendations FROM customer_insights ci JOIN accounts a ON a.id = ci.account_id
     WHERE ci.snapshot_id = $1 AND ci.account_id = $2 AND ${scope.sql}`,
    [s.id, accountId, ...scope.params],
  );
  if (!rows[0]) throw new NotFoundError('customer not found (no orders in the latest snapshot, or outside your scope)');
  return { ...withSegmentNames(s, rows)[0], computed_at: new Date(s.computed_at).toISOString(), as_of: s.as_of };
}
