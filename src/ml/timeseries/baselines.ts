// Benchmark forecasts: naive, seasonal naive and Naive2 (naive on classically seasonally adjusted
// data, as in the M3/M4 competitions). Written by hand: a few lines each, with intervals as
// forecast::naive/snaive compute them (residual RMS times sqrt of the steps taken).
import { detectSeasonalIndices, reseasonalize, seasonallyAdjust, type SeasonalIndices } from './decompose.ts';
import { normalIntervals, type Forecast, type PredictionInterval } from './types.ts';

export interface NaiveModel {
  kind: 'naive';
  name: 'Naive' | 'SNaive' | 'Naive2';
  /** Seasonal lag (1 for plain naive). */
  lag: number;
  /** The last `lag` observations, repeated forward. */
  tail: Float64Array;
  /** RMS of the lag-differences (the one-step in-sample errors). */
  sigma: number;
  /** Seasonal indices the series was adjusted by (Naive2), or null. */
  seasonal: SeasonalIndices | null;
  /** Length of the training series, to phase the seasonal indices. */
  n: number;
}

function fitLagged(name: NaiveModel['name'], y: ArrayLike<number>, lag: number, seasonal: SeasonalIndices | null, n: number): NaiveModel {
  const effLag = Math.max(1, Math.min(lag, y.length));
  let ss = 0;
  let count = 0;
  for (let t = effLag; t < y.length; t++) {
    ss += (y[t] - y[t - effLag]) ** 2;
    count++;
  }
  const tail = Float64Array.from({ length: effLag }, (_, i) => y[y.length - effLag + i] ?? 0);
  return { kind: 'naive', name, lag: effLag, tail, sigma: count > 0 ? Math.sqrt(ss / count) : 0, seasonal, n };
}

/** The last value, repeated. */
export function fitNaive(y: ArrayLike<number>): NaiveModel {
  return fitLagged('Naive', y, 1, null, y.length);
}

/** The value one season ago, repeated; falls back to plain naive with fewer than `season` points. */
export function fitSeasonalNaive(y: ArrayLike<number>, season: number): NaiveModel {
  return fitLagged('SNaive', y, y.length >= season ? season : 1, null, y.length);
}

/** Naive on data adjusted by classical decomposition when the M3 90% ACF test finds seasonality. */
export function fitNaive2(y: ArrayLike<number>, season: number): NaiveModel {
  const s = detectSeasonalIndices(y, season);
  return fitLagged('Naive2', s ? seasonallyAdjust(y, s) : y, 1, s, y.length);
}

export function forecastNaive(model: NaiveModel, h: number, levels: readonly number[]): Forecast {
  const mean = new Float64Array(h);
  const se = new Float64Array(h);
  for (let i = 0; i < h; i++) {
    mean[i] = model.tail[i % model.lag];
    se[i] = model.sigma * Math.sqrt(Math.floor(i / model.lag) + 1);
  }
  let intervals: PredictionInterval[] = normalIntervals(mean, se, levels);
  let point: Float64Array = mean;
  if (model.seasonal) {
    const s = model.seasonal;
    point = reseasonalize(mean, s, model.n);
    intervals = intervals.map((p) => {
      const a = reseasonalize(p.lower, s, model.n);
      const b = reseasonalize(p.upper, s, model.n);
      return { level: p.level, lower: a.map((v, i) => Math.min(v, b[i])), upper: b.map((v, i) => Math.max(v, a[i])) };
    });
  }
  return { method: model.name, mean: point, intervals };
}
