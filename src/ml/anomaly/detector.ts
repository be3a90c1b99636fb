// KPI anomaly detector: seasonal-trend decomposition (STL/MSTL), structural breaks (level shifts,
// trend changes), then point anomalies (spikes, dips) on the remainder by robust z-score confirmed
// with the hybrid ESD test, as in Twitter's S-H-ESD. Composition of the hand-written pieces in
// this folder; see each file for why it is written by hand.
import { hybridEsd } from './esd.ts';
import { decompose } from './decompose.ts';
import { median, robustScale } from './robust.ts';
import { detectPeriods } from './seasonality.ts';
import { roundingFloor } from './stl.ts';
import { breakComponent, findBreaks, type StructuralBreak } from './structural.ts';

export type Sensitivity = 'low' | 'medium' | 'high';
export type AnomalyKind = 'spike' | 'dip' | 'level_shift' | 'trend_change';

export interface DetectorOptions {
  sensitivity?: Sensitivity;
  /** Band half-width and point threshold in robust standard deviations (overrides the sensitivity's). */
  zThreshold?: number;
  /** Seasonal periods in steps; [] means none. When absent they are detected. */
  periods?: readonly number[];
  /** Periods worth testing when detecting (e.g. [7, 365] for daily data); all lags when absent. */
  candidatePeriods?: readonly number[];
}

export interface PointAssessment {
  index: number;
  /** The observed value, or null for a missing point (never flagged). */
  value: number | null;
  expected: number;
  lower: number;
  upper: number;
  /** value − expected (0 when missing). */
  deviation: number;
  /** Size in robust standard deviations: |z| for points, the step or drift for breaks. */
  score: number;
  kind: AnomalyKind | null;
}

export interface AnomalyReport {
  points: PointAssessment[];
  periods: number[];
  /** Robust standard deviation of the remainder, in the series' units. */
  sigma: number;
  breaks: StructuralBreak[];
}

const SETTINGS: Record<Sensitivity, { z: number; alpha: number; penalty: number; minShift: number; minDrift: number; minBreakZ: number }> = {
  low: { z: 5, alpha: 0.005, penalty: 6, minShift: 3, minDrift: 4, minBreakZ: 6 },
  medium: { z: 4, alpha: 0.01, penalty: 4, minShift: 2, minDrift: 3, minBreakZ: 5 },
  high: { z: 3.5, alpha: 0.05, penalty: 3, minShift: 1.5, minDrift: 2, minBreakZ: 3.5 },
};

/** Scores every point of `values` (NaN marks a missing point). Never returns NaN. */
export function detectAnomalies(values: ArrayLike<number>, options: DetectorOptions = {}): AnomalyReport {
  const n = values.length;
  const settings = SETTINGS[options.sensitivity ?? 'medium'];
  const zThreshold = options.zThreshold ?? settings.z;
  const observed = countFinite(values);
  if (observed < 5) return flat(values, zThreshold);

  const detected = options.periods ?? detectPeriods(values, { candidates: options.candidatePeriods });
  const periods = [...new Set(detected.map((p) => Math.round(p)))].filter((p) => p >= 2 && n >= 2 * p + 1);

  // Pass 1: decomposition, then breaks on the deseasonalised series with point outliers masked.
  const first = decompose(values, periods);
  const floor = roundingFloor(values);
  const sigma1 = Math.max(robustScale(first.remainder), floor);
  const centre1 = median(first.remainder);
  const deseasoned = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const outlier = Math.abs(first.remainder[i] - centre1) > 3 * sigma1;
    deseasoned[i] = Number.isFinite(values[i]) && !outlier ? values[i] - first.seasonal[i] : Number.NaN;
  }
  const minSegment = Math.max(5, Math.min(periods.length > 0 ? Math.min(...periods) : 0, 10));
  const breaks = findBreaks(deseasoned, {
    sigma: Math.max(differenceScale(deseasoned, sigma1), floor),
    penalty: settings.penalty * Math.log(Math.max(observed, 3)),
    minSegment,
    minShift: settings.minShift,
    minDrift: settings.minDrift,
    minZ: settings.minBreakZ,
  });

  // Pass 2: decompose the series with the breaks taken out, so the trend does not smear them.
  const structural = breakComponent(n, breaks);
  const adjusted = new Float64Array(n);
  for (let i = 0; i < n; i++) adjusted[i] = values[i] - structural[i];
  const second = decompose(adjusted, periods);
  const expectedRaw = new Float64Array(n);
  const residual = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    expectedRaw[i] = second.trend[i] + second.seasonal[i] + structural[i];
    residual[i] = Number.isFinite(values[i]) ? values[i] - expectedRaw[i] : Number.NaN;
  }
  for (let i = 0; i < n; i++) if (Math.abs(residual[i]) < floor) residual[i] = 0;
  const centre = median(residual);
  const sigma = Math.max(robustScale(residual, centre), floor);
  const confirmed = new Set(hybridEsd(residual, Math.ceil(0.1 * observed), settings.alpha));

  const points: PointAssessment[] = [];
  for (let i = 0; i < n; i++) {
    const expected = expectedRaw[i] + centre;
    const v = Number.isFinite(values[i]) ? values[i] : null;
    const deviation = v === null ? 0 : v - expected;
    const z = deviation / sigma;
    let kind: AnomalyKind | null = null;
    if (v !== null && confirmed.has(i) && Math.abs(z) >= zThreshold) kind = z > 0 ? 'spike' : 'dip';
    points.push({ index: i, value: v, expected, lower: expected - zThreshold * sigma, upper: expected + zThreshold * sigma, deviation, score: Math.abs(z), kind });
  }
  for (const b of breaks) {
    const p = points[b.index];
    if (p.value === null) continue;
    p.kind = b.kind;
    p.score = Math.max(p.score, b.score);
  }
  return { points, periods, sigma, breaks };
}

/** Too few points to model: the median is the expectation, the robust scale the band. */
function flat(values: ArrayLike<number>, zThreshold: number): AnomalyReport {
  const centre = median(values);
  const sigma = robustScale(values, centre);
  const points: PointAssessment[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = Number.isFinite(values[i]) ? values[i] : null;
    const deviation = v === null ? 0 : v - centre;
    points.push({ index: i, value: v, expected: centre, lower: centre - zThreshold * sigma, upper: centre + zThreshold * sigma, deviation, score: Math.abs(deviation / sigma), kind: null });
  }
  return { points, periods: [], sigma, breaks: [] };
}

/**
 * Noise scale from successive differences (robust scale / √2): unlike the remainder's scale it is
 * not inflated when the pass-1 trend misses a break. Falls back to `fallback` with too few pairs.
 */
function differenceScale(y: Float64Array, fallback: number): number {
  const diffs: number[] = [];
  for (let i = 1; i < y.length; i++) if (Number.isFinite(y[i]) && Number.isFinite(y[i - 1])) diffs.push(y[i] - y[i - 1]);
  return diffs.length >= 5 ? robustScale(diffs) / Math.SQRT2 : fallback;
}

function countFinite(values: ArrayLike<number>): number {
  let c = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) c++;
  return c;
}
