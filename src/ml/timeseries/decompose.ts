// Classical decomposition (R's decompose) and the M3 seasonality test (as in forecast::thetaf and
// the Naive2 benchmark). Written by hand: both are short loops, and the exact R conventions
// (centred 2×m moving average, mean ratios per phase, 90% ACF test) matter for reproducing R.
import { acf, isConstant, normalQuantile } from './stats.ts';

export type DecompositionType = 'additive' | 'multiplicative';

export interface SeasonalIndices {
  type: DecompositionType;
  period: number;
  /** figure[k] is the seasonal index of observations at index t with t % period === k (t from 0). */
  figure: Float64Array;
}

/** Centred moving average of order m (2×m for even m); NaN where the window does not fit. */
export function centredMovingAverage(y: ArrayLike<number>, m: number): Float64Array {
  const n = y.length;
  const out = new Float64Array(n).fill(NaN);
  const half = Math.floor(m / 2);
  for (let t = half; t + half < n; t++) {
    let s = 0;
    if (m % 2 === 1) {
      for (let k = -half; k <= half; k++) s += y[t + k];
    } else {
      s = 0.5 * (y[t - half] + y[t + half]);
      for (let k = -half + 1; k < half; k++) s += y[t + k];
    }
    out[t] = s / m;
  }
  return out;
}

/** Seasonal indices by classical decomposition; needs at least two full periods. */
export function classicalDecompose(y: ArrayLike<number>, m: number, type: DecompositionType): SeasonalIndices {
  const n = y.length;
  const trend = centredMovingAverage(y, m);
  const sums = new Float64Array(m);
  const counts = new Float64Array(m);
  for (let t = 0; t < n; t++) {
    if (Number.isNaN(trend[t])) continue;
    const ratio = type === 'additive' ? y[t] - trend[t] : y[t] / trend[t];
    if (!Number.isFinite(ratio)) continue;
    sums[t % m] += ratio;
    counts[t % m]++;
  }
  const figure = new Float64Array(m);
  let avg = 0;
  for (let k = 0; k < m; k++) {
    figure[k] = counts[k] > 0 ? sums[k] / counts[k] : type === 'additive' ? 0 : 1;
    avg += figure[k] / m;
  }
  for (let k = 0; k < m; k++) {
    if (type === 'additive') figure[k] -= avg;
    else figure[k] = avg !== 0 ? figure[k] / avg : 1;
  }
  return { type, period: m, figure };
}

/** Removes the seasonal component: y/index (multiplicative) or y − index (additive). */
export function seasonallyAdjust(y: ArrayLike<number>, s: SeasonalIndices): Float64Array {
  const out = new Float64Array(y.length);
  for (let t = 0; t < y.length; t++) {
    const f = s.figure[t % s.period];
    out[t] = s.type === 'additive' ? y[t] - f : y[t] / f;
  }
  return out;
}

/** Puts the seasonal component back onto values that continue the series at index `start`. */
export function reseasonalize(values: Float64Array, s: SeasonalIndices, start: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const f = s.figure[(start + i) % s.period];
    out[i] = s.type === 'additive' ? values[i] + f : values[i] * f;
  }
  return out;
}

/**
 * The M3 / thetaf test: seasonal when |r_m| exceeds 1.645 standard errors of an MA(m−1) ACF
 * (a 90% two-sided test). Needs m > 1, more than 2m observations and a non-constant series.
 */
export function isSeasonal(y: ArrayLike<number>, m: number): boolean {
  const n = y.length;
  if (m <= 1 || n <= 2 * m || isConstant(y)) return false;
  const r = acf(y, m);
  let s = 0;
  for (let k = 0; k < m - 1; k++) s += r[k] * r[k];
  const se = Math.sqrt((1 + 2 * s) / n);
  return Math.abs(r[m - 1]) / se > normalQuantile(0.95);
}

/**
 * Seasonal indices for adjusting y when the test finds seasonality, otherwise null. Multiplicative
 * as in the M3 benchmarks; additive when y has non-positive values (ratios would be meaningless).
 */
export function detectSeasonalIndices(y: ArrayLike<number>, m: number): SeasonalIndices | null {
  if (!isSeasonal(y, m)) return null;
  let positive = true;
  for (let t = 0; t < y.length; t++) if (!(y[t] > 0)) positive = false;
  const s = classicalDecompose(y, m, positive ? 'multiplicative' : 'additive');
  if (s.type === 'multiplicative') for (const f of s.figure) if (!(Math.abs(f) >= 1e-4)) return null;
  return s;
}
