// Histogram gradient-boosted trees for binary log loss: leaf-wise growth (LightGBM, scikit-learn
// HistGradientBoosting), shrinkage, L2 on leaf values, minimum samples per leaf, native categorical
// splits ordered by gradient statistics, and early stopping on a stratified validation split.
// Written by hand: the JS ports of LightGBM/XGBoost are native bindings or WASM builds that do not
// run offline everywhere Node does, and none expose exact TreeSHAP; this is ~300 lines of loops.
import type { DenseMatrix } from '../features/matrix.ts';
import { allRows } from '../features/matrix.ts';
import { stratifiedHoldout } from '../features/folds.ts';
import { MISSING_BIN, prebin, type FeatureBins, type Prebinned } from './binning.ts';
import { ForestBuilder, forestMargins, type Forest } from './forest.ts';
import { bestSplit, buildHistogram, SLOTS, subtractHistogram, type Split, type SplitParams } from './split.ts';

export interface GbdtOptions {
  learningRate?: number;
  maxIter?: number;
  maxLeaves?: number;
  maxDepth?: number;
  minSamplesLeaf?: number;
  l2?: number;
  maxBins?: number;
  catSmooth?: number;
  /** Hold out this share of rows to stop when validation log loss stops improving; 0 disables. */
  validationFraction?: number;
  patience?: number;
  seed?: number;
  /** Fit on these rows only. */
  rows?: Uint32Array;
  /** Bins already fitted for X (shared across cross-validation folds); otherwise fitted on the training rows. */
  prebinned?: Prebinned;
}

export interface GbdtModel {
  forest: Forest;
  /** Total split gain per feature (a global importance). */
  gainImportance: Float64Array;
  /** Number of trees kept (the best validation iteration when early stopping). */
  nTrees: number;
  validationLoss: number[];
}

interface Leaf {
  node: number;
  start: number;
  end: number;
  depth: number;
  G: number;
  H: number;
  hist: Float64Array;
  split: Split | null;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function fitGbdt(X: DenseMatrix, y: ArrayLike<number>, categorical: readonly boolean[], options: GbdtOptions = {}): GbdtModel {
  const lr = options.learningRate ?? 0.1;
  const maxIter = options.maxIter ?? 300;
  const maxLeaves = Math.max(2, options.maxLeaves ?? 31);
  const maxDepth = options.maxDepth ?? Infinity;
  const params: SplitParams = {
    l2: options.l2 ?? 1,
    minSamplesLeaf: Math.max(1, options.minSamplesLeaf ?? 20),
    minHessianLeaf: 1e-3,
    catSmooth: options.catSmooth ?? 10,
  };
  const p = X.cols;
  const allFit = options.rows ?? allRows(X.rows);
  const vf = options.validationFraction ?? 0.1;
  const { train, valid } = vf > 0 ? stratifiedHoldout(y, allFit, vf, options.seed ?? 11) : { train: allFit, valid: new Uint32Array(0) };
  const { bins, binned }: { bins: FeatureBins[]; binned: Uint8Array } = options.prebinned ?? prebin(X, categorical, train, options.maxBins);
  const n = X.rows;
  const gOrd = new Float64Array(train.length);
  const hOrd = new Float64Array(train.length);

  let pos = 0;
  for (const r of train) pos += y[r];
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, pos / train.length));
  const init = Math.log(rate / (1 - rate));
  const raw = new Float64Array(X.rows).fill(init);
  const g = new Float64Array(X.rows);
  const h = new Float64Array(X.rows);
  const order = new Uint32Array(train.length);
  const builder = new ForestBuilder();
  const gainImportance = new Float64Array(p);
  const histSize = p * SLOTS * 3;
  const pool: Float64Array[] = [];
  const takeHist = () => pool.pop()?.fill(0) ?? new Float64Array(histSize);

  const validationLoss: number[] = [];
  let bestLoss = Infinity;
  let bestIter = 0;
  const patience = options.patience ?? 10;

  for (let iter = 0; iter < maxIter; iter++) {
    for (const r of train) {
      const pr = sigmoid(raw[r]);
      g[r] = pr - y[r];
      h[r] = Math.max(pr * (1 - pr), 1e-16);
    }
    order.set(train);
    const rootHist = takeHist();
    buildHistogram(rootHist, binned, n, p, order, 0, order.length, g, h, gOrd, hOrd);
    let G = 0;
    let H = 0;
    for (const r of train) (G += g[r]), (H += h[r]);
    const root = builder.addNode(train.length, 0);
    builder.roots.push(root);
    const leaves: Leaf[] = [{ node: root, start: 0, end: order.length, depth: 0, G, H, hist: rootHist, split: bestSplit(rootHist, bins, G, H, order.length, params) }];
    const finished: Leaf[] = [];

    while (leaves.length + finished.length < maxLeaves) {
      let bi = -1;
      for (let i = 0; i < leaves.length; i++) if (leaves[i].split && (bi < 0 || leaves[i].split!.gain > leaves[bi].split!.gain)) bi = i;
      if (bi < 0) break;
      const leaf = leaves[bi];
      const s = leaf.split!;
      const mid = partition(order, leaf.start, leaf.end, binned, n, s);
      const leftCount = mid - leaf.start;
      const rightCount = leaf.end - mid;
      const leftNode = builder.addNode(leftCount, 0);
      const rightNode = builder.addNode(rightCount, 0);
      if (s.leftCategories) builder.setCategoricalSplit(leaf.node, s.feature, s.leftCategories, leftNode, rightNode);
      else {
        const fb = bins[s.feature];
        const threshold = s.bin >= fb.thresholds.length ? Infinity : fb.thresholds[s.bin];
        // No missing values seen in training: send future ones the way most rows went.
        const missingLeft = hasMissing(leaf.hist, s.feature) ? s.missingLeft : leftCount >= rightCount;
        builder.setNumericSplit(leaf.node, s.feature, threshold, missingLeft, leftNode, rightNode);
      }
      gainImportance[s.feature] += s.gain;
      // Histogram of the smaller child by scan, the larger by subtraction.
      const smallHist = takeHist();
      const leftSmaller = leftCount <= rightCount;
      if (leftSmaller) buildHistogram(smallHist, binned, n, p, order, leaf.start, mid, g, h, gOrd, hOrd);
      else buildHistogram(smallHist, binned, n, p, order, mid, leaf.end, g, h, gOrd, hOrd);
      const largeHist = leaf.hist; // reused in place: parent − small
      subtractHistogram(largeHist, leaf.hist, smallHist);
      const depth = leaf.depth + 1;
      const mk = (node: number, start: number, end: number, G: number, H: number, hist: Float64Array): Leaf => ({
        node, start, end, depth, G, H, hist,
        split: depth < maxDepth ? bestSplit(hist, bins, G, H, end - start, params) : null,
      });
      const left = mk(leftNode, leaf.start, mid, s.leftG, s.leftH, leftSmaller ? smallHist : largeHist);
      const right = mk(rightNode, mid, leaf.end, leaf.G - s.leftG, leaf.H - s.leftH, leftSmaller ? largeHist : smallHist);
      leaves.splice(bi, 1, left, right);
      for (let i = leaves.length - 1; i >= 0; i--) {
        if (!leaves[i].split) finished.push(...leaves.splice(i, 1));
      }
    }
    for (const leaf of [...leaves, ...finished]) {
      const v = (-lr * leaf.G) / (leaf.H + params.l2);
      builder.value[leaf.node] = v;
      for (let k = leaf.start; k < leaf.end; k++) raw[order[k]] += v;
      pool.push(leaf.hist);
    }
    if (valid.length > 0) {
      const loss = validationStep(builder, raw, X, y, valid, p);
      validationLoss.push(loss);
      if (loss < bestLoss - 1e-7) {
        bestLoss = loss;
        bestIter = iter + 1;
      } else if (iter + 1 - bestIter >= patience) break;
    } else bestIter = iter + 1;
  }
  builder.truncate(bestIter);
  const forest = builder.pack(p, init);
  return { forest, gainImportance, nTrees: forest.roots.length, validationLoss };
}

