// Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2), ported from the
// reference C++ in the `shap` package: per-row attributions that sum to margin − expected margin.
// Written by hand: no JS implementation exists, and the algorithm is ~100 lines over our Forest.
import type { Forest } from './forest.ts';
import { goesLeft } from './forest.ts';

/** Cover-weighted mean margin: the value SHAP attributions are measured from. */
export function expectedMargin(forest: Forest): number {
  let sum = forest.init;
  for (const root of forest.roots) sum += meanValue(forest, root);
  return sum;
}

function meanValue(forest: Forest, node: number): number {
  if (forest.left[node] < 0) return forest.value[node];
  const l = forest.left[node];
  const r = forest.right[node];
  return (forest.cover[l] * meanValue(forest, l) + forest.cover[r] * meanValue(forest, r)) / forest.cover[node];
}

function treeDepth(forest: Forest, node: number): number {
  return forest.left[node] < 0 ? 0 : 1 + Math.max(treeDepth(forest, forest.left[node]), treeDepth(forest, forest.right[node]));
}

/** Path storage: one segment per recursion level, each a copy of the parent's path plus one element. */
class PathStore {
  feature: Int32Array;
  zero: Float64Array;
  one: Float64Array;
  weight: Float64Array;
  constructor(size: number) {
    this.feature = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.weight = new Float64Array(size);
  }
}

function extend(P: PathStore, at: number, depth: number, zero: number, one: number, feature: number): void {
  P.feature[at + depth] = feature;
  P.zero[at + depth] = zero;
  P.one[at + depth] = one;
  P.weight[at + depth] = depth === 0 ? 1 : 0;
  for (let i = depth - 1; i >= 0; i--) {
    P.weight[at + i + 1] += (one * P.weight[at + i] * (i + 1)) / (depth + 1);
    P.weight[at + i] = (zero * P.weight[at + i] * (depth - i)) / (depth + 1);
  }
}

function unwind(P: PathStore, at: number, depth: number, index: number): void {
  const one = P.one[at + index];
  const zero = P.zero[at + index];
  let next = P.weight[at + depth];
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = P.weight[at + i];
      P.weight[at + i] = (next * (depth + 1)) / ((i + 1) * one);
      next = tmp - (P.weight[at + i] * zero * (depth - i)) / (depth + 1);
    } else {
      P.weight[at + i] = (P.weight[at + i] * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = index; i < depth; i++) {
    P.feature[at + i] = P.feature[at + i + 1];
    P.zero[at + i] = P.zero[at + i + 1];
    P.one[at + i] = P.one[at + i + 1];
  }
}

function unwoundSum(P: PathStore, at: number, depth: number, index: number): number {
  const one = P.one[at + index];
  const zero = P.zero[at + index];
  let next = P.weight[at + depth];
  let total = 0;
  if (one !== 0) {
    for (let i = depth - 1; i >= 0; i--) {
      const tmp = (next * (depth + 1)) / ((i + 1) * one);
      total += tmp;
      next = P.weight[at + i] - (tmp * zero * (depth - i)) / (depth + 1);
    }
  } else {
    for (let i = depth - 1; i >= 0; i--) total += (P.weight[at + i] * (depth + 1)) / (zero * (depth - i));
  }
  return total;
}

function recurse(
  forest: Forest, data: ArrayLike<number>, off: number, phi: Float64Array, P: PathStore,
  node: number, parentAt: number, depth: number, zero: number, one: number, feature: number,
): void {
  // Copy the parent's path into this level's segment, then extend it.
  const at = parentAt + depth + 1;
  for (let i = 0; i < depth; i++) {
    P.feature[at + i] = P.feature[parentAt + i];
    P.zero[at + i] = P.zero[parentAt + i];
    P.one[at + i] = P.one[parentAt + i];
    P.weight[at + i] = P.weight[parentAt + i];
  }
  extend(P, at, depth, zero, one, feature);
  if (forest.left[node] < 0) {
    const v = forest.value[node];
    for (let i = 1; i <= depth; i++) {
      const w = unwoundSum(P, at, depth, i);
      phi[P.feature[at + i]] += w * (P.one[at + i] - P.zero[at + i]) * v;
    }
    return;
  }
  const split = forest.feature[node];
  const left = goesLeft(forest, node, data, off);
  const hot = left ? forest.left[node] : forest.right[node];
  const cold = left ? forest.right[node] : forest.left[node];
  const cover = forest.cover[node];
  let inZero = 1;
  let inOne = 1;
  let d = depth;
  let k = 1;
  for (; k <= d; k++) if (P.feature[at + k] === split) break;
  if (k <= d) {
    inZero = P.zero[at + k];
    inOne = P.one[at + k];
    unwind(P, at, d, k);
    d -= 1;
  }
  recurse(forest, data, off, phi, P, hot, at, d + 1, (forest.cover[hot] / cover) * inZero, inOne, split);
  recurse(forest, data, off, phi, P, cold, at, d + 1, (forest.cover[cold] / cover) * inZero, 0, split);
}

/**
 * SHAP values of one row (length nFeatures): phi.sum() = margin(row) − expectedMargin(forest),
 * exactly up to floating-point rounding.
 */
export function treeShap(forest: Forest, row: ArrayLike<number>, offset = 0, out?: Float64Array): Float64Array {
  const phi = out ?? new Float64Array(forest.nFeatures);
  let maxDepth = 0;
  for (const root of forest.roots) maxDepth = Math.max(maxDepth, treeDepth(forest, root));
  const levels = maxDepth + 2;
  const P = new PathStore(((levels + 2) * (levels + 3)) / 2);
  for (const root of forest.roots) recurse(forest, row, offset, phi, P, root, 0, 0, 1, 1, -1);
  return phi;
}
