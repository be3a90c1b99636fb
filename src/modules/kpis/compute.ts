// KPI series from the CRM tables, for one scope or for every team/rep at once (the alert scan and
// the benchmark need all groups; one grouped query per KPI is far cheaper than one per group).
import type { Text } from '../../core/i18n.ts';
import type { Db } from '../../db/client.ts';
import { kpiDefinition, type KpiKey } from './catalog.ts';
import { msg } from './messages.ts';
import { addPeriods, isoDay, periodRange, periodSql, type Frequency } from './periods.ts';

export type GroupBy = 'company' | 'team' | 'rep';

export interface KpiRequest {
  frequency: Frequency;
  /** Inclusive range; every period touching it is returned. */
  from: number;
  to: number;
  groupBy: GroupBy;
  /** Limit to one team or rep (the group id); omitted = every group. */
  filter?: { scope: 'team' | 'rep'; id: string };
}

export interface KpiSeriesSet {
  periods: string[];
  /** Group id ('company', a team id or a user id) → one value per period. */
  groups: Map<string, Array<number | null>>;
  omitted?: Text | string;
  breakdown?: StageBreakdown[];
}

export interface StageBreakdown {
  stage: string;
  reached: number;
  advanced: number;
  rate: number | null;
}

interface Cell {
  grp: string;
  period: string;
  num: number | null;
  den: number;
}

const STAGES = ['prospecting', 'qualification', 'demo', 'proposal', 'negotiation', 'won'];

/** What one KPI counts: the table, its time column, the rows that qualify and the numerator/denominator. */
interface Measure {
  from: string;
  time: string;
  where: string;
  num: string;
  den: string;
  /** value = num (sums: zero-filled), num/den (ratios), or num when den > 0 (means, medians). */
  value: 'sum' | 'ratio' | 'direct';
}

const OPEN_TIME = 'coalesce(x.opened_at, x.created_at)';
const MEASURES: Partial<Record<KpiKey, Measure>> = {
  bookings: { from: 'opportunities x', time: 'x.closed_at', where: `x.stage = 'won'`, num: 'sum(coalesce(x.amount, 0))', den: 'count(*)', value: 'sum' },
  pipeline_created: { from: 'opportunities x', time: OPEN_TIME, where: 'TRUE', num: 'sum(coalesce(x.amount, 0))', den: 'count(*)', value: 'sum' },
  win_rate: { from: 'opportunities x', time: 'x.closed_at', where: `x.stage IN ('won', 'lost')`, num: `count(*) FILTER (WHERE x.stage = 'won')`, den: 'count(*)', value: 'ratio' },
  cycle_time: { from: 'opportunities x', time: 'x.closed_at', where: `x.stage = 'won'`, num: `sum(extract(epoch FROM x.closed_at - ${OPEN_TIME}) / 86400)`, den: 'count(*)', value: 'ratio' },
  avg_deal_size: { from: 'opportunities x', time: 'x.closed_at', where: `x.stage = 'won' AND x.amount IS NOT NULL`, num: 'sum(x.amount)', den: 'count(*)', value: 'ratio' },
  activities: { from: 'activities x', time: 'x.occurred_at', where: `x.status = 'done'`, num: 'count(*)', den: 'count(*)', value: 'sum' },
  lead_response_time: {
    from: `leads x CROSS JOIN LATERAL (SELECT min(a.occurred_at) AS first_at FROM activities a WHERE a.lead_id = x.id AND a.occurred_at >= x.created_at) f`,
    time: 'x.created_at', where: 'f.first_at IS NOT NULL',
    num: 'percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM f.first_at - x.created_at) / 3600)', den: 'count(*)', value: 'direct',
  },
  stage_conversion: { from: 'opportunities x', time: OPEN_TIME, where: 'TRUE', num: `count(*) FILTER (WHERE x.stage = 'won')`, den: 'count(*)', value: 'ratio' },
};

const MODEL_METRICS: Partial<Record<KpiKey, { metric: string; transform: string; missing: Text }>> = {
  forecast_accuracy: { metric: 'wape', transform: '1 - avg(m.value)', missing: msg('kpis.missing.forecast_accuracy') },
  score_drift: { metric: 'psi_score', transform: 'avg(m.value)', missing: msg('kpis.missing.score_drift') },
  calibration: { metric: 'brier', transform: 'avg(m.value)', missing: msg('kpis.missing.calibration') },
  forecast_error: { metric: 'mase', transform: 'avg(m.value)', missing: msg('kpis.missing.forecast_error') },
};

