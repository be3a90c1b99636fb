// How many differences a series needs before ARIMA modelling: the KPSS test for d (as
// forecast::ndiffs with urca's ur.kpss) and the seasonal-strength heuristic for D (as
// forecast::nsdiffs, test = "seas"). Written by hand: both are short formulas; no JS package.
import { centredMovingAverage, classicalDecompose } from './decompose.ts';
import { isConstant, mean, variance } from './stats.ts';

/** KPSS level-stationarity statistic with Bartlett weights over `lags` lags (urca's ur.kpss, type "mu"). */
export function kpssStatistic(x: ArrayLike<number>, lags = Math.trunc((3 * Math.sqrt(x.length)) / 13)): number {
  const n = x.length;
  const mu = mean(x);
  const e = Float64Array.from(x, (v) => v - mu);
  let cum = 0;
  let nom = 0;
  for (let t = 0; t < n; t++) {
    cum += e[t];
    nom += cum * cum;
  }
  nom /= n * n;
  let s2 = 0;
  for (let t = 0; t < n; t++) s2 += e[t] * e[t];
  for (let l = 1; l <= lags; l++) {
    let c = 0;
    for (let t = l; t < n; t++) c += e[t] * e[t - l];
    s2 += 2 * (1 - l / (lags + 1)) * c;
  }
  s2 /= n;
  return s2 > 0 ? nom / s2 : 0;
}

/** 5% critical value of the KPSS level test (Kwiatkowski et al. 1992, Table 1). */
const KPSS_CRITICAL_5 = 0.463;

/** Number of first differences (≤ maxD) until KPSS no longer rejects stationarity at 5%. */
export function ndiffs(x: ArrayLike<number>, maxD = 2): number {
  let y: Float64Array = Float64Array.from(x);
  let d = 0;
  if (y.length < 3 || isConstant(y)) return 0;
  while (d < maxD && kpssStatistic(y) > KPSS_CRITICAL_5) {
    d++;
    y = difference(y, 1);
    if (y.length < 3 || isConstant(y)) return d;
  }
  return d;
}

/**
 * Seasonal differences (0 or 1): 1 when the seasonal strength max(0, 1 − var(R)/var(S + R)) exceeds
 * 0.64, as forecast::nsdiffs. R decomposes with STL; we use classical additive decomposition
 * (same idea, no iterative loess), which agrees on clearly seasonal and clearly non-seasonal data.
 */
export function nsdiffs(x: ArrayLike<number>, m: number): number {
  const n = x.length;
  if (m <= 1 || n < 2 * m + 1 || isConstant(x)) return 0;
  const trend = centredMovingAverage(x, m);
  const s = classicalDecompose(x, m, 'additive');
  const rem: number[] = [];
  const seasRem: number[] = [];
  for (let t = 0; t < n; t++) {
    if (Number.isNaN(trend[t])) continue;
    const r = x[t] - trend[t] - s.figure[t % m];
    rem.push(r);
    seasRem.push(r + s.figure[t % m]);
  }
  const vsr = variance(seasRem);
  if (!(vsr > 0)) return 0;
  const strength = Math.max(0, Math.min(1, 1 - variance(rem) / vsr));
  return strength > 0.64 ? 1 : 0;
}

/** Lag-`lag` differences: x_t − x_{t−lag}. */
export function difference(x: ArrayLike<number>, lag: number): Float64Array {
  const out = new Float64Array(Math.max(0, x.length - lag));
  for (let t = lag; t < x.length; t++) out[t - lag] = x[t] - x[t - lag];
  return out;
}
