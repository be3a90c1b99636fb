// A trained ensemble packed into flat typed arrays (all trees' nodes end to end) so batch
// scoring is a tight loop over raw feature values, with no binning at prediction time.
// Written by hand as part of the GBDT (see gbdt.ts for why no library).
import type { DenseMatrix } from '../features/matrix.ts';
import { MISSING_BIN } from './binning.ts';

export interface Forest {
  nFeatures: number;
  /** Root node index of each tree. */
  roots: Int32Array;
  /** Split feature, or −1 for a leaf. */
  feature: Int32Array;
  /** Numeric split: value ≤ threshold goes left. */
  threshold: Float64Array;
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  /** Leaf output (already multiplied by the learning rate). */
  value: Float64Array;
  /** Training rows that reached the node (TreeSHAP's cover). */
  cover: Float64Array;
  /** Categorical split: offset of its 256-byte left-set in catSets; −1 for numeric splits. */
  catOffset: Int32Array;
  catSets: Uint8Array;
  /** Margin before any tree (log-odds of the training base rate). */
  init: number;
}

/** Growable node storage used while training; `pack` turns it into a Forest. */
export class ForestBuilder {
  feature: number[] = [];
  threshold: number[] = [];
  missingLeft: number[] = [];
  left: number[] = [];
  right: number[] = [];
  value: number[] = [];
  cover: number[] = [];
  catOffset: number[] = [];
  catSets: number[] = [];
  roots: number[] = [];

  addNode(cover: number, value: number): number {
    this.feature.push(-1);
    this.threshold.push(0);
    this.missingLeft.push(0);
    this.left.push(-1);
    this.right.push(-1);
    this.value.push(value);
    this.cover.push(cover);
    this.catOffset.push(-1);
    return this.feature.length - 1;
  }

  setNumericSplit(node: number, feature: number, threshold: number, missingLeft: boolean, left: number, right: number): void {
    this.feature[node] = feature;
    this.threshold[node] = threshold;
    this.missingLeft[node] = missingLeft ? 1 : 0;
    this.left[node] = left;
    this.right[node] = right;
  }

  setCategoricalSplit(node: number, feature: number, leftCodes: readonly number[], left: number, right: number): void {
    this.feature[node] = feature;
    this.catOffset[node] = this.catSets.length;
    const set = new Array<number>(256).fill(0);
    for (const c of leftCodes) set[c] = 1;
    this.catSets.push(...set);
    this.missingLeft[node] = set[MISSING_BIN];
    this.left[node] = left;
    this.right[node] = right;
  }

  /** Drops the nodes of trees after the first `nTrees` (they were appended last). */
  truncate(nTrees: number): void {
    if (nTrees >= this.roots.length) return;
    const end = this.roots[nTrees];
    let catEnd = this.catSets.length;
    for (let i = end; i < this.catOffset.length; i++) if (this.catOffset[i] >= 0) { catEnd = this.catOffset[i]; break; }
    for (const arr of [this.feature, this.threshold, this.missingLeft, this.left, this.right, this.value, this.cover, this.catOffset]) arr.length = end;
    this.catSets.length = catEnd;
    this.roots.length = nTrees;
  }

  pack(nFeatures: number, init: number): Forest {
    return {
      nFeatures,
      roots: Int32Array.from(this.roots),
      feature: Int32Array.from(this.feature),
      threshold: Float64Array.from(this.threshold),
      missingLeft: Uint8Array.from(this.missingLeft),
      left: Int32Array.from(this.left),
      right: Int32Array.from(this.right),
      value: Float64Array.from(this.value),
      cover: Float64Array.from(this.cover),
      catOffset: Int32Array.from(this.catOffset),
      catSets: Uint8Array.from(this.catSets),
      init,
    };
  }
}

/** Whether a row goes to the left child of `node`. */
export function goesLeft(forest: Forest, node: number, data: ArrayLike<number>, off: number): boolean {
  const x = data[off + forest.feature[node]];
  const co = forest.catOffset[node];
  if (co >= 0) {
    // Missing, negative, fractional-free out-of-range or unseen codes share the missing slot.
    const code = x === x && x >= 0 && x < MISSING_BIN ? x | 0 : MISSING_BIN;
    return forest.catSets[co + code] === 1;
  }
  return x === x ? x <= forest.threshold[node] : forest.missingLeft[node] === 1;
}

/** Leaf reached by one row in one tree. */
export function leafOf(forest: Forest, root: number, data: ArrayLike<number>, off: number): number {
  let node = root;
  while (forest.left[node] >= 0) node = goesLeft(forest, node, data, off) ? forest.left[node] : forest.right[node];
  return node;
}

/**
 * Log-odds margins for all rows of X. Rows go in blocks of 32 through every tree: the block's
 * feature values stay in L1 while the (small) forest stays in L2, instead of streaming the whole
 * matrix once per tree.
 */
export function forestMargins(forest: Forest, X: DenseMatrix, nTrees = forest.roots.length): Float64Array {
  const out = new Float64Array(X.rows).fill(forest.init);
  const { feature, threshold, missingLeft, left, right, value, catOffset, catSets, roots } = forest;
  const d = X.data;
  const p = X.cols;
  const BLOCK = 32;
  for (let start = 0; start < X.rows; start += BLOCK) {
    const end = Math.min(X.rows, start + BLOCK);
    for (let t = 0; t < nTrees; t++) {
      const root = roots[t];
      for (let i = start; i < end; i++) {
        const off = i * p;
        let node = root;
        while (left[node] >= 0) {
          const x = d[off + feature[node]];
          const co = catOffset[node];
          let goLeft: boolean;
          if (co >= 0) goLeft = catSets[co + (x === x && x >= 0 && x < MISSING_BIN ? x | 0 : MISSING_BIN)] === 1;
          else goLeft = x === x ? x <= threshold[node] : missingLeft[node] === 1;
          node = goLeft ? left[node] : right[node];
        }
        out[i] += value[node];
      }
    }
  }
  return out;
}