function groupSql(groupBy: GroupBy): string {
  return groupBy === 'company' ? `'company'` : groupBy === 'team' ? 'u.team_id::text' : 'x.owner_id::text';
}

function filterSql(filter: KpiRequest['filter'], index: number): string {
  if (!filter) return 'TRUE';
  return filter.scope === 'team' ? `u.team_id = $${index}` : `x.owner_id = $${index}`;
}

function rangeOf(req: Pick<KpiRequest, 'frequency' | 'from' | 'to'>): { periods: number[]; start: number; end: number } {
  const periods = periodRange(req.from, req.to, req.frequency);
  return { periods, start: periods[0], end: addPeriods(periods[periods.length - 1], req.frequency, 1) };
}

export async function computeKpi(db: Db, key: KpiKey, req: KpiRequest): Promise<KpiSeriesSet> {
  const { periods, start, end } = rangeOf(req);
  const keys = periods.map(isoDay);
  if (key === 'coverage') return coverage(db, req, periods);
  const model = MODEL_METRICS[key];
  if (model) return modelHealth(db, model, req.frequency, keys, start, end);
  const m = MEASURES[key];
  if (!m) throw new Error(`no measure for KPI ${key}`);
  const grouped = req.groupBy !== 'company' || req.filter;
  const { rows } = await db.query<Cell>(
    `SELECT ${groupSql(req.groupBy)} AS grp, ${periodSql(m.time, req.frequency)} AS period, (${m.num})::float8 AS num, (${m.den})::int AS den
     FROM ${m.from}${grouped ? ' LEFT JOIN users u ON u.id = x.owner_id' : ''}
     WHERE ${m.where} AND ${m.time} >= $1 AND ${m.time} < $2 AND ${filterSql(req.filter, 3)}
     GROUP BY 1, 2`,
    [new Date(start).toISOString(), new Date(end).toISOString(), ...(req.filter ? [req.filter.id] : [])],
  );
  const set = toSeries(rows, keys, m.value, req);
  if (key === 'stage_conversion') set.breakdown = await stageBreakdown(db, req, start, end);
  return set;
}

export interface KpiLevels {
  company: KpiSeriesSet;
  team: KpiSeriesSet;
  rep: KpiSeriesSet;
}

/**
 * Company, team and rep series of one KPI at once. Sums and ratios are additive in their
 * numerator and denominator, so one rep-level query rolls up to teams and the company; medians,
 * coverage and model health are computed per level.
 */
export async function computeKpiLevels(db: Db, key: KpiKey, req: Omit<KpiRequest, 'groupBy' | 'filter'>): Promise<KpiLevels> {
  const m = MEASURES[key];
  if (!m || (m.value === 'direct' && key !== 'lead_response_time')) {
    const [company, team, rep] = await Promise.all((['company', 'team', 'rep'] as const).map((groupBy) => computeKpi(db, key, { ...req, groupBy })));
    return { company, team, rep };
  }
  const { periods, start, end } = rangeOf(req);
  const keys = periods.map(isoDay);
  const range = [new Date(start).toISOString(), new Date(end).toISOString()];
  const teams = new Map((await db.query<{ id: string; team_id: string | null }>('SELECT id::text, team_id::text FROM users')).rows.map((u) => [u.id, u.team_id]));
  const levels: Array<[GroupBy, (owner: string | null) => string | null]> = [
    ['company', () => 'company'],
    ['team', (owner) => (owner === null ? null : teams.get(owner) ?? null)],
    ['rep', (owner) => owner],
  ];
  const out = {} as KpiLevels;
  if (key === 'lead_response_time') {
    // Medians do not add up: fetch each lead's response once and take the medians per level here.
    const { rows } = await db.query<{ owner: string | null; period: string; hours: number }>(
      `SELECT x.owner_id::text AS owner, ${periodSql(m.time, req.frequency)} AS period, (extract(epoch FROM f.first_at - x.created_at) / 3600)::float8 AS hours
       FROM ${m.from} WHERE ${m.where} AND ${m.time} >= $1 AND ${m.time} < $2`,
      range,
    );
    for (const [level, grp] of levels) {
      const samples = new Map<string, { grp: string; period: string; values: number[] }>();
      for (const r of rows) {
        const g = grp(r.owner);
        if (g === null) continue;
        const k = `${g}|${r.period}`;
        const cell = samples.get(k) ?? { grp: g, period: r.period, values: [] };
        cell.values.push(r.hours);
        samples.set(k, cell);
      }
      const cells = [...samples.values()].map((c) => ({ grp: c.grp, period: c.period, num: medianOf(c.values), den: c.values.length }));
      out[level] = toSeries(cells, keys, 'direct', { ...req, groupBy: level });
    }
    return out;
  }
  const { rows } = await db.query<Cell>(
    `SELECT x.owner_id::text AS grp, ${periodSql(m.time, req.frequency)} AS period, (${m.num})::float8 AS num, (${m.den})::int AS den
     FROM ${m.from} WHERE ${m.where} AND ${m.time} >= $1 AND ${m.time} < $2 GROUP BY 1, 2`,
    range,
  );
  for (const [level, grp] of levels) {
    const cells = new Map<string, Cell>();
    for (const r of rows) {
      const g = grp(r.grp);
      if (g === null) continue;
      const k = `${g}|${r.period}`;
      const c = cells.get(k);
      if (c) {
        c.num = (c.num ?? 0) + (r.num ?? 0);
        c.den += r.den;
      } else cells.set(k, { grp: g, period: r.period, num: r.num, den: r.den });
    }
    out[level] = toSeries([...cells.values()], keys, m.value, { ...req, groupBy: level });
  }
  if (key === 'stage_conversion') out.company.breakdown = await stageBreakdown(db, { ...req, groupBy: 'company' }, start, end);
  return out;
}

