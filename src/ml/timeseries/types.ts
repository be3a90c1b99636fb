// Shapes shared by every forecasting method: a point forecast with central prediction intervals.
import { zForLevel } from './stats.ts';

export interface PredictionInterval {
  /** Nominal coverage in percent, e.g. 80 or 95. */
  level: number;
  lower: Float64Array;
  upper: Float64Array;
}

export interface Forecast {
  /** The model actually used, e.g. "ETS(M,Ad,N)", "Theta", "Naive2". */
  method: string;
  mean: Float64Array;
  intervals: PredictionInterval[];
  /** Set when a simpler method replaced the requested one: why. */
  fallback?: FallbackNote;
}

/**
 * Why a forecast is not what was asked for, as a code with its details: the forecasting module
 * words it in the reader's language (fallbackText), so nothing here is English prose.
 */
export type FallbackNote =
  | { code: 'empty' | 'constant' | 'shorterThanSeason' | 'etsFailed' | 'intermittent' | 'longHorizon' }
  | { code: 'tooShort'; method: string; n: number }
  | { code: 'negativeDemand'; method: string }
  | { code: 'nonFinite'; method: string };

export const DEFAULT_LEVELS: readonly number[] = [80, 95];

/** Gaussian intervals mean ± z·se for each level. */
export function normalIntervals(mean: Float64Array, se: ArrayLike<number>, levels: readonly number[]): PredictionInterval[] {
  return levels.map((level) => {
    const z = zForLevel(level);
    const lower = new Float64Array(mean.length);
    const upper = new Float64Array(mean.length);
    for (let i = 0; i < mean.length; i++) {
      lower[i] = mean[i] - z * se[i];
      upper[i] = mean[i] + z * se[i];
    }
    return { level, lower, upper };
  });
}

/** True when the forecast and all its bounds are finite numbers. */
export function isFiniteForecast(f: Forecast): boolean {
  const ok = (a: Float64Array) => a.every(Number.isFinite);
  return ok(f.mean) && f.intervals.every((p) => ok(p.lower) && ok(p.upper));
}
