// Reconciles the forecasts of a two-level hierarchy (a parent and the children that add up to it)
// by MinT with the shrinkage covariance (Wickramasuriya, Athanasopoulos & Hyndman 2019), with
// bottom-up as the documented fallback when there is too little history to estimate the error
// covariance. Intervals come from the reconciled covariance S·G·Σ·G'·S', not from shifting the
// base intervals. Written by hand: glue between forecast.ts and reconcile.ts; no JS package does it.
import { fitForecaster, forecast as forecastFrom, type MethodName } from './forecast.ts';
import { matrix, mintProjection, multiply, reconciledCovariance, shrinkageCovariance, type Matrix } from './reconcile.ts';
import { zForLevel } from './stats.ts';
import { normalIntervals, type Forecast, type PredictionInterval } from './types.ts';

export type ReconciliationMethod = 'mint-shrink' | 'bottom-up';

export interface ReconcileOptions {
  method: MethodName;
  /** Seasonal period of every series (as used for the base forecasts). */
  season: number;
  /** One-step errors from this many most recent rolling origins estimate W (default 12). */
  origins?: number;
  /** Fewer usable origins than this: bottom-up instead of MinT (default 8). */
  minOrigins?: number;
}

export interface ReconciledHierarchy {
  reconciliation: ReconciliationMethod;
  /** Why bottom-up was used instead of MinT (null when MinT was used). */
  reason: ReconcileNote | null;
  /** Origins whose one-step errors estimated W (0 for bottom-up), and the shrinkage intensity. */
  origins: number;
  lambda: number | null;
  /** Reconciled forecasts, parent first then the children, in the order given. */
  forecasts: Forecast[];
}

/** Shortest training length at a residual origin: one season plus two, and at least 6. */
const minTrainFor = (season: number) => Math.max(6, season + 2);

/**
 * Rolling-origin one-step forecast errors of `method` on y: the model is refitted on y[0..o) for
 * each of the last `origins` origins o (those with at least `minTrain` points, default one season
 * plus two) and its forecast of y[o] is scored. Out-of-sample, so it suits every method (combinations included) alike.
 */
export function oneStepErrors(y: Float64Array, method: MethodName, season: number, origins: number, minTrain = minTrainFor(season)): Float64Array {
  const first = Math.max(minTrain, y.length - origins);
  const out = new Float64Array(Math.max(0, y.length - first));
  for (let o = first; o < y.length; o++) {
    const f = forecastFrom(fitForecaster(y.subarray(0, o), { method, season, horizon: 1 }), 1, [95]);
    out[o - first] = y[o] - f.mean[0];
  }
  return out;
}

/** Half-width of the widest interval over its z: the base forecast's standard error per step. */
function baseSe(f: Forecast): Float64Array {
  const widest = f.intervals.reduce((a, b) => (b.level > a.level ? b : a));
  const z = zForLevel(widest.level);
  return Float64Array.from(f.mean, (_, t) => Math.max(0, (widest.upper[t] - widest.lower[t]) / (2 * z)));
}

/** Why MinT was not used, as a code with its details (the forecasting module words it). */
export type ReconcileNote =
  | { code: 'noChildren' | 'notAdditive' | 'nonFinite' | 'zeroErrors' | 'singular' }
  | { code: 'tooLittle'; usable: number; needed: number };

function bottomUp(base: Forecast[], reason: ReconcileNote): ReconciledHierarchy {
  const [parent, ...children] = base;
  const h = parent.mean.length;
  const mean = new Float64Array(h);
  for (const c of children) for (let t = 0; t < h; t++) mean[t] += c.mean[t];
  // The parent keeps its own interval widths around the summed mean.
  const intervals: PredictionInterval[] = parent.intervals.map((p) => ({
    level: p.level,
    lower: Float64Array.from(mean, (v, t) => v + (p.lower[t] - parent.mean[t])),
    upper: Float64Array.from(mean, (v, t) => v + (p.upper[t] - parent.mean[t])),
  }));
  return { reconciliation: 'bottom-up', reason, origins: 0, lambda: null, forecasts: [{ ...parent, mean, intervals }, ...children] };
}

