// Sales forecasts as a product feature: the series of a level of the business, its forecast with
// 80% and 95% intervals, the backtest that says how far to trust it, and children reconciled
// (MinT, or bottom-up when the history is short) so they add up to the parent. Pure forecasting lives in src/ml/timeseries.
import type { Text } from '../../core/i18n.ts';
import { fallbackText, msg, reconcileText } from './messages.ts';
import type { Db } from '../../db/client.ts';
import { InputError } from '../../core/errors.ts';
import { backtest, type BacktestResult } from '../../ml/timeseries/backtest.ts';
import { forecastSeries, METHODS, type MethodName } from '../../ml/timeseries/forecast.ts';
import { reconcileHierarchy, type ReconciliationMethod } from '../../ml/timeseries/hierarchy.ts';
import type { Forecast } from '../../ml/timeseries/types.ts';
import type { Actor } from '../crm/access.ts';
import { addPeriods, isoDate, seasonOf, type Frequency } from './periods.ts';
import { loadSeries, type Level, type LoadedSeries, type Measure, type MemberSeries } from './series.ts';

export const DEFAULT_ORIGINS = 6;
export const MAX_HORIZON = 60;

export interface ForecastRequest {
  level: Level;
  key?: string | null;
  children?: Level | null;
  frequency: Frequency;
  horizon: number;
  method: MethodName;
  measure: Measure;
  asOf?: number;
  origins?: number;
}

export interface ForecastPoint {
  period: string;
  mean: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
}

export interface BacktestSummary {
  origins: number;
  horizon: number;
  mase: number | null;
  smape: number | null;
  coverage95: number | null;
  baseline: { method: 'naive2'; mase: number | null; smape: number | null };
  /** Rendered in the reader's language. */
  sentence: Text;
}

export interface SeriesForecast {
  level: Level;
  key: string | null;
  name: string;
  history: { period: string; value: number; partial?: true }[];
  forecast: ForecastPoint[];
  method: string;
  /** Why a simpler method was used (rendered in the reader's language). */
  fallback: Text | string | null;
  backtest: BacktestSummary;
}

export interface ForecastResponse extends SeriesForecast {
  frequency: Frequency;
  measure: Measure;
  as_of: string;
  season: number;
  requested_method: MethodName;
  children?: SeriesForecast[];
  /** How the children were made to add up to the parent (present with children). */
  reconciliation?: ReconciliationMethod;
  reconciliation_detail?: ReconciliationInfo;
}

export interface ReconciliationInfo {
  method: ReconciliationMethod;
  /** Why bottom-up was used instead of MinT (rendered in the reader's language); null when MinT was used. */
  reason: Text | string | null;
  /** One-step errors per series behind MinT's covariance, and its shrinkage intensity (0–1). */
  origins: number;
  shrinkage: number | null;
}

export function parseMethod(raw: string | undefined): MethodName {
  const value = raw ?? 'auto';
  if (!(METHODS as readonly string[]).includes(value)) throw new InputError(`method must be one of ${METHODS.join(', ')}`, [{ column: 'method', value, reason: `one of ${METHODS.join(', ')}` }]);
  return value as MethodName;
}

export function parseBoundedInt(raw: string | number | undefined, column: string, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min || v > max) throw new InputError(`${column} must be a whole number from ${min} to ${max}`, [{ column, value: raw, reason: `a whole number from ${min} to ${max}` }]);
  return v;
}

const finite = (v: number | null | undefined): number | null => (v === null || v === undefined || !Number.isFinite(v) ? null : v);
const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

/** Seasonal period used for a series: the calendar's, when two full seasons are there to learn it. */
export function seasonFor(frequency: Frequency, complete: number): number {
  const m = seasonOf(frequency);
  return complete >= 2 * m ? m : 1;
}

/** The plain sentence that carries a backtest, e.g. "…MASE 0.81, naive-2 1.00; 95% intervals covered 93%." */
export function backtestSentence(b: Omit<BacktestSummary, 'sentence'>): Text {
  if (b.origins === 0) return msg('forecast.backtest.none');
  const origins = b.origins === 1 ? msg('forecast.backtest.origins.one') : msg('forecast.backtest.origins.many', { n: String(b.origins) });
  const cover = b.coverage95 === null ? '' : msg('forecast.backtest.cover', { pct: String(Math.round(100 * b.coverage95)) });
  if (b.mase === null || b.baseline.mase === null) {
    const na = msg('forecast.na');
    return msg('forecast.backtest.smape', { origins, smape: b.smape?.toFixed(1) ?? na, naive: b.baseline.smape?.toFixed(1) ?? na, cover });
  }
  return msg('forecast.backtest.mase', { origins, mase: b.mase.toFixed(2), naive: b.baseline.mase.toFixed(2), cover });
}