/** The median as percentile_cont(0.5) computes it: the mean of the two middle values for an even count. */
function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function emptyGroups(req: KpiRequest, length: number, fill: number | null): Map<string, Array<number | null>> {
  const groups = new Map<string, Array<number | null>>();
  // The asked-for group always has a series, even without a single row.
  const asked = req.groupBy === 'company' ? 'company' : req.filter && req.filter.scope === req.groupBy ? req.filter.id : null;
  if (asked) groups.set(asked, new Array(length).fill(fill));
  return groups;
}

function toSeries(rows: Cell[], keys: string[], value: Measure['value'], req: KpiRequest): KpiSeriesSet {
  const fill = value === 'sum' ? 0 : null;
  const groups = emptyGroups(req, keys.length, fill);
  const index = new Map(keys.map((k, i) => [k, i]));
  for (const r of rows) {
    if (r.grp === null) continue; // rows without an owner or team count for the company only
    const i = index.get(r.period);
    if (i === undefined) continue;
    let series = groups.get(r.grp);
    if (!series) groups.set(r.grp, (series = new Array(keys.length).fill(fill)));
    const v = value === 'sum' ? r.num ?? 0 : value === 'ratio' ? (r.den > 0 ? (r.num ?? 0) / r.den : null) : r.den > 0 ? r.num : null;
    series[i] = v === null || !Number.isFinite(v) ? fill : v;
  }
  return { periods: keys, groups };
}

async function modelHealth(db: Db, model: { metric: string; transform: string; missing: Text }, frequency: Frequency, keys: string[], start: number, end: number): Promise<KpiSeriesSet> {
  const any = await db.query('SELECT 1 FROM model_monitoring WHERE metric = $1 LIMIT 1', [model.metric]);
  if (!any.rows.length) return { periods: keys, groups: new Map(), omitted: model.missing };
  const { rows } = await db.query<{ period: string; v: number }>(
    `SELECT ${periodSql('m.computed_at', frequency)} AS period, (${model.transform})::float8 AS v FROM model_monitoring m
     WHERE m.metric = $1 AND m.feature IS NULL AND m.computed_at >= $2 AND m.computed_at < $3 GROUP BY 1`,
    [model.metric, new Date(start).toISOString(), new Date(end).toISOString()],
  );
  const series: Array<number | null> = new Array(keys.length).fill(null);
  const index = new Map(keys.map((k, i) => [k, i]));
  for (const r of rows) {
    const i = index.get(r.period);
    if (i !== undefined && Number.isFinite(r.v)) series[i] = r.v;
  }
  return { periods: keys, groups: new Map([['company', series]]) };
}

/**
 * Open pipeline at each period's end ÷ the mean bookings of the last 3 periods (a naive forecast
 * of next-period bookings). Computed in one pass over the opportunities: an interval-overlap join
 * per period end costs periods × deals in SQL.
 */
