// Croston's method and TSB (Teunter, Syntetos & Babai 2011) for intermittent demand: many zero
// periods, occasional orders. Written by hand: each is one loop of exponential smoothing.
// Intervals for these methods have no standard closed form; we use the empirical quantiles of
// the one-step in-sample errors around the flat forecast, floored at zero (demand is ≥ 0).
import { quantileSorted } from './stats.ts';
import type { Forecast } from './types.ts';

export interface IntermittentModel {
  kind: 'intermittent';
  name: 'Croston' | 'TSB';
  /** Flat forecast: size / interval (Croston) or probability × size (TSB). */
  level: number;
  /** Sorted one-step in-sample errors (y_t − forecast made at t−1). */
  errors: Float64Array;
}

/**
 * Croston (1972) as forecast::croston: sizes and inter-demand intervals smoothed separately with
 * the same alpha (default 0.1), each started at its first value.
 */
export function fitCroston(y: ArrayLike<number>, alpha = 0.1): IntermittentModel {
  let z = NaN;
  let p = NaN;
  let since = 0;
  const errors: number[] = [];
  for (let t = 0; t < y.length; t++) {
    since++;
    const f = Number.isNaN(z) ? NaN : z / p;
    if (!Number.isNaN(f)) errors.push(y[t] - f);
    if (y[t] !== 0) {
      if (Number.isNaN(z)) (z = y[t]), (p = since);
      else (z += alpha * (y[t] - z)), (p += alpha * (since - p));
      since = 0;
    }
  }
  return { kind: 'intermittent', name: 'Croston', level: Number.isNaN(z) ? 0 : z / p, errors: Float64Array.from(errors).sort() };
}

function runTsb(y: ArrayLike<number>, alpha: number, beta: number, errors: number[] | null): { level: number; sse: number } {
  let first = -1;
  for (let t = 0; t < y.length && first < 0; t++) if (y[t] !== 0) first = t;
  if (first < 0) return { level: 0, sse: 0 };
  let z = y[first];
  let prob = 1 / (first + 1);
  let sse = 0;
  for (let t = first + 1; t < y.length; t++) {
    const e = y[t] - prob * z;
    sse += e * e;
    errors?.push(e);
    const occurred = y[t] !== 0 ? 1 : 0;
    prob += beta * (occurred - prob);
    if (occurred) z += alpha * (y[t] - z);
  }
  return { level: prob * z, sse };
}

/**
 * TSB: the demand probability is updated every period, so the forecast decays towards zero when
 * demand stops (Croston's cannot). Smoothing constants are picked from a small grid by in-sample MSE.
 */
export function fitTsb(y: ArrayLike<number>): IntermittentModel {
  const grid = [0.05, 0.1, 0.2, 0.3, 0.5];
  let best = { alpha: 0.1, beta: 0.1, sse: Infinity };
  for (const alpha of grid) {
    for (const beta of grid) {
      const { sse } = runTsb(y, alpha, beta, null);
      if (sse < best.sse - 1e-12) best = { alpha, beta, sse };
    }
  }
  const errors: number[] = [];
  const { level } = runTsb(y, best.alpha, best.beta, errors);
  return { kind: 'intermittent', name: 'TSB', level, errors: Float64Array.from(errors).sort() };
}

export function forecastIntermittent(model: IntermittentModel, h: number, levels: readonly number[]): Forecast {
  const mean = new Float64Array(h).fill(model.level);
  const intervals = levels.map((level) => {
    const lo = model.errors.length ? quantileSorted(model.errors, 0.5 - level / 200) : 0;
    const hi = model.errors.length ? quantileSorted(model.errors, 0.5 + level / 200) : 0;
    return {
      level,
      lower: new Float64Array(h).fill(Math.max(0, Math.min(model.level, model.level + lo))),
      upper: new Float64Array(h).fill(Math.max(model.level, model.level + hi)),
    };
  });
  return { method: model.name, mean, intervals };
}

/** Share of zero observations; "intermittent" when at least `threshold` of a non-negative series is zero. */
export function isIntermittent(y: ArrayLike<number>, threshold = 0.3): boolean {
  if (y.length === 0) return false;
  let zeros = 0;
  for (let t = 0; t < y.length; t++) {
    if (y[t] < 0) return false;
    if (y[t] === 0) zeros++;
  }
  return zeros / y.length >= threshold && zeros < y.length;
}
