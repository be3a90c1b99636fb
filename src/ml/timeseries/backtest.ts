// Rolling-origin evaluation (Tashman 2000) as a pure function, so a forecast can carry its own
// track record: refit at each origin, forecast `horizon` steps, score against what happened.
// Written by hand: a loop over origins around forecastSeries and the metrics.
import { coverage, finiteMean, mase, maseScale, smape } from '../metrics/forecast.ts';
import { forecastSeries, type MethodName } from './forecast.ts';

export interface BacktestOptions {
  method?: MethodName;
  season?: number;
  horizon: number;
  /** Number of forecast origins (default 5); fewer are used when the series is too short. */
  origins?: number;
  /** Steps between consecutive origins (default 1). */
  step?: number;
  /** Smallest training length at an origin (default max(4, 2·season)). */
  minTrain?: number;
  /** Interval level whose coverage is reported (default 95). */
  level?: number;
}

export interface OriginScore {
  /** Training length at this origin (the forecast starts at index `origin`). */
  origin: number;
  method: string;
  smape: number;
  /** Null when the in-sample MASE scale is zero (flat training data). */
  mase: number | null;
  coverage: number;
}

export interface Summary {
  smape: number;
  mase: number | null;
  coverage: number;
}

export interface BacktestResult {
  horizon: number;
  level: number;
  origins: OriginScore[];
  overall: Summary;
  /** The same origins scored for the Naive2 benchmark. */
  naive2: Summary;
  /** Set when the series is too short for even one origin. */
  note?: string;
}

function summarise(scores: OriginScore[]): Summary {
  const m = finiteMean(scores.map((s) => s.mase ?? NaN));
  return {
    smape: finiteMean(scores.map((s) => s.smape)).mean,
    mase: m.count ? m.mean : null,
    coverage: finiteMean(scores.map((s) => s.coverage)).mean,
  };
}

/**
 * Origins end at n − horizon and step back by `step`; each trains on y[0..origin) and is scored on
 * y[origin..origin+horizon) with sMAPE (M3), MASE (seasonal-naive scale of that training window)
 * and coverage of the `level`% interval. Overall figures are means over origins.
 */
export function backtest(values: ArrayLike<number>, options: BacktestOptions): BacktestResult {
  const y = Float64Array.from(values);
  const horizon = Math.max(1, Math.floor(options.horizon));
  const season = Math.max(1, Math.round(options.season ?? 1));
  const step = Math.max(1, Math.floor(options.step ?? 1));
  const level = options.level ?? 95;
  const minTrain = Math.max(options.minTrain ?? Math.max(4, 2 * season), 1);
  const wanted = Math.max(1, Math.floor(options.origins ?? 5));
  const starts: number[] = [];
  for (let o = y.length - horizon; o >= minTrain && starts.length < wanted; o -= step) starts.unshift(o);
  const score = (method: MethodName): OriginScore[] =>
    starts.map((origin) => {
      const train = y.subarray(0, origin);
      const actual = y.subarray(origin, origin + horizon);
      const f = forecastSeries(train, { method, season, horizon, levels: [level] });
      const m = mase(actual, f.mean, maseScale(train, season));
      return {
        origin,
        method: f.method,
        smape: smape(actual, f.mean),
        mase: Number.isFinite(m) ? m : null,
        coverage: coverage(actual, f.intervals[0].lower, f.intervals[0].upper),
      };
    });
  const origins = score(options.method ?? 'auto');
  const result: BacktestResult = { horizon, level, origins, overall: summarise(origins), naive2: summarise(score('naive2')) };
  if (!starts.length) result.note = `series too short: need at least ${minTrain + horizon} points for one origin, have ${y.length}`;
  return result;
}
