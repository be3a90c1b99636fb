// Leakage guard: a single input that predicts the outcome almost perfectly is usually recorded after
// the outcome (a "status" or "closed reason" column). For each column we measure the cross-validated
// AUC of that column alone, via an out-of-fold, smoothed target-rate encoding of its value (numbers in
// 20 quantile bins, categories as themselves, missing as its own group).
// Written by hand: a few loops over existing pieces (folds, ROC AUC); no library offers this check.
import { rocAuc } from '../metrics/classification.ts';
import { stratifiedFolds } from './folds.ts';
import type { DenseMatrix } from './matrix.ts';

/** Group codes of one tree-design column: quantile bins for numbers, codes for categories, −1 for missing. */
function groupCodes(X: DenseMatrix, col: number, categorical: boolean): Int32Array {
  const n = X.rows;
  const codes = new Int32Array(n);
  if (categorical) {
    for (let i = 0; i < n; i++) {
      const v = X.data[i * X.cols + col];
      codes[i] = v === v ? v : -1;
    }
    return codes;
  }
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = X.data[i * X.cols + col];
    if (v === v) values.push(v);
  }
  values.sort((a, b) => a - b);
  const edges: number[] = [];
  for (let b = 1; b < 20; b++) {
    const e = values[Math.floor((b / 20) * (values.length - 1))];
    if (edges.length === 0 || e > edges[edges.length - 1]) edges.push(e);
  }
  for (let i = 0; i < n; i++) {
    const v = X.data[i * X.cols + col];
    if (v !== v) codes[i] = -1;
    else {
      let b = 0;
      while (b < edges.length && v > edges[b]) b++;
      codes[i] = b;
    }
  }
  return codes;
}

/** Cross-validated single-column AUC (≥ 0.5: a column that ranks inversely is just as leaky). */
export function singleColumnAuc(X: DenseMatrix, col: number, categorical: boolean, labels: ArrayLike<number>, k = 5, seed = 19): number {
  const codes = groupCodes(X, col, categorical);
  const fold = stratifiedFolds(labels, k, seed);
  const scores = new Float64Array(X.rows);
  const prior = 10;
  let groups = 0;
  for (const c of codes) groups = Math.max(groups, c + 2); // slot 0 is "missing" (code −1)
  const pos = new Float64Array(groups);
  const cnt = new Float64Array(groups);
  for (let f = 0; f < k; f++) {
    pos.fill(0);
    cnt.fill(0);
    let totalPos = 0;
    let total = 0;
    for (let i = 0; i < X.rows; i++) {
      if (fold[i] === f) continue;
      pos[codes[i] + 1] += labels[i];
      cnt[codes[i] + 1]++;
      totalPos += labels[i];
      total++;
    }
    const rate = totalPos / total;
    for (let i = 0; i < X.rows; i++) {
      if (fold[i] !== f) continue;
      scores[i] = (pos[codes[i] + 1] + prior * rate) / (cnt[codes[i] + 1] + prior);
    }
  }
  const auc = rocAuc(labels, scores);
  return Number.isNaN(auc) ? 0.5 : Math.max(auc, 1 - auc);
}
