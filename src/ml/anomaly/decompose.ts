// Trend + several seasonal components, MSTL-style (Bandara, Hyndman & Bergmeir 2021): each
// component is re-estimated on the series with the others removed, twice. A period seen at least
// eight times is smoothed by STL; a longer one (a year in a few years of data) by a robust Fourier
// series fitted to what the trend leaves, since STL would average 2-3 noisy values per phase.
// The trend spans at least MIN_TREND_WINDOW points: shorter windows chase the noise (their
// leverage shrinks the residual scale and inflates every z-score); smooth yearly waves still fit.
import { loessSmooth } from './loess.ts';
import { median } from './robust.ts';
import { robustFourierSeason } from './fourier.ts';
import { defaultTrendWindow, interpolateGaps, roundingFloor, stl } from './stl.ts';

export interface Components {
  trend: Float64Array;
  /** Sum of the seasonal components. */
  seasonal: Float64Array;
  /** NaN at missing points. */
  remainder: Float64Array;
}

const SEASONAL_WINDOW = 13;

const MIN_TREND_WINDOW = 45;

export function decompose(values: ArrayLike<number>, periods: readonly number[]): Components {
  const n = values.length;
  const sorted = [...periods].sort((a, b) => a - b);
  if (sorted.length === 0) {
    const trend = robustTrend(values, Math.max(7, Math.min(MIN_TREND_WINDOW, Math.round(n / 3))));
    return { trend, seasonal: new Float64Array(n), remainder: minus(values, trend) };
  }
  const trendWindow = Math.max(defaultTrendWindow(sorted[0], SEASONAL_WINDOW), MIN_TREND_WINDOW);
  const components: Float64Array[] = sorted.map(() => new Float64Array(n));
  const deseasoned = Float64Array.from(values as ArrayLike<number>);
  let trend: Float64Array | null = null;
  for (let round = 0; round < 2; round++) {
    sorted.forEach((period, c) => {
      for (let i = 0; i < n; i++) deseasoned[i] += components[c][i];
      if (n >= 8 * period) {
        const fit = stl(deseasoned, period, { seasonalWindow: SEASONAL_WINDOW, trendWindow });
        components[c] = fit.seasonal;
        trend = fit.trend;
      } else {
        trend ??= robustTrend(deseasoned, trendWindow);
        components[c] = robustFourierSeason(minus(deseasoned, trend), period, Math.min(Math.floor(period / 2), 10));
      }
      for (let i = 0; i < n; i++) deseasoned[i] -= components[c][i];
    });
    trend = robustTrend(deseasoned, trendWindow);
  }
  const seasonal = new Float64Array(n);
  for (const comp of components) for (let i = 0; i < n; i++) seasonal[i] += comp[i];
  return { trend: trend!, seasonal, remainder: minus(deseasoned, trend!) };
}

/** LOESS trend with STL-style bisquare robustness iterations; missing points get zero weight. */
export function robustTrend(values: ArrayLike<number>, span: number, iterations = 4): Float64Array {
  const n = values.length;
  const { filled, observed } = interpolateGaps(values);
  const weights = Float64Array.from(observed);
  let trend: Float64Array = new Float64Array(n);
  for (let pass = 0; pass < iterations; pass++) {
    trend = loessSmooth(filled, span, 1, Math.ceil(span / 10), weights);
    const abs = new Float64Array(n).fill(Number.NaN);
    for (let i = 0; i < n; i++) if (observed[i]) abs[i] = Math.abs(filled[i] - trend[i]);
    const h = Math.max(6 * median(abs), roundingFloor(filled));
    for (let i = 0; i < n; i++) {
      if (!observed[i]) continue;
      const u = abs[i] / h;
      weights[i] = u < 1 ? (1 - u * u) ** 2 : 0;
    }
  }
  return trend;
}

function minus(values: ArrayLike<number>, trend: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Number.isFinite(values[i]) ? values[i] - trend[i] : Number.NaN;
  return out;
}
