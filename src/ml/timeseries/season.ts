// Automatic choice of the seasonal period when the caller does not know it: the M3 90% ACF test
// (decompose.ts) at each candidate period, strongest significant one wins. Written by hand: a loop
// over the candidates reusing the test every M3 benchmark uses.
import { acf, normalQuantile } from './stats.ts';
import { isSeasonal } from './decompose.ts';

/** Candidate periods for business data: monthly, quarterly, weekly-in-days, weekly-in-year, four-weekly. */
export const DEFAULT_SEASON_CANDIDATES: readonly number[] = [12, 4, 7, 52, 13];

/**
 * The candidate period whose autocorrelation (of the differenced series) is most significant by
 * the M3 test and is a local ACF peak, or 1 when none is (or the series is too short).
 */
export function detectSeason(values: ArrayLike<number>, candidates: readonly number[] = DEFAULT_SEASON_CANDIDATES): number {
  // Tested on first differences: a trend alone makes every lag's ACF large, which the raw-data
  // test (made for series already known to be periodic) would mistake for seasonality.
  const y = Float64Array.from({ length: Math.max(0, values.length - 1) }, (_, t) => values[t + 1] - values[t]);
  let best = 1;
  let bestScore = normalQuantile(0.95);
  for (const m of candidates) {
    if (m < 2 || y.length <= 2 * m + 1 || !isSeasonal(y, m)) continue;
    const r = acf(y, m + 1);
    // A seasonal lag is a local ACF peak; persistence alone (ACF decaying through lag m) is not.
    if (!(r[m - 1] > r[m - 2] && r[m - 1] > r[m])) continue;
    let s = 0;
    for (let k = 0; k < m - 1; k++) s += r[k] * r[k];
    const score = Math.abs(r[m - 1]) / Math.sqrt((1 + 2 * s) / y.length);
    if (score > bestScore) {
      best = m;
      bestScore = score;
    }
  }
  return best;
}
