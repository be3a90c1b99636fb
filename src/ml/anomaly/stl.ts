// STL: Seasonal-Trend decomposition by LOESS (Cleveland, Cleveland, McRae & Terpenning 1990),
// with the robust outer loop. Written by hand:
// no maintained JS package implements STL with robustness weights and missing values; this
// follows the reference Fortran (stlstp/stlss/stlfts) step by step.
import { loessAt, loessSmooth } from './loess.ts';
import { median } from './robust.ts';

export interface StlOptions {
  /** Seasonal smoothing window (odd, ≥ 7); larger means a more stable seasonal pattern. */
  seasonalWindow?: number;
  /** Trend smoothing window (odd); defaults to Cleveland's rule from the period. */
  trendWindow?: number;
  /** Low-pass window of the seasonal step (odd, ≥ period); defaults to the period rounded up to odd. */
  lowPassWindow?: number;
  innerIterations?: number;
  /** Robust outer iterations (0 = not robust). */
  outerIterations?: number;
}

export interface Decomposition {
  trend: Float64Array;
  seasonal: Float64Array;
  remainder: Float64Array;
  /** Final robustness weight of each point in [0, 1] (0 for missing or outlying points). */
  weights: Float64Array;
}

const nextOdd = (x: number): number => {
  const k = Math.ceil(x);
  return k % 2 === 0 ? k + 1 : k;
};

/** Cleveland's default trend window: the smallest odd length that does not absorb the season. */
export function defaultTrendWindow(period: number, seasonalWindow: number): number {
  return nextOdd((1.5 * period) / (1 - 1.5 / seasonalWindow));
}

/**
 * Decomposes `values` (NaN marks a missing point) into trend + seasonal + remainder for one period.
 * Missing points are linearly interpolated and given zero weight, so they never steer a fit;
 * their remainder is NaN.
 */
export function stl(values: ArrayLike<number>, period: number, options: StlOptions = {}): Decomposition {
  const n = values.length;
  const np = Math.max(2, Math.round(period));
  const ns = Math.max(7, nextOdd(options.seasonalWindow ?? 13));
  const nt = Math.max(3, nextOdd(options.trendWindow ?? defaultTrendWindow(np, ns)));
  const nl = nextOdd(Math.max(np, options.lowPassWindow ?? np));
  const inner = options.innerIterations ?? 2;
  const outer = options.outerIterations ?? 5;
  const { filled, observed } = interpolateGaps(values);

  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) weights[i] = observed[i] ? 1 : 0;
  const trend = new Float64Array(n);
  const seasonal = new Float64Array(n);
  const work = new Float64Array(n);
  for (let pass = 0; pass <= outer; pass++) {
    for (let it = 0; it < inner; it++) {
      for (let i = 0; i < n; i++) work[i] = filled[i] - trend[i];
      const cycle = smoothCycleSubseries(work, np, ns, weights);
      const low = lowPass(cycle, np, nl, n);
      for (let i = 0; i < n; i++) seasonal[i] = cycle[np + i] - low[i];
      for (let i = 0; i < n; i++) work[i] = filled[i] - seasonal[i];
      trend.set(loessSmooth(work, nt, 1, Math.ceil(nt / 10), weights));
    }
    if (pass < outer) updateRobustnessWeights(filled, trend, seasonal, observed, weights);
  }
  const remainder = new Float64Array(n);
  for (let i = 0; i < n; i++) remainder[i] = observed[i] ? filled[i] - trend[i] - seasonal[i] : Number.NaN;
  return { trend, seasonal, remainder, weights };
}

/** Linear interpolation over NaN runs (flat at the ends); `observed` marks the real points. */
export function interpolateGaps(values: ArrayLike<number>): { filled: Float64Array; observed: Uint8Array } {
  const n = values.length;
  const filled = new Float64Array(n);
  const observed = new Uint8Array(n);
  let prev = -1;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) continue;
    observed[i] = 1;
    filled[i] = values[i];
    if (prev === -1) for (let j = 0; j < i; j++) filled[j] = values[i];
    else for (let j = prev + 1; j < i; j++) filled[j] = values[prev] + ((values[i] - values[prev]) * (j - prev)) / (i - prev);
    prev = i;
  }
  for (let j = prev + 1; j < n && prev >= 0; j++) filled[j] = values[prev];
  return { filled, observed };
}

/** Smooths each cycle-subseries and extends it by one period at both ends (stlss). */
function smoothCycleSubseries(work: Float64Array, np: number, ns: number, weights: Float64Array): Float64Array {
  const n = work.length;
  const out = new Float64Array(n + 2 * np);
  const jump = Math.ceil(ns / 10);
  for (let j = 0; j < np; j++) {
    const k = Math.floor((n - j - 1) / np) + 1;
    if (j >= n) break;
    const sub = new Float64Array(k);
    const subW = new Float64Array(k);
    for (let m = 0; m < k; m++) {
      sub[m] = work[j + m * np];
      subW[m] = weights[j + m * np];
    }
    const smooth = loessSmooth(sub, ns, 0, jump, subW);
    const window = Math.min(ns, k);
    let h = window; // distance from the extension point to the far end of its window
    if (ns > k) h += Math.floor((ns - k) / 2);
    const before = loessAt(sub, subW, -1, 0, window - 1, h, 0);
    const after = loessAt(sub, subW, k, k - window, k - 1, h, 0);
    out[j] = Number.isNaN(before) ? smooth[0] : before;
    for (let m = 0; m < k; m++) out[j + (m + 1) * np] = smooth[m];
    out[j + (k + 1) * np] = Number.isNaN(after) ? smooth[k - 1] : after;
  }
  return out;
}

/** Low-pass filter of the cycle series: moving averages np, np, 3, then LOESS (stlfts + stless). */
function lowPass(cycle: Float64Array, np: number, nl: number, n: number): Float64Array {
  const a = movingAverage(cycle, np);
  const b = movingAverage(a, np);
  const c = movingAverage(b, 3);
  return loessSmooth(c.subarray(0, n), nl, 1, Math.ceil(nl / 10));
}

function movingAverage(x: Float64Array, len: number): Float64Array {
  const out = new Float64Array(Math.max(0, x.length - len + 1));
  let sum = 0;
  for (let i = 0; i < len; i++) sum += x[i];
  out[0] = sum / len;
  for (let i = 1; i < out.length; i++) {
    sum += x[i + len - 1] - x[i - 1];
    out[i] = sum / len;
  }
  return out;
}

/** Bisquare weights of the remainder over 6·median|remainder| (stlrwt). */
function updateRobustnessWeights(filled: Float64Array, trend: Float64Array, seasonal: Float64Array, observed: Uint8Array, weights: Float64Array): void {
  const n = filled.length;
  const abs = new Float64Array(n).fill(Number.NaN);
  for (let i = 0; i < n; i++) if (observed[i]) abs[i] = Math.abs(filled[i] - trend[i] - seasonal[i]);
  const h = Math.max(6 * median(abs), roundingFloor(filled));
  for (let i = 0; i < n; i++) {
    if (!observed[i]) continue;
    const u = abs[i] / h;
    weights[i] = u <= 0.001 ? 1 : u <= 0.999 ? (1 - u * u) ** 2 : 0;
  }
}

/**
 * Residuals below this are floating-point rounding, not signal: when most of a series is exactly
 * fitted (a constant KPI), the robust scale must not collapse to 1e-15 and make rounding look huge.
 */
export function roundingFloor(values: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i])) {
      sum += Math.abs(values[i]);
      count++;
    }
  }
  return 1e-9 * (1 + (count > 0 ? sum / count : 0));
}
