// Sales series from the stored orders: revenue or units per calendar period at any level of the
// business (total, product, family, region, team, rep, customer segment), zeros where nothing sold,
// limited to the orders the actor may see, with the current incomplete period flagged.
import type { Db } from '../../db/client.ts';
import { InputError } from '../../core/errors.ts';
import { scopePredicate, type Actor } from '../crm/access.ts';
import { ENTITIES } from '../crm/entities.ts';
import { addPeriods, periodRange, periodStart, type Frequency } from './periods.ts';

export const LEVELS = ['total', 'product', 'family', 'region', 'team', 'rep', 'segment'] as const;
export type Level = (typeof LEVELS)[number];
export const MEASURES = ['revenue', 'units'] as const;
export type Measure = (typeof MEASURES)[number];

/** SQL for each level's member key and display name over o (orders), ol (lines), p, a, u, tm. */
const DIMENSIONS: Record<Level, { key: string; name: string }> = {
  total: { key: `'total'`, name: `'Total'` },
  product: { key: `COALESCE(ol.product_id::text, '(none)')`, name: `COALESCE(p.name, '(none)')` },
  family: { key: `COALESCE(NULLIF(p.family, ''), '(none)')`, name: `COALESCE(NULLIF(p.family, ''), '(none)')` },
  region: { key: `COALESCE(NULLIF(a.region, ''), NULLIF(o.region, ''), '(none)')`, name: `COALESCE(NULLIF(a.region, ''), NULLIF(o.region, ''), '(none)')` },
  team: { key: `COALESCE(u.team_id::text, '(none)')`, name: `COALESCE(tm.name, '(none)')` },
  rep: { key: `COALESCE(o.owner_id::text, '(none)')`, name: `COALESCE(u.name, '(none)')` },
  segment: { key: `COALESCE(NULLIF(a.industry, ''), '(none)')`, name: `COALESCE(NULLIF(a.industry, ''), '(none)')` },
};

const FROM = `orders o
  LEFT JOIN order_lines ol ON ol.order_id = o.id
  LEFT JOIN products p ON p.id = ol.product_id
  LEFT JOIN accounts a ON a.id = o.account_id
  LEFT JOIN users u ON u.id = o.owner_id
  LEFT JOIN teams tm ON tm.id = u.team_id`;

/** Orders that count as sales: cancelled and returned ones do not. */
const SOLD = `o.status IN ('completed', 'pending')`;

/** Orders are readable by everyone in the CRM, but a forecast covers the actor's own book. */
const ORDERS_BY_OWNER = { ...ENTITIES.orders, ownerScoped: true };

export interface SeriesQuery {
  level: Level;
  key?: string | null;
  /** Break the series down by this level (within level = key). */
  children?: Level | null;
  frequency: Frequency;
  measure: Measure;
  /** End of the history (ms); default: the latest order, never later than now. */
  asOf?: number;
  /** Only orders whose opportunity_id is null (the business the pipeline does not show). */
  withoutOpportunity?: boolean;
}

export interface MemberSeries {
  key: string;
  name: string;
  /** One value per period of the grid (the last may be partial). */
  values: Float64Array;
}

export interface LoadedSeries {
  /** Period starts (ms, UTC), oldest first; the last is the period containing asOf. */
  periods: number[];
  asOf: number;
  /** True when the last period ends after asOf (it is then left out of fitting). */
  lastIsPartial: boolean;
  /** The series at level = key. */
  parent: MemberSeries;
  /** Present when `children` was asked for: one series per member, on the same grid. */
  children?: MemberSeries[];
}

function valueSql(measure: Measure): string {
  return measure === 'units'
    ? `COALESCE(ol.quantity, 0)`
    : `CASE WHEN ol.id IS NULL THEN COALESCE(o.total, 0) ELSE COALESCE(ol.amount, ol.quantity * ol.unit_price, 0) END`;
}

/** Latest sale in the whole database (ms), capped at now; now when there are no sales. */
export async function defaultAsOf(db: Db): Promise<number> {
  const { rows } = await db.query<{ latest: Date | null }>(`SELECT max(o.ordered_at) AS latest FROM orders o WHERE ${SOLD}`);
  const now = Date.now();
  return rows[0]?.latest ? Math.min(new Date(rows[0].latest).getTime(), now) : now;
}