/** Rolling-origin backtest over the last `origins` origins; shortens the horizon for short series. */
export function runBacktest(y: Float64Array, method: MethodName, season: number, horizon: number, origins: number): BacktestResult | null {
  const minTrain = Math.max(4, 2 * season);
  const h = Math.min(horizon, y.length - minTrain);
  if (h < 1) return null;
  return backtest(y, { method, season, horizon: h, origins, minTrain });
}

function summarise(b: BacktestResult | null): BacktestSummary {
  const core = b
    ? {
        origins: b.origins.length,
        horizon: b.horizon,
        mase: finite(b.overall.mase),
        smape: finite(b.overall.smape),
        coverage95: finite(b.overall.coverage),
        baseline: { method: 'naive2' as const, mase: finite(b.naive2.mase), smape: finite(b.naive2.smape) },
      }
    : { origins: 0, horizon: 0, mase: null, smape: null, coverage95: null, baseline: { method: 'naive2' as const, mase: null, smape: null } };
  if (core.origins === 0) Object.assign(core, { mase: null, smape: null, coverage95: null, baseline: { method: 'naive2', mase: null, smape: null } });
  return { ...core, sentence: backtestSentence(core) };
}

interface MemberForecast extends SeriesForecast {
  season: number;
  /** Complete-period history and the unrounded, unclipped forecast (for reconciliation). */
  y: Float64Array;
  raw: Forecast;
  firstForecast: number;
}

// Sales cannot be negative: bounds and means below zero are clipped (history never is negative).
const clip = (v: number) => round(Math.max(0, v));

function toPoints(f: Forecast, firstForecast: number, frequency: Frequency): ForecastPoint[] {
  return Array.from(f.mean, (mean, t) => ({
    period: isoDate(addPeriods(firstForecast, t, frequency)),
    mean: clip(mean),
    lo80: clip(f.intervals[0].lower[t]),
    hi80: clip(f.intervals[0].upper[t]),
    lo95: clip(f.intervals[1].lower[t]),
    hi95: clip(f.intervals[1].upper[t]),
  }));
}

/** Forecast of one member series on the loaded grid (the partial last period is not fitted). */
function forecastMember(s: MemberSeries, loaded: LoadedSeries, req: ForecastRequest, level: Level, withBacktest: boolean): MemberForecast {
  const complete = loaded.lastIsPartial ? loaded.periods.length - 1 : loaded.periods.length;
  const y = s.values.subarray(0, complete);
  const season = seasonFor(req.frequency, complete);
  const f = forecastSeries(y, { method: req.method, season, horizon: req.horizon, levels: [80, 95] });
  const firstForecast = loaded.lastIsPartial ? loaded.periods[complete] : addPeriods(loaded.periods[complete - 1], 1, req.frequency);
  const forecast = toPoints(f, firstForecast, req.frequency);
  const history = loaded.periods.map((p, i) => (i < complete ? { period: isoDate(p), value: round(s.values[i]) } : { period: isoDate(p), value: round(s.values[i]), partial: true as const }));
  const bt = withBacktest ? runBacktest(y, req.method, season, req.horizon, req.origins ?? DEFAULT_ORIGINS) : null;
  const fallback = f.fallback ? fallbackText(f.fallback) : y.length === 0 || y.every((v) => v === 0) ? msg('forecast.fallback.noSales') : null;
  return { level, key: level === 'total' ? null : s.key, name: s.name, history, forecast, method: f.method, fallback, backtest: summarise(bt), season, y, raw: f, firstForecast };
}

/**
 * Bottom-up adjustment of the rounded points: the parent's mean becomes the sum of its children's
 * (rounded, clipped) means; its interval bounds move with it, keeping their widths.
 */
export function reconcileToChildren(parent: SeriesForecast, children: SeriesForecast[]): void {
  parent.forecast.forEach((point, t) => {
    const sum = round(children.reduce((acc, c) => acc + c.forecast[t].mean, 0));
    const shift = sum - point.mean;
    point.mean = sum;
    for (const k of ['lo80', 'hi80', 'lo95', 'hi95'] as const) point[k] = round(Math.max(0, point[k] + shift));
  });
}

/**
 * Reconciles a drill-down: MinT (shrinkage W from rolling-origin one-step errors) when the history
 * allows, else bottom-up; see reconcileHierarchy. Children's points are clipped at zero and the
 * parent's mean is then their sum exactly (a clipped negative child moves the parent with it).
 */
function reconcileMembers(parent: MemberForecast, children: MemberForecast[], req: ForecastRequest): ReconciliationInfo {
  const rec = reconcileHierarchy([parent.y, ...children.map((c) => c.y)], [parent.raw, ...children.map((c) => c.raw)], { method: req.method, season: parent.season });
  parent.forecast = toPoints(rec.forecasts[0], parent.firstForecast, req.frequency);
  children.forEach((c, i) => (c.forecast = toPoints(rec.forecasts[i + 1], c.firstForecast, req.frequency)));
  reconcileToChildren(parent, children);
  return { method: rec.reconciliation, reason: rec.reason === null ? null : reconcileText(rec.reason), origins: rec.origins, shrinkage: rec.lambda === null ? null : round(rec.lambda, 4) };
}

