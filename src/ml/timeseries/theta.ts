// The standard Theta method (Assimakopoulos & Nikolopoulos 2000) in Hyndman & Billah's form:
// simple exponential smoothing plus half the linear-trend slope, on data seasonally adjusted by
// classical multiplicative decomposition when the M3 90% test finds seasonality — as
// forecast::thetaf. Written by hand: it is simple exponential smoothing (fitted below) plus a few lines.
import { detectSeasonalIndices, reseasonalize, seasonallyAdjust, type SeasonalIndices } from './decompose.ts';
import { goldenSection } from '../optim.ts';
import { linearTrend, mean } from './stats.ts';
import { normalIntervals, type Forecast } from './types.ts';

export interface ThetaModel {
  kind: 'theta';
  n: number;
  alpha: number;
  /** SES level after the last (adjusted) observation. */
  level: number;
  /** Half the OLS slope of the adjusted series (the theta = 2 line's drift). */
  drift: number;
  sigma2: number;
  seasonal: SeasonalIndices | null;
}

export function fitTheta(y: ArrayLike<number>, season = 1): ThetaModel {
  const n = y.length;
  const seasonal = detectSeasonalIndices(y, season);
  const x = seasonal ? seasonallyAdjust(y, seasonal) : Float64Array.from(y);
  const drift = linearTrend(x, n, 0).slope / 2;
  const ses = n > 3 ? fitSes(x) : null;
  if (!ses) {
    // Too short for SES (n ≤ 3): level = mean, no smoothing variance beyond the sample's.
    let ss = 0;
    const mu = mean(x);
    for (const v of x) ss += (v - mu) ** 2;
    return { kind: 'theta', n, alpha: 1, level: x[n - 1] ?? 0, drift, sigma2: n > 1 ? ss / (n - 1) : 0, seasonal };
  }
  return { kind: 'theta', n, alpha: Math.max(1e-10, ses.alpha), level: ses.level, drift, sigma2: ses.sigma2, seasonal };
}

/** Forecasts with thetaf's intervals: σ·sqrt(1 + (h−1)α²) around the (reseasonalised) mean. */
export function forecastTheta(model: ThetaModel, h: number, levels: readonly number[]): Forecast {
  const { alpha, n } = model;
  const mean = new Float64Array(h);
  const se = new Float64Array(h);
  const catchUp = (1 - (1 - alpha) ** n) / alpha;
  for (let i = 0; i < h; i++) {
    mean[i] = model.level + model.drift * (i + catchUp);
    se[i] = Math.sqrt(model.sigma2 * (1 + i * alpha * alpha));
  }
  const point = model.seasonal ? reseasonalize(mean, model.seasonal, n) : mean;
  return { method: 'Theta', mean: point, intervals: normalIntervals(point, se, levels) };
}

export interface SesFit {
  alpha: number;
  /** Level after the last observation. */
  level: number;
  /** Residual variance: SSE / (n − 2). */
  sigma2: number;
}

/**
 * Simple exponential smoothing by least squares, as ses() (ETS(A,N,N) with the MSE criterion) but
 * exact in the initial level: for a given α the one-step errors are e_t = r_t − (1 − α)^(t−1)·l0,
 * with r the errors of a run from l0 = 0, so the best l0 and the SSE have a closed form and only α
 * is searched (a grid, then golden section around its best point, within forecast's bounds
 * [1e-4, 0.9999]). About 50 passes over the series instead of a few hundred Nelder–Mead steps.
 */
export function fitSes(y: ArrayLike<number>): SesFit {
  const n = y.length;
  const profile = (alpha: number): { sse: number; l0: number } => {
    let l = 0;
    let z = 1;
    let srr = 0;
    let srz = 0;
    let szz = 0;
    for (let t = 0; t < n; t++) {
      const r = y[t] - l;
      srr += r * r;
      srz += r * z;
      szz += z * z;
      l += alpha * r;
      z *= 1 - alpha;
    }
    const l0 = srz / szz;
    return { sse: Math.max(0, srr - srz * l0), l0 };
  };
  const lower = 1e-4;
  const upper = 0.9999;
  const grid = Array.from({ length: 21 }, (_, i) => lower + ((upper - lower) * i) / 20);
  const sses = grid.map((a) => profile(a).sse);
  let k = 0;
  for (let i = 1; i < grid.length; i++) if (sses[i] < sses[k]) k = i;
  const refined = goldenSection((a) => profile(a).sse, grid[Math.max(0, k - 1)], grid[Math.min(grid.length - 1, k + 1)], { tol: 1e-7 });
  // The grid point itself may beat the bracket's interior (the optimum on a bound).
  const alpha = sses[k] < refined.value ? grid[k] : refined.x;
  const { sse, l0 } = profile(alpha);
  let level = l0;
  for (let t = 0; t < n; t++) level += alpha * (y[t] - level);
  return { alpha, level, sigma2: sse / Math.max(1, n - 2) };
}
