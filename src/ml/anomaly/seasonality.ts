// Automatic period detection from the autocorrelation of the detrended series. Written by hand:
// a short loop over typed arrays; the rule (a prominent ACF peak) is what matters and is ours.
import { interpolateGaps } from './stl.ts';
import { loessSmooth } from './loess.ts';

export interface PeriodSearch {
  /** Periods to test (e.g. [7, 365] for daily data); when absent every lag is searched. */
  candidates?: readonly number[];
  /** Minimum ACF peak height and prominence to accept a period (default 0.3 / 0.2). */
  minCorrelation?: number;
  minProminence?: number;
}

/**
 * Detected seasonal periods, shortest first. With candidates, each candidate that has a prominent
 * ACF peak within ±1 lag (calendar periods like 365 are not exact) and at least two full cycles
 * in the data is kept; without, the single most prominent peak is returned.
 */
export function detectPeriods(values: ArrayLike<number>, search: PeriodSearch = {}): number[] {
  const n = values.length;
  if (n < 8) return [];
  const acf = autocorrelation(detrend(values), Math.floor(n / 2));
  const minCorr = search.minCorrelation ?? 0.3;
  const minProm = search.minProminence ?? 0.2;
  const accept = (lag: number): number => {
    if (lag < 2 || lag + 1 >= acf.length || 2 * lag > n) return -1;
    if (!(acf[lag] >= acf[lag - 1] && acf[lag] >= acf[lag + 1]) || acf[lag] < minCorr) return -1;
    let trough = acf[lag];
    for (let k = Math.max(1, Math.floor(lag / 2)); k < lag; k++) trough = Math.min(trough, acf[k]);
    const prominence = acf[lag] - trough;
    return prominence >= minProm ? prominence : -1;
  };
  if (search.candidates) {
    const found: number[] = [];
    for (const candidate of search.candidates) {
      const base = Math.round(candidate);
      for (const lag of [base, base - 1, base + 1]) {
        if (accept(lag) >= 0) {
          found.push(base);
          break;
        }
      }
    }
    return [...new Set(found)].sort((a, b) => a - b);
  }
  let best = -1;
  let bestScore = -1;
  for (let lag = 2; lag + 1 < acf.length; lag++) {
    const prominence = accept(lag);
    if (prominence > bestScore + 0.02) {
      // Prefer the shortest period: a multiple must be clearly more prominent to win.
      best = lag;
      bestScore = prominence;
    }
  }
  return best > 0 ? [best] : [];
}

/** Removes a smooth trend (LOESS over a third of the series) so that the ACF shows the seasons. */
function detrend(values: ArrayLike<number>): Float64Array {
  const { filled } = interpolateGaps(values);
  const n = filled.length;
  const span = Math.max(7, Math.floor(n / 3));
  const trend = loessSmooth(filled, span, 1, Math.ceil(span / 10));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = filled[i] - trend[i];
  return out;
}

/** Sample autocorrelation for lags 0..maxLag (0 everywhere for a constant series). */
export function autocorrelation(x: Float64Array, maxLag: number): Float64Array {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  let denom = 0;
  for (let i = 0; i < n; i++) denom += (x[i] - mean) ** 2;
  const acf = new Float64Array(maxLag + 1);
  if (denom <= 0) return acf;
  for (let lag = 0; lag <= maxLag; lag++) {
    let s = 0;
    for (let i = lag; i < n; i++) s += (x[i] - mean) * (x[i - lag] - mean);
    acf[lag] = s / denom;
  }
  return acf;
}
