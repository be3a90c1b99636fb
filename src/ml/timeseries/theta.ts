// The standard Theta method (Assimakopoulos & Nikolopoulos 2000) in Hyndman & Billah's form:
// simple exponential smoothing plus half the linear-trend slope, on data seasonally adjusted by
// classical multiplicative decomposition when the M3 90% test finds seasonality — as
// forecast::thetaf. Written by hand: it is SES (from ets.ts) plus a few lines.
import { detectSeasonalIndices, reseasonalize, seasonallyAdjust, type SeasonalIndices } from './decompose.ts';
import { fitEtsModel } from './ets.ts';
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
  const ses = fitEtsModel(x, { error: 'A', trend: 'N', season: 'N' }, 1, 'mse');
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