function hasMissing(hist: Float64Array, f: number): boolean {
  return hist[(f * SLOTS + MISSING_BIN) * 3 + 2] > 0;
}

/** Reorders order[start:end) so rows going left come first; returns the boundary. */
function partition(order: Uint32Array, start: number, end: number, binned: Uint8Array, n: number, s: Split): number {
  let set: Uint8Array | null = null;
  if (s.leftCategories) {
    set = new Uint8Array(256);
    for (const c of s.leftCategories) set[c] = 1;
  }
  let i = start;
  let j = end - 1;
  const goesLeft = (r: number) => {
    const b = binned[s.feature * n + r];
    if (set) return set[b] === 1;
    return b === MISSING_BIN ? s.missingLeft : b <= s.bin;
  };
  while (i <= j) {
    if (goesLeft(order[i])) i++;
    else {
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
      j--;
    }
  }
  return i;
}

/** Adds the newest tree to the validation rows' margins and returns their log loss. */
function validationStep(builder: ForestBuilder, raw: Float64Array, X: DenseMatrix, y: ArrayLike<number>, valid: Uint32Array, p: number): number {
  const t = builder.roots.length - 1;
  const root = builder.roots[t];
  let loss = 0;
  for (const r of valid) {
    let node = root;
    const off = r * p;
    while (builder.left[node] >= 0) {
      const x = X.data[off + builder.feature[node]];
      const co = builder.catOffset[node];
      let goLeft: boolean;
      if (co >= 0) goLeft = builder.catSets[co + (x === x && x >= 0 && x < MISSING_BIN ? x | 0 : MISSING_BIN)] === 1;
      else goLeft = x === x ? x <= builder.threshold[node] : builder.missingLeft[node] === 1;
      node = goLeft ? builder.left[node] : builder.right[node];
    }
    raw[r] += builder.value[node];
    const z = raw[r];
    // log(1 + e^z) − y·z, stable
    loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[r] * z;
  }
  return loss / valid.length;
}

export function gbdtMargins(model: GbdtModel, X: DenseMatrix): Float64Array {
  return forestMargins(model.forest, X);
}