async function coverage(db: Db, req: KpiRequest, periods: number[]): Promise<KpiSeriesSet> {
  const keys = periods.map(isoDay);
  const lookbackStart = addPeriods(periods[0], req.frequency, -2);
  const end = addPeriods(periods[periods.length - 1], req.frequency, 1);
  const grouped = req.groupBy !== 'company' || req.filter;
  const { rows } = await db.query<{ grp: string | null; opened: Date; closed: Date | null; amount: number; stage: string }>(
    `SELECT ${groupSql(req.groupBy)} AS grp, ${OPEN_TIME} AS opened, x.closed_at AS closed, coalesce(x.amount, 0)::float8 AS amount, x.stage
     FROM opportunities x${grouped ? ' LEFT JOIN users u ON u.id = x.owner_id' : ''}
     WHERE ${OPEN_TIME} < $2 AND (x.closed_at IS NULL OR x.closed_at >= $1) AND ${filterSql(req.filter, 3)}`,
    [new Date(lookbackStart).toISOString(), new Date(end).toISOString(), ...(req.filter ? [req.filter.id] : [])],
  );
  const bounds: number[] = []; // starts of the 2 lookback periods, the periods, and the final end
  for (let p = lookbackStart; p <= end; p = addPeriods(p, req.frequency, 1)) bounds.push(p);
  const slots = bounds.length - 1;
  const perGroup = new Map<string, { open: Float64Array; booked: Float64Array }>();
  const slotOf = (t: number) => {
    let lo = 0, hi = slots - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (bounds[mid] <= t) lo = mid; else hi = mid - 1;
    }
    return lo;
  };
  for (const r of rows) {
    if (r.grp === null) continue;
    let g = perGroup.get(r.grp);
    if (!g) perGroup.set(r.grp, (g = { open: new Float64Array(slots), booked: new Float64Array(slots) }));
    const opened = new Date(r.opened).getTime();
    const closed = r.closed ? new Date(r.closed).getTime() : Number.POSITIVE_INFINITY;
    if (r.stage === 'won' && r.closed && closed >= bounds[0] && closed < end) g.booked[slotOf(closed)] += r.amount;
    // Open at a slot's end when opened before it and not closed by then.
    for (let s = 0; s < slots; s++) if (opened < bounds[s + 1] && closed >= bounds[s + 1]) g.open[s] += r.amount;
  }
  const groups = emptyGroups(req, keys.length, null);
  for (const [grp, g] of perGroup) {
    const series: Array<number | null> = [];
    for (let i = 0; i < keys.length; i++) {
      const s = i + 2;
      const expected = (g.booked[s] + g.booked[s - 1] + g.booked[s - 2]) / 3;
      series.push(expected > 0 ? g.open[s] / expected : null);
    }
    groups.set(grp, series);
  }
  return { periods: keys, groups };
}

/** Per stage: deals that reached it and the share that went on to a later stage (opened in range). */
async function stageBreakdown(db: Db, req: KpiRequest, start: number, end: number): Promise<StageBreakdown[]> {
  const grouped = req.filter !== undefined;
  const { rows } = await db.query<{ id: string; stage: string; history: string[] | null }>(
    `SELECT x.id, x.stage, (SELECT array_agg(h.to_stage) FROM opportunity_stage_history h WHERE h.opportunity_id = x.id) AS history
     FROM opportunities x${grouped ? ' LEFT JOIN users u ON u.id = x.owner_id' : ''}
     WHERE ${OPEN_TIME} >= $1 AND ${OPEN_TIME} < $2 AND ${filterSql(req.filter, 3)}`,
    [new Date(start).toISOString(), new Date(end).toISOString(), ...(req.filter ? [req.filter.id] : [])],
  );
  const reached = new Array(STAGES.length).fill(0);
  const advanced = new Array(STAGES.length).fill(0);
  for (const r of rows) {
    // Furthest stage reached: the current one, or the furthest in its history (a lost deal
    // reached at least the first stage).
    let furthest = Math.max(0, STAGES.indexOf(r.stage));
    for (const s of r.history ?? []) furthest = Math.max(furthest, STAGES.indexOf(s));
    for (let i = 0; i <= furthest; i++) reached[i]++;
    for (let i = 0; i < furthest; i++) advanced[i]++;
  }
  return STAGES.slice(0, -1).map((stage, i) => ({ stage, reached: reached[i], advanced: advanced[i], rate: reached[i] ? advanced[i] / reached[i] : null }));
}

export { kpiDefinition };
