// Forecast accuracy as the M3 and Tourism competitions define it: sMAPE (M3: 200|y−f|/(|y|+|f|)),
// MASE (Hyndman & Koehler 2006, scaled by the in-sample seasonal-naive MAE) and interval
// coverage. Written by hand: each is a loop; the competition definitions are what must match.

/** sMAPE in percent, averaged over the horizon. A point where y = f = 0 counts as 0 error. */
export function smape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  const h = actual.length;
  if (h === 0) return 0;
  let s = 0;
  for (let i = 0; i < h; i++) {
    const den = Math.abs(actual[i]) + Math.abs(forecast[i]);
    s += den === 0 ? 0 : (200 * Math.abs(actual[i] - forecast[i])) / den;
  }
  return s / h;
}

/**
 * In-sample MAE of the seasonal-naive forecast (the MASE denominator). Uses lag 1 when the series
 * is shorter than one season plus one; returns 0 when undefined (constant or single-value series).
 */
export function maseScale(insample: ArrayLike<number>, season = 1): number {
  const n = insample.length;
  const lag = season > 1 && n > season ? season : 1;
  if (n <= lag) return 0;
  let s = 0;
  for (let t = lag; t < n; t++) s += Math.abs(insample[t] - insample[t - lag]);
  return s / (n - lag);
}

/** MASE; NaN when the scale is 0 — callers must skip such series (see maseScale). */
export function mase(actual: ArrayLike<number>, forecast: ArrayLike<number>, scale: number): number {
  if (!(scale > 0)) return NaN;
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += Math.abs(actual[i] - forecast[i]);
  return s / actual.length / scale;
}

/** Share of actual values inside [lower, upper] (bounds inclusive). */
export function coverage(actual: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): number {
  if (actual.length === 0) return 0;
  let inside = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i] >= lower[i] && actual[i] <= upper[i]) inside++;
  return inside / actual.length;
}

/** Mean of the finite values (NaN-free summaries across series); 0 with a count of 0 when none. */
export function finiteMean(values: ArrayLike<number>): { mean: number; count: number } {
  let s = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i])) {
      s += values[i];
      count++;
    }
  }
  return { mean: count ? s / count : 0, count };
}
