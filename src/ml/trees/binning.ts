// Maps each feature to at most 255 value bins (plus one missing bin) so gradient boosting can
// build histograms instead of sorting: the scheme of LightGBM and scikit-learn's HistGradientBoosting.
// Written by hand as part of the GBDT (see gbdt.ts for why no library).
import type { DenseMatrix } from '../features/matrix.ts';
import { Rng } from '../random.ts';

export const MISSING_BIN = 255;
export const MAX_VALUE_BINS = 255;

export interface FeatureBins {
  categorical: boolean;
  /** Numeric: bin b holds values ≤ thresholds[b] (and > thresholds[b-1]); the last bin holds the rest. */
  thresholds: Float64Array;
  /** Number of value bins in use (categorical: the number of category codes). */
  nBins: number;
}

/** Fits bin edges on (a seeded sample of at most `sampleSize` of) the given rows. */
export function fitBins(X: DenseMatrix, categorical: readonly boolean[], rows: Uint32Array, maxBins = MAX_VALUE_BINS, sampleSize = 200_000, seed = 5): FeatureBins[] {
  let sample = rows;
  if (rows.length > sampleSize) {
    const picked = new Rng(seed).shuffle(Array.from(rows)).slice(0, sampleSize);
    sample = Uint32Array.from(picked);
  }
  const out: FeatureBins[] = [];
  const values = new Float64Array(sample.length);
  for (let f = 0; f < X.cols; f++) {
    let m = 0;
    let maxCode = -1;
    for (const r of sample) {
      const v = X.data[r * X.cols + f];
      if (v === v) {
        values[m++] = v;
        if (v > maxCode) maxCode = v;
      }
    }
    if (categorical[f]) {
      out.push({ categorical: true, thresholds: new Float64Array(0), nBins: Math.min(MISSING_BIN, maxCode + 1) });
      continue;
    }
    const sorted = values.subarray(0, m).slice().sort();
    const distinct: number[] = [];
    for (let i = 0; i < m; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
    let thresholds: number[];
    if (distinct.length <= maxBins) {
      thresholds = [];
      for (let i = 0; i + 1 < distinct.length; i++) thresholds.push((distinct[i] + distinct[i + 1]) / 2);
    } else {
      // Quantile edges (midpoint between neighbouring order statistics), deduplicated.
      thresholds = [];
      for (let b = 1; b < maxBins; b++) {
        const pos = (b / maxBins) * (m - 1);
        const lo = Math.floor(pos);
        const t = (sorted[lo] + sorted[Math.min(m - 1, lo + 1)]) / 2;
        if (thresholds.length === 0 || t > thresholds[thresholds.length - 1]) thresholds.push(t);
      }
    }
    out.push({ categorical: false, thresholds: Float64Array.from(thresholds), nBins: thresholds.length + 1 });
  }
  return out;
}

function binOf(thresholds: Float64Array, v: number): number {
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= thresholds[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Feature-major Uint8 bin codes, binned[f·rows + r] (missing → MISSING_BIN; unseen category codes → MISSING_BIN). */
export function applyBins(X: DenseMatrix, bins: readonly FeatureBins[]): Uint8Array {
  const n = X.rows;
  const out = new Uint8Array(n * X.cols);
  for (let f = 0; f < X.cols; f++) {
    const fb = bins[f];
    const col = f * n;
    for (let i = 0; i < n; i++) {
      const v = X.data[i * X.cols + f];
      if (v !== v) out[col + i] = MISSING_BIN;
      else if (fb.categorical) out[col + i] = v >= 0 && v < fb.nBins ? v : MISSING_BIN;
      else out[col + i] = binOf(fb.thresholds, v);
    }
  }
  return out;
}

/** Bin edges and codes fitted once and shared by several fits on the same matrix (e.g. CV folds). */
export interface Prebinned {
  bins: FeatureBins[];
  binned: Uint8Array;
}

/** Bins fitted on `rows` and applied to all of X. Binning looks only at feature values, never labels. */
export function prebin(X: DenseMatrix, categorical: readonly boolean[], rows: Uint32Array, maxBins = MAX_VALUE_BINS): Prebinned {
  const bins = fitBins(X, categorical, rows, maxBins);
  return { bins, binned: applyBins(X, bins) };
}
