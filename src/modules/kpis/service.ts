// KPI series and the home-dashboard summary for one scope, with trend and change vs the previous period.
import type { Text } from '../../core/i18n.ts';
import type { Db } from '../../db/client.ts';
import { InputError } from '../../core/errors.ts';
import type { Actor } from '../crm/access.ts';
import { KPI_CATALOG, kpiDefinition, type KpiDefinition, type KpiKey } from './catalog.ts';
import { computeKpi, type KpiSeriesSet, type StageBreakdown } from './compute.ts';
import { addPeriods, FREQUENCIES, isoDay, periodRange, periodStart, type Frequency } from './periods.ts';
import { resolveScope, type ResolvedScope } from './scope.ts';

const MAX_PERIODS = 1000;
const DEFAULT_PERIODS = 12;
const HEADLINE: KpiKey[] = ['bookings', 'pipeline_created', 'coverage', 'win_rate', 'avg_deal_size', 'cycle_time', 'activities', 'lead_response_time'];

export interface KpiQuery {
  kpi: string;
  scope?: string;
  id?: string;
  frequency?: string;
  from?: string;
  to?: string;
}

export interface KpiSeriesResponse {
  kpi: KpiKey;
  label: KpiDefinition['label'];
  unit: KpiDefinition['unit'];
  direction: KpiDefinition['direction'];
  scope: ResolvedScope['scope'];
  id: string | null;
  name: Text | string;
  frequency: Frequency;
  from: string;
  to: string;
  series: Array<{ period: string; value: number | null }>;
  current: number | null;
  previous: number | null;
  change_pct: number | null;
  trend: Trend;
  omitted?: Text | string;
  breakdown?: StageBreakdown[];
}

export type Trend = 'up' | 'down' | 'flat';

export function parseFrequency(value: string | undefined, fallback: Frequency = 'month'): Frequency {
  if (value === undefined) return fallback;
  if (!FREQUENCIES.includes(value as Frequency)) throw new InputError('invalid frequency', [{ column: 'frequency', value, reason: 'must be day, week or month' }]);
  return value as Frequency;
}

export function parseDay(column: string, value: string): number {
  const t = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
  if (!Number.isFinite(t)) throw new InputError(`invalid ${column}`, [{ column, value, reason: 'must be a date YYYY-MM-DD' }]);
  return t;
}

function parseKpi(value: string): KpiDefinition {
  const def = kpiDefinition(value);
  if (!def) throw new InputError('unknown KPI', [{ column: 'kpi', value, reason: `must be one of ${KPI_CATALOG.map((k) => k.key).join(', ')}` }]);
  return def;
}

/** The series of one KPI for one resolved scope. */
export async function kpiSeries(db: Db, actor: Actor, q: KpiQuery): Promise<KpiSeriesResponse> {
  const def = parseKpi(q.kpi);
  const frequency = parseFrequency(q.frequency);
  const to = q.to ? parseDay('to', q.to) : Date.now();
  const from = q.from ? parseDay('from', q.from) : addPeriods(periodStart(to, frequency), frequency, -(DEFAULT_PERIODS - 1));
  if (from > to) throw new InputError('from is after to', [{ column: 'from', value: q.from, reason: 'must not be after to' }]);
  if (periodRange(from, to, frequency).length > MAX_PERIODS) {
    throw new InputError('range too long', [{ column: 'from', value: q.from, reason: `at most ${MAX_PERIODS} ${frequency} periods` }]);
  }
  const scope = await resolveScope(db, actor, q.scope, q.id);
  const set = await computeScoped(db, def.key, scope, frequency, from, to);
  return shape(def, scope, frequency, from, to, set);
}

export async function computeScoped(db: Db, key: KpiKey, scope: ResolvedScope, frequency: Frequency, from: number, to: number): Promise<KpiSeriesSet> {
  return computeKpi(db, key, {
    frequency, from, to, groupBy: scope.scope,
    filter: scope.scope === 'company' || !scope.id ? undefined : { scope: scope.scope, id: scope.id },
  });
}

function shape(def: KpiDefinition, scope: ResolvedScope, frequency: Frequency, from: number, to: number, set: KpiSeriesSet): KpiSeriesResponse {
  const values = set.omitted ? [] : set.groups.get(scope.id ?? 'company') ?? set.periods.map(() => null);
  const series = set.omitted ? [] : set.periods.map((period, i) => ({ period, value: round(values[i]) }));
  const current = series.length ? series[series.length - 1].value : null;
  const previous = series.length > 1 ? series[series.length - 2].value : null;
  return {
    kpi: def.key, label: def.label, unit: def.unit, direction: def.direction,
    scope: scope.scope, id: scope.id, name: scope.name, frequency, from: isoDay(from), to: isoDay(to),
    series, current, previous, change_pct: changePct(current, previous), trend: trendOf(series.map((p) => p.value)),
    ...(set.omitted ? { omitted: set.omitted } : {}),
    ...(set.breakdown ? { breakdown: set.breakdown } : {}),
  };
}

export function changePct(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return round(((current - previous) / Math.abs(previous)) * 100, 1);
}

/** Sign of the least-squares slope when the fitted line moves more than 5 % of the mean level over the range. */
export function trendOf(values: Array<number | null>): Trend {
  const points = values.flatMap((v, i) => (v === null ? [] : [[i, v] as const]));
  if (points.length < 2) return 'flat';
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let sxy = 0, sxx = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
  }
  if (sxx === 0) return 'flat';
  const change = (sxy / sxx) * (points[n - 1][0] - points[0][0]);
  const level = Math.abs(my);
  if (level === 0 ? change === 0 : Math.abs(change) <= 0.05 * level) return 'flat';
  return change > 0 ? 'up' : 'down';
}

function round(v: number | null, digits = 6): number | null {
  if (v === null || !Number.isFinite(v)) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** Headline KPIs for the home dashboard: the last complete period vs the one before, with a sparkline. */
export async function kpiSummary(db: Db, actor: Actor, q: { scope?: string; id?: string; frequency?: string; asOf?: string }) {
  const frequency = parseFrequency(q.frequency);
  const scope = await resolveScope(db, actor, q.scope, q.id);
  const asOf = q.asOf ? parseDay('as_of', q.asOf) : Date.now();
  const last = addPeriods(periodStart(asOf, frequency), frequency, -1);
  const first = addPeriods(last, frequency, -(DEFAULT_PERIODS - 1));
  const kpis = await Promise.all(HEADLINE.map(async (key) => {
    const def = kpiDefinition(key)!;
    const r = shape(def, scope, frequency, first, last, await computeScoped(db, key, scope, frequency, first, last));
    const good = r.change_pct === null || r.change_pct === 0 ? null : (r.change_pct > 0) === (def.direction === 'up');
    return { key, label: def.label, unit: def.unit, direction: def.direction, value: r.current, previous: r.previous, change_pct: r.change_pct, trend: r.trend, good, spark: r.series.map((p) => p.value) };
  }));
  return { scope: scope.scope, id: scope.id, name: scope.name, frequency, period: isoDay(last), kpis };
}
