import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../random.ts';
import type { DenseMatrix } from '../features/matrix.ts';
import { rocAuc } from '../metrics/classification.ts';
import { fitLogistic, logisticMargins } from '../linear/logistic.ts';
import { fitGbdt, gbdtMargins } from './gbdt.ts';
import { goesLeft, type Forest } from './forest.ts';
import { expectedMargin, treeShap } from './treeshap.ts';

function xorData(n: number, seed: number, noiseCols = 3): { X: DenseMatrix; y: Float64Array } {
  const rng = new Rng(seed);
  const p = 2 + noiseCols;
  const X = { data: new Float64Array(n * p), rows: n, cols: p };
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) X.data[i * p + j] = rng.next() * 2 - 1;
    const a = X.data[i * p];
    const b = X.data[i * p + 1];
    y[i] = rng.bernoulli(a * b > 0 ? 0.9 : 0.1) ? 1 : 0;
  }
  return { X, y };
}

test('GBDT learns an XOR interaction a linear model cannot', () => {
  const train = xorData(3000, 1);
  const test = xorData(2000, 2);
  const cat = new Array(train.X.cols).fill(false);
  const model = fitGbdt(train.X, train.y, cat, { maxIter: 200 });
  const auc = rocAuc(test.y, gbdtMargins(model, test.X));
  // Bayes-optimal AUC here is 0.9 (label noise 10 %).
  assert.ok(auc > 0.86, `GBDT AUC ${auc}`);
  const linear = fitLogistic(train.X, train.y, { l2: 1 });
  const linAuc = rocAuc(test.y, logisticMargins(linear, test.X));
  assert.ok(linAuc < 0.6, `linear AUC ${linAuc}`);
  assert.ok(model.nTrees < 200 && model.validationLoss.length > model.nTrees, 'early stopping kept the best iteration');
  // The two interacting features carry almost all the gain.
  const g = model.gainImportance;
  assert.ok(g[0] + g[1] > 0.8 * g.reduce((s, v) => s + v, 0));
});

test('native categorical split finds the exact category set in one split', () => {
  const rng = new Rng(4);
  const n = 4000;
  const X = { data: new Float64Array(n), rows: n, cols: 1 };
  const y = new Float64Array(n);
  const good = new Set([0, 3, 5]);
  for (let i = 0; i < n; i++) {
    const c = rng.int(8);
    X.data[i] = c;
    y[i] = rng.bernoulli(good.has(c) ? 0.8 : 0.2) ? 1 : 0;
  }
  const model = fitGbdt(X, y, [true], { maxIter: 1, maxLeaves: 2, validationFraction: 0, learningRate: 1 });
  const m = gbdtMargins(model, { data: Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7, NaN, 42]), rows: 10, cols: 1 });
  for (let c = 0; c < 8; c++) assert.equal(m[c] > 0, good.has(c), `category ${c}`);
  // Missing and unseen codes share one branch.
  assert.equal(m[8], m[9]);
});

test('missing values are routed to the side that fits them', () => {
  const rng = new Rng(5);
  const n = 2000;
  const X = { data: new Float64Array(n), rows: n, cols: 1 };
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const missing = rng.bernoulli(0.3);
    X.data[i] = missing ? NaN : rng.next();
    y[i] = rng.bernoulli(missing ? 0.9 : X.data[i] > 0.5 ? 0.4 : 0.1) ? 1 : 0;
  }
  const model = fitGbdt(X, y, [false], { maxIter: 50, validationFraction: 0 });
  const m = gbdtMargins(model, { data: Float64Array.from([NaN, 0.2, 0.8]), rows: 3, cols: 1 });
  assert.ok(m[0] > m[2] && m[2] > m[1]);
});

/** Shapley values by enumerating every coalition, with the same path-dependent expectation. */
function bruteForceShap(forest: Forest, row: Float64Array): Float64Array {
  const M = forest.nFeatures;
  const cond = (node: number, S: number): number => {
    if (forest.left[node] < 0) return forest.value[node];
    const f = forest.feature[node];
    if (S & (1 << f)) return cond(goesLeft(forest, node, row, 0) ? forest.left[node] : forest.right[node], S);
    const l = forest.left[node];
    const r = forest.right[node];
    return (forest.cover[l] * cond(l, S) + forest.cover[r] * cond(r, S)) / forest.cover[node];
  };
  const v = (S: number) => forest.roots.reduce((s, root) => s + cond(root, S), forest.init);
  const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
  const phi = new Float64Array(M);
  for (let i = 0; i < M; i++) {
    for (let S = 0; S < 1 << M; S++) {
      if (S & (1 << i)) continue;
      let size = 0;
      for (let b = 0; b < M; b++) if (S & (1 << b)) size++;
      phi[i] += ((fact(size) * fact(M - size - 1)) / fact(M)) * (v(S | (1 << i)) - v(S));
    }
  }
  return phi;
}

test('TreeSHAP equals brute-force Shapley values and sums exactly to the margin', () => {
  const { X, y } = xorData(1500, 7, 2);
  // Make feature 3 categorical with 6 codes and sprinkle missing values into feature 2.
  const rng = new Rng(8);
  for (let i = 0; i < X.rows; i++) {
    X.data[i * 4 + 3] = rng.int(6);
    if (rng.bernoulli(0.2)) X.data[i * 4 + 2] = NaN;
    if (X.data[i * 4 + 3] === 2 && rng.bernoulli(0.5)) y[i] = 1;
  }
  const model = fitGbdt(X, y, [false, false, false, true], { maxIter: 15, maxLeaves: 8, validationFraction: 0 });
  const margins = gbdtMargins(model, X);
  const base = expectedMargin(model.forest);
  for (let i = 0; i < 25; i++) {
    const row = X.data.slice(i * 4, i * 4 + 4);
    const phi = treeShap(model.forest, row);
    const brute = bruteForceShap(model.forest, row);
    for (let j = 0; j < 4; j++) assert.ok(Math.abs(phi[j] - brute[j]) < 1e-9, `row ${i} feature ${j}: ${phi[j]} vs ${brute[j]}`);
    assert.ok(Math.abs(phi.reduce((s, v) => s + v, 0) + base - margins[i]) < 1e-9);
  }
});