export async function loadSeries(db: Db, actor: Actor, q: SeriesQuery): Promise<LoadedSeries> {
  if (q.level !== 'total' && !q.key) {
    throw new InputError(`key is required for level ${q.level}`, [{ column: 'key', value: q.key ?? '', reason: `name the ${q.level} to forecast (see GET /api/v1/forecasts/levels)` }]);
  }
  const asOf = q.asOf ?? (await defaultAsOf(db));
  const params: unknown[] = [new Date(asOf).toISOString()];
  const where = [SOLD, `o.ordered_at <= $1`];
  if (q.withoutOpportunity) where.push('o.opportunity_id IS NULL');
  const scope = scopePredicate(ORDERS_BY_OWNER, actor, 'o', params.length + 1);
  where.push(scope.sql);
  params.push(...scope.params);
  if (q.level !== 'total') {
    params.push(q.key);
    where.push(`${DIMENSIONS[q.level].key} = $${params.length}`);
  }
  const child = q.children ? DIMENSIONS[q.children] : DIMENSIONS.total;
  // Summed per UTC day in SQL (portable, small), bucketed into calendar periods here.
  const { rows } = await db.query<{ day: string; member: string; name: string; value: number }>(
    `SELECT to_char(o.ordered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, ${child.key} AS member, min(${child.name}) AS name, sum(${valueSql(q.measure)})::float8 AS value
     FROM ${FROM} WHERE ${where.join(' AND ')} GROUP BY 1, 2`,
    params,
  );
  const first = rows.reduce((m, r) => Math.min(m, Date.parse(`${r.day}T00:00:00Z`)), asOf);
  const periods = periodRange(first, asOf, q.frequency);
  const index = new Map(periods.map((p, i) => [p, i]));
  const members = new Map<string, MemberSeries>();
  const parent: MemberSeries = { key: q.key ?? 'total', name: q.key ?? 'Total', values: new Float64Array(periods.length) };
  for (const r of rows) {
    const i = index.get(periodStart(Date.parse(`${r.day}T00:00:00Z`), q.frequency))!;
    parent.values[i] += r.value;
    let m = members.get(r.member);
    if (!m) members.set(r.member, (m = { key: r.member, name: r.name, values: new Float64Array(periods.length) }));
    m.values[i] += r.value;
  }
  if (q.level !== 'total') parent.name = await memberName(db, q.level, q.key!);
  const lastIsPartial = addPeriods(periods[periods.length - 1], 1, q.frequency) - 1 > asOf;
  const out: LoadedSeries = { periods, asOf, lastIsPartial, parent };
  if (q.children) out.children = [...members.values()].sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
  return out;
}

/** Display name of a level member (a product's or rep's name, a team's name; else the key). */
async function memberName(db: Db, level: Level, key: string): Promise<string> {
  const table = { product: 'products', team: 'teams', rep: 'users' }[level as string];
  if (!table || !/^[0-9a-f-]{36}$/i.test(key)) return key;
  const { rows } = await db.query<{ name: string }>(`SELECT name FROM ${table} WHERE id = $1`, [key]);
  return rows[0]?.name ?? key;
}

/** Members of every level in the actor's scope, for drill-down. */
export async function listLevels(db: Db, actor: Actor): Promise<{ level: Level; keys: { key: string; name: string }[] }[]> {
  const scope = scopePredicate(ORDERS_BY_OWNER, actor, 'o', 1);
  const out: { level: Level; keys: { key: string; name: string }[] }[] = [{ level: 'total', keys: [] }];
  for (const level of LEVELS.slice(1)) {
    const d = DIMENSIONS[level];
    const { rows } = await db.query<{ key: string; name: string }>(
      `SELECT ${d.key} AS key, min(${d.name}) AS name FROM ${FROM} WHERE ${SOLD} AND ${scope.sql} GROUP BY 1 ORDER BY 2, 1`,
      scope.params,
    );
    out.push({ level, keys: rows });
  }
  return out;
}

export function parseLevel(raw: string | undefined, column = 'level'): Level {
  const value = raw ?? 'total';
  if (!(LEVELS as readonly string[]).includes(value)) throw new InputError(`${column} must be one of ${LEVELS.join(', ')}`, [{ column, value, reason: `one of ${LEVELS.join(', ')}` }]);
  return value as Level;
}

export function parseMeasure(raw: string | undefined): Measure {
  const value = raw ?? 'revenue';
  if (!(MEASURES as readonly string[]).includes(value)) throw new InputError(`measure must be one of ${MEASURES.join(', ')}`, [{ column: 'measure', value, reason: 'revenue or units' }]);
  return value as Measure;
}
