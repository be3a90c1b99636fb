// Scores a forecasting method on held-out data: forecast each series' test horizon from its
// training data, then aggregate the competition metrics. Pure over already-loaded series.
import { coverage, finiteMean, mase, maseScale, smape } from '../../ml/metrics/forecast.ts';
import { forecastSeries, type MethodName } from '../../ml/timeseries/forecast.ts';
import type { Text } from '../../core/i18n.ts';
import type { EvalSeries } from './load.ts';
import { fallbackText } from './messages.ts';

export interface ForecastEvaluation {
  method: MethodName;
  series: number;
  /** M3 sMAPE in percent: mean over each series' horizon, then over series. */
  smape: number;
  /** MASE with the in-sample seasonal-naive scale; series with a zero scale are left out. */
  mase: number;
  maseSeries: number;
  coverage80: number;
  coverage95: number;
  /** Wall time to fit and forecast every series. */
  seconds: number;
  /**
   * CPU time of this process meanwhile (user, all threads: V8's compiler threads included), the
   * figure to compare with R's proc.time() on a shared machine.
   */
  cpuSeconds: number;
  /** How often each model was the one used (e.g. "ETS(M,Ad,N)" or a combination). */
  models: Record<string, number>;
  /** Fallback reasons, in words, and how often each occurred. */
  fallbacks: Array<{ reason: Text; count: number }>;
  /** The Naive2 benchmark on the same series, for reference. */
  naive2: { smape: number; mase: number };
}

function score(series: EvalSeries[], method: MethodName, season: number) {
  const s: number[] = [];
  const m: number[] = [];
  const c80: number[] = [];
  const c95: number[] = [];
  const models: Record<string, number> = {};
  const fallbacks = new Map<string, { reason: Text; count: number }>();
  for (const x of series) {
    const f = forecastSeries(x.train, { method, season, horizon: x.test.length, levels: [80, 95] });
    s.push(smape(x.test, f.mean));
    m.push(mase(x.test, f.mean, maseScale(x.train, season)));
    c80.push(coverage(x.test, f.intervals[0].lower, f.intervals[0].upper));
    c95.push(coverage(x.test, f.intervals[1].lower, f.intervals[1].upper));
    models[f.method] = (models[f.method] ?? 0) + 1;
    if (f.fallback) {
      const key = JSON.stringify(f.fallback);
      const entry = fallbacks.get(key);
      if (entry) entry.count++;
      else fallbacks.set(key, { reason: fallbackText(f.fallback), count: 1 });
    }
  }
  const ms = finiteMean(m);
  return { smape: finiteMean(s).mean, mase: ms.mean, maseSeries: ms.count, coverage80: finiteMean(c80).mean, coverage95: finiteMean(c95).mean, models, fallbacks: [...fallbacks.values()] };
}

export function evaluateForecasts(series: EvalSeries[], method: MethodName, season: number): ForecastEvaluation {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const main = score(series, method, season);
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = process.cpuUsage(cpuStarted).user / 1e6;
  const base = method === 'naive2' ? main : score(series, 'naive2', season);
  return { method, series: series.length, ...main, seconds, cpuSeconds, naive2: { smape: base.smape, mase: base.mase } };
}
