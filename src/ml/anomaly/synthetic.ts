// Seeded KPI series with trend, weekly and yearly seasonality, noise and injected anomalies at
// known windows: the ground truth for tests and the benchmark.
import type { Rng } from '../random.ts';
import type { AnomalyKind } from './detector.ts';
import type { Window } from './evaluation.ts';

export interface SyntheticOptions {
  length: number;
  /** Noise standard deviation (anomaly sizes are multiples of it). */
  noise?: number;
  weeklyAmplitude?: number;
  yearlyAmplitude?: number;
  /** Kinds to inject, one anomaly each, at random separated positions. */
  inject?: readonly AnomalyKind[];
}

export interface SyntheticSeries {
  values: Float64Array;
  anomalies: (Window & { kind: AnomalyKind; at: number })[];
}

const WEEK_SHAPE = [0.6, 1, 0.9, 0.8, 0.7, -1.5, -1.5];

export function syntheticKpi(rng: Rng, options: SyntheticOptions): SyntheticSeries {
  const n = options.length;
  const sd = options.noise ?? 2;
  const weekly = options.weeklyAmplitude ?? 10;
  const yearly = options.yearlyAmplitude ?? 15;
  const slope = rng.normal(0, 0.02);
  const phase = rng.next() * 2 * Math.PI;
  const values = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    values[t] = 100 + slope * t + weekly * WEEK_SHAPE[t % 7] + yearly * Math.sin((2 * Math.PI * t) / 365.25 + phase) + rng.normal(0, sd);
  }
  const kinds = rng.shuffle([...(options.inject ?? [])]);
  const positions = spacedPositions(rng, kinds.length, n);
  const anomalies: SyntheticSeries['anomalies'] = [];
  kinds.forEach((kind, k) => {
    const at = positions[k];
    const sign = kind === 'dip' ? -1 : kind === 'spike' ? 1 : rng.bernoulli(0.5) ? 1 : -1;
    if (kind === 'spike' || kind === 'dip') {
      values[at] += sign * sd * (5 + 4 * rng.next());
      anomalies.push({ kind, at, start: at, end: at });
    } else if (kind === 'level_shift') {
      const size = sign * sd * (4 + 3 * rng.next());
      for (let t = at; t < n; t++) values[t] += size;
      anomalies.push({ kind, at, start: at - 3, end: at + 7 });
    } else {
      const change = sign * sd * (0.25 + 0.15 * rng.next());
      for (let t = at; t < n; t++) values[t] += change * (t - at);
      anomalies.push({ kind, at, start: at - 10, end: at + 30 });
    }
  });
  return { values, anomalies };
}

/** One position per equal slot of [30, n − 30), kept off the slot edges so windows do not overlap. */
function spacedPositions(rng: Rng, count: number, n: number): number[] {
  const slot = (n - 60) / Math.max(1, count);
  const margin = Math.floor(slot / 4);
  return Array.from({ length: count }, (_, k) => 30 + Math.floor(k * slot) + margin + rng.int(Math.max(1, Math.floor(slot) - 2 * margin)));
}
