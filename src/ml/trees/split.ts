// Gradient histograms and the best split of one leaf, for numeric and native categorical features.
// Histogram layout: per feature 256 slots (255 value bins + missing) × [sum g, sum h, count].
// Written by hand as part of the GBDT (see gbdt.ts for why no library).
import { MISSING_BIN, type FeatureBins } from './binning.ts';

export const SLOTS = 256;

export interface SplitParams {
  l2: number;
  minSamplesLeaf: number;
  minHessianLeaf: number;
  /** Added to the hessian when ordering categories (LightGBM's cat_smooth). */
  catSmooth: number;
}

export interface Split {
  gain: number;
  feature: number;
  /** Numeric: bins ≤ bin go left. */
  bin: number;
  missingLeft: boolean;
  /** Categorical: the bin codes (incl. MISSING_BIN) that go left. */
  leftCategories: number[] | null;
  leftG: number;
  leftH: number;
  leftCount: number;
}

/**
 * Adds the given rows' gradients into a zeroed histogram. Bins are feature-major (binned[f·n + r]) and
 * the node's gradients are first gathered into contiguous arrays, so the inner loop per feature touches
 * one 6 KB histogram slice (L1-resident) and one bin column: about 3× faster than row-by-row.
 */
export function buildHistogram(hist: Float64Array, binned: Uint8Array, n: number, p: number, order: Uint32Array, start: number, end: number, g: Float64Array, h: Float64Array, gOrd: Float64Array, hOrd: Float64Array): void {
  const m = end - start;
  for (let k = 0; k < m; k++) {
    const r = order[start + k];
    gOrd[k] = g[r];
    hOrd[k] = h[r];
  }
  for (let f = 0; f < p; f++) {
    const col = f * n;
    const base = f * SLOTS * 3;
    for (let k = 0; k < m; k++) {
      const slot = base + binned[col + order[start + k]] * 3;
      hist[slot] += gOrd[k];
      hist[slot + 1] += hOrd[k];
      hist[slot + 2] += 1;
    }
  }
}

/** sibling = parent − child, in place into `out`. */
export function subtractHistogram(out: Float64Array, parent: Float64Array, child: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] = parent[i] - child[i];
}

const score = (G: number, H: number, l2: number) => (G * G) / (H + l2);

export function bestSplit(hist: Float64Array, bins: readonly FeatureBins[], G: number, H: number, count: number, params: SplitParams): Split | null {
  const { l2, minSamplesLeaf, minHessianLeaf } = params;
  if (count < 2 * minSamplesLeaf) return null;
  const parentScore = score(G, H, l2);
  let best: Split | null = null;
  const ok = (hL: number, cL: number, hR: number, cR: number) => cL >= minSamplesLeaf && cR >= minSamplesLeaf && hL >= minHessianLeaf && hR >= minHessianLeaf;
  for (let f = 0; f < bins.length; f++) {
    const base = f * SLOTS * 3;
    const fb = bins[f];
    const mSlot = base + MISSING_BIN * 3;
    const mG = hist[mSlot];
    const mH = hist[mSlot + 1];
    const mC = hist[mSlot + 2];
    if (fb.categorical) {
      const cats: number[] = [];
      for (let b = 0; b < fb.nBins; b++) if (hist[base + b * 3 + 2] > 0) cats.push(b);
      if (mC > 0) cats.push(MISSING_BIN);
      if (cats.length < 2) continue;
      const key = (b: number) => hist[base + b * 3] / (hist[base + b * 3 + 1] + params.catSmooth);
      cats.sort((a, b) => key(a) - key(b));
      let gL = 0;
      let hL = 0;
      let cL = 0;
      for (let k = 0; k + 1 < cats.length; k++) {
        const slot = base + cats[k] * 3;
        gL += hist[slot];
        hL += hist[slot + 1];
        cL += hist[slot + 2];
        const gR = G - gL;
        const hR = H - hL;
        const cR = count - cL;
        if (!ok(hL, cL, hR, cR)) continue;
        const gain = score(gL, hL, l2) + score(gR, hR, l2) - parentScore;
        if (best === null || gain > best.gain) {
          best = { gain, feature: f, bin: -1, missingLeft: false, leftCategories: cats.slice(0, k + 1), leftG: gL, leftH: hL, leftCount: cL };
        }
      }
      continue;
    }
    let gL = 0;
    let hL = 0;
    let cL = 0;
    // b = nBins − 1 puts every value left; only useful as a missing-vs-present split.
    for (let b = 0; b < fb.nBins; b++) {
      const slot = base + b * 3;
      gL += hist[slot];
      hL += hist[slot + 1];
      cL += hist[slot + 2];
      // Missing values to the right.
      if (ok(hL, cL, H - hL, count - cL)) {
        const gain = score(gL, hL, l2) + score(G - gL, H - hL, l2) - parentScore;
        if (best === null || gain > best.gain) best = { gain, feature: f, bin: b, missingLeft: false, leftCategories: null, leftG: gL, leftH: hL, leftCount: cL };
      }
      // Missing values to the left.
      if (mC > 0 && b < fb.nBins - 1 && ok(hL + mH, cL + mC, H - hL - mH, count - cL - mC)) {
        const gain = score(gL + mG, hL + mH, l2) + score(G - gL - mG, H - hL - mH, l2) - parentScore;
        if (best === null || gain > best.gain) best = { gain, feature: f, bin: b, missingLeft: true, leftCategories: null, leftG: gL + mG, leftH: hL + mH, leftCount: cL + mC };
      }
    }
  }
  return best !== null && best.gain > 1e-12 ? best : null;
}