/**
 * Reconciles base forecasts of [parent, ...children] whose histories `y` (same order, same length)
 * add up. MinT needs at least `minOrigins` one-step errors per series and a history in which the
 * children add up to the parent; otherwise bottom-up (parent = Σ children, its own widths).
 * Series whose errors never vary (a dormant member forecast exactly) get a tiny variance, so MinT
 * trusts their base forecast. Base errors at each step are taken as Gaussian with the base
 * intervals' standard errors and the correlations of W.
 */
export function reconcileHierarchy(y: Float64Array[], base: Forecast[], options: ReconcileOptions): ReconciledHierarchy {
  const k = base.length - 1;
  if (k < 1) return bottomUp(base, { code: 'noChildren' });
  const n = y[0].length;
  const levels = base[0].intervals.map((p) => p.level);
  for (let t = 0; t < n; t++) {
    let sum = 0;
    for (let i = 1; i <= k; i++) sum += y[i][t];
    if (Math.abs(sum - y[0][t]) > 1e-6 * (1 + Math.abs(y[0][t]))) return bottomUp(base, { code: 'notAdditive' });
  }
  const origins = options.origins ?? 12;
  const minOrigins = options.minOrigins ?? 8;
  const usable = Math.min(origins, Math.max(0, n - minTrainFor(options.season)));
  if (usable < minOrigins) return bottomUp(base, { code: 'tooLittle', usable, needed: minOrigins });
  const errors = y.map((s) => oneStepErrors(s, options.method, options.season, origins));
  const r = errors[0].length;
  if (errors.some((e) => !e.every(Number.isFinite))) return bottomUp(base, { code: 'nonFinite' });

  const p = k + 1;
  // W from the series with varying errors; the others get 1e-6 of the smallest positive variance.
  const variance = errors.map((e) => e.reduce((s, v) => s + v * v, 0) / r);
  const live = variance.map((v, i) => (v > 1e-12 * Math.max(...variance) && v > 0 ? i : -1)).filter((i) => i >= 0);
  if (live.length === 0) return bottomUp(base, { code: 'zeroErrors' });
  const liveRes = matrix(Array.from({ length: r }, (_, t) => live.map((i) => errors[i][t])));
  const { covariance: liveW, lambda } = live.length > 1 ? shrinkageCovariance(liveRes) : { covariance: matrix([[variance[live[0]]]]), lambda: 1 };
  const tiny = 1e-6 * Math.min(...live.map((i) => variance[i]));
  const W = new Float64Array(p * p);
  for (let i = 0; i < p; i++) W[i * p + i] = tiny;
  live.forEach((i, a) => live.forEach((j, b) => (W[i * p + j] = liveW.data[a * live.length + b])));
  const cov: Matrix = { rows: p, cols: p, data: W };

  const S = matrix([new Array<number>(k).fill(1), ...Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 1 : 0)))]);
  let G: Matrix;
  try {
    G = mintProjection(S, cov);
  } catch {
    return bottomUp(base, { code: 'singular' });
  }
  const h = base[0].mean.length;
  const yhat = matrix(base.map((f) => Array.from(f.mean)));
  const mean = multiply(S, multiply(G, yhat)); // all × h
  const se = base.map(baseSe);
  const sd = Array.from({ length: p }, () => new Float64Array(h));
  const corr = (i: number, j: number) => (i === j ? 1 : W[i * p + j] / Math.sqrt(W[i * p + i] * W[j * p + j]));
  for (let t = 0; t < h; t++) {
    const sigma = new Float64Array(p * p);
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) sigma[i * p + j] = corr(i, j) * se[i][t] * se[j][t];
    const rc = reconciledCovariance(S, G, { rows: p, cols: p, data: sigma });
    for (let i = 0; i < p; i++) sd[i][t] = Math.sqrt(Math.max(0, rc.data[i * p + i]));
  }
  const forecasts = base.map((f, i): Forecast => {
    const m = mean.data.slice(i * h, (i + 1) * h);
    return { ...f, mean: m, intervals: normalIntervals(m, sd[i], levels) };
  });
  return { reconciliation: 'mint-shrink', reason: null, origins: r, lambda, forecasts };
}