export async function forecastLevel(db: Db, actor: Actor, req: ForecastRequest): Promise<ForecastResponse> {
  if (req.children && req.children === req.level && req.level !== 'total') {
    throw new InputError('children must be a different level', [{ column: 'children', value: req.children, reason: `already forecasting at level ${req.level}` }]);
  }
  const loaded = await loadSeries(db, actor, { level: req.level, key: req.key, children: req.children, frequency: req.frequency, measure: req.measure, asOf: req.asOf });
  const parent = forecastMember(loaded.parent, loaded, req, req.level, true);
  let children: MemberForecast[] | undefined;
  let info: ReconciliationInfo | undefined;
  if (req.children && loaded.children) {
    children = loaded.children.map((c) => forecastMember(c, loaded, req, req.children!, true));
    info = reconcileMembers(parent, children, req);
  }
  const strip = ({ season: _s, y: _y, raw: _r, firstForecast: _f, ...rest }: MemberForecast): SeriesForecast => rest;
  const out: ForecastResponse = { ...strip(parent), frequency: req.frequency, measure: req.measure, as_of: isoDate(loaded.asOf), season: parent.season, requested_method: req.method };
  if (children && info) {
    out.children = children.map(strip);
    out.reconciliation = info.method;
    out.reconciliation_detail = info;
  }
  await recordBacktest(db, req, out.backtest, out.method);
  return out;
}

export interface OriginDetail {
  origin: string;
  train_periods: number;
  method: string;
  smape: number | null;
  mase: number | null;
  coverage95: number | null;
}

export interface BacktestResponse {
  level: Level;
  key: string | null;
  frequency: Frequency;
  measure: Measure;
  horizon: number;
  method: MethodName;
  as_of: string;
  origins: OriginDetail[];
  overall: { smape: number | null; mase: number | null; coverage95: number | null };
  baseline: { method: 'naive2'; smape: number | null; mase: number | null; coverage95: number | null };
  sentence: Text;
}

export async function backtestLevel(db: Db, actor: Actor, req: ForecastRequest): Promise<BacktestResponse> {
  const loaded = await loadSeries(db, actor, { level: req.level, key: req.key, frequency: req.frequency, measure: req.measure, asOf: req.asOf });
  const complete = loaded.lastIsPartial ? loaded.periods.length - 1 : loaded.periods.length;
  const y = loaded.parent.values.subarray(0, complete);
  const season = seasonFor(req.frequency, complete);
  const b = runBacktest(y, req.method, season, req.horizon, req.origins ?? DEFAULT_ORIGINS);
  const summary = summarise(b);
  await recordBacktest(db, req, summary, req.method);
  return {
    level: req.level,
    key: req.level === 'total' ? null : req.key ?? null,
    frequency: req.frequency,
    measure: req.measure,
    horizon: b?.horizon ?? 0,
    method: req.method,
    as_of: isoDate(loaded.asOf),
    origins: (b?.origins ?? []).map((o) => ({
      origin: isoDate(loaded.periods[o.origin]),
      train_periods: o.origin,
      method: o.method,
      smape: finite(o.smape),
      mase: finite(o.mase),
      coverage95: finite(o.coverage),
    })),
    overall: { smape: summary.smape, mase: summary.mase, coverage95: summary.coverage95 },
    baseline: { method: 'naive2', smape: summary.baseline.smape, mase: summary.baseline.mase, coverage95: b && b.origins.length ? finite(b.naive2.coverage) : null },
    sentence: summary.sentence,
  };
}

/** Backtest figures into model_monitoring (model_kind 'forecast'), at most once an hour per series. */
async function recordBacktest(db: Db, req: ForecastRequest, b: BacktestSummary, method: string): Promise<void> {
  if (b.origins === 0) return;
  const feature = `${req.level}:${req.key ?? 'total'}:${req.frequency}:${req.measure}`;
  const { rows } = await db.query(
    `SELECT 1 FROM model_monitoring WHERE model_kind = 'forecast' AND feature = $1 AND computed_at > now() - interval '1 hour' LIMIT 1`,
    [feature],
  );
  if (rows.length) return;
  const detail = JSON.stringify({ method, requested: req.method, origins: b.origins, horizon: b.horizon, naive2_mase: b.baseline.mase, naive2_smape: b.baseline.smape });
  for (const [metric, value] of [['mase', b.mase], ['smape', b.smape], ['coverage95', b.coverage95]] as const) {
    if (value === null) continue;
    await db.query(`INSERT INTO model_monitoring (model_kind, metric, feature, value, detail) VALUES ('forecast', $1, $2, $3, $4::jsonb)`, [metric, feature, value, detail]);
  }
}
