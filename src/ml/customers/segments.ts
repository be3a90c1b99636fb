// Customer segments from RFM: k-means on log-scaled, standardised recency/frequency/monetary (k by
// silhouette), each segment described in plain words from its medians against overall terciles.
import { Rng } from '../random.ts';
import { sortedQuantile } from '../anomaly/robust.ts';
import { chooseK } from './kmeans.ts';
import type { CustomerSummary } from './rfm.ts';

/**
 * A segment's medians against all customers' terciles, for plain words such as "Big spenders who
 * buy often and have not bought in 5 months" (worded by the customer-analytics module).
 */
export interface SegmentProfile {
  spend: 'low' | 'mid' | 'high';
  /** 'once' when the median customer bought once, else the frequency tercile. */
  often: 'once' | 'low' | 'mid' | 'high';
  /**
   * The recency tercile: the oldest have lapsed for `months`, the newest bought within `days` or
   * `weeks`, the middle last bought about `months` ago.
   */
  recency: { kind: 'lapsed'; months: number } | { kind: 'days'; days: number } | { kind: 'weeks'; weeks: number } | { kind: 'about'; months: number };
}

export interface Segment {
  id: number;
  size: number;
  profile: SegmentProfile;
  medianRecencyDays: number;
  medianFrequency: number;
  medianMonetary: number;
}

export interface Segmentation {
  segments: Segment[];
  /** Segment id per summary, parallel to the input. */
  labels: Int32Array;
  silhouette: number;
  silhouetteByK: { k: number; silhouette: number }[];
}

export function segmentCustomers(customers: readonly CustomerSummary[], seed = 1): Segmentation {
  const n = customers.length;
  if (n < 3) throw new RangeError('segmentation needs at least 3 customers');
  const dim = 3;
  const data = new Float64Array(n * dim);
  customers.forEach((c, i) => {
    data[i * dim] = Math.log1p(Math.max(0, c.recencyDays));
    data[i * dim + 1] = Math.log1p(c.frequency);
    data[i * dim + 2] = Math.log1p(Math.max(0, c.monetary));
  });
  standardise(data, dim);
  const result = chooseK(data, dim, new Rng(seed), 2, Math.min(8, n - 1));
  const column = (f: (c: CustomerSummary) => number) => Float64Array.from(customers, f).sort();
  const overall = { r: column((c) => c.recencyDays), f: column((c) => c.frequency), m: column((c) => c.monetary) };
  const segments: Segment[] = [];
  for (let s = 0; s < result.k; s++) {
    const members = customers.filter((_, i) => result.labels[i] === s);
    if (members.length === 0) continue;
    const med = (f: (c: CustomerSummary) => number) => sortedQuantile(Float64Array.from(members, f).sort(), 0.5);
    const r = med((c) => c.recencyDays);
    const f = med((c) => c.frequency);
    const m = med((c) => c.monetary);
    segments.push({ id: s, size: members.length, profile: describe(r, f, m, overall), medianRecencyDays: r, medianFrequency: f, medianMonetary: m });
  }
  segments.sort((a, b) => b.medianMonetary - a.medianMonetary);
  return { segments, labels: result.labels, silhouette: result.silhouette, silhouetteByK: result.scores };
}

function describe(r: number, f: number, m: number, overall: { r: Float64Array; f: Float64Array; m: Float64Array }): SegmentProfile {
  const tercile = (v: number, sorted: Float64Array) => (v <= sortedQuantile(sorted, 1 / 3) ? 'low' : v >= sortedQuantile(sorted, 2 / 3) ? 'high' : 'mid');
  const months = Math.round(r / 30.4);
  const recency = tercile(r, overall.r);
  return {
    spend: tercile(m, overall.m),
    often: f <= 1 ? 'once' : tercile(f, overall.f),
    recency:
      recency === 'high'
        ? { kind: 'lapsed', months }
        : recency === 'low'
          ? r <= 14 ? { kind: 'days', days: Math.max(1, Math.round(r)) } : { kind: 'weeks', weeks: Math.max(1, Math.round(r / 7)) }
          : { kind: 'about', months: Math.max(1, months) },
  };
}

function standardise(data: Float64Array, dim: number): void {
  const n = data.length / dim;
  for (let j = 0; j < dim; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += data[i * dim + j];
    mean /= n;
    let sd = 0;
    for (let i = 0; i < n; i++) sd += (data[i * dim + j] - mean) ** 2;
    sd = Math.sqrt(sd / n) || 1;
    for (let i = 0; i < n; i++) data[i * dim + j] = (data[i * dim + j] - mean) / sd;
  }
}
