import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../random.ts';
import type { DenseMatrix } from '../features/matrix.ts';
import { stratifiedFolds } from '../features/folds.ts';
import { fitLogistic, logisticBaseMargin, logisticContributions, logisticMargins, sigmoid } from './logistic.ts';
import { crossValidateLogistic } from './logistic-cv.ts';

const close = (a: number, b: number, tol: number) => assert.ok(Math.abs(a - b) <= tol, `${a} ≉ ${b}`);
const matrix = (rows: number[][]): DenseMatrix => ({ data: Float64Array.from(rows.flat()), rows: rows.length, cols: rows[0].length });

test('with one binary predictor the unpenalised fit is the log odds ratio', () => {
  // x=0: 3 of 10 convert; x=1: 6 of 10 convert.
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 10; i++) (x.push([0]), y.push(i < 3 ? 1 : 0));
  for (let i = 0; i < 10; i++) (x.push([1]), y.push(i < 6 ? 1 : 0));
  const m = fitLogistic(matrix(x), y, { l2: 0 });
  close(m.intercept, Math.log(3 / 7), 1e-9);
  close(m.coef[0], Math.log(6 / 4) - Math.log(3 / 7), 1e-9);
  assert.ok(m.converged);
});

test('Challenger O-ring data reproduces the published fit 15.0429 − 0.2322·temperature', () => {
  // 23 launches (temperature °F, any O-ring incident); statsmodels Logit gives 15.0429, −0.2322.
  const temp = [66, 70, 69, 68, 67, 72, 73, 70, 57, 63, 70, 78, 67, 53, 67, 75, 70, 81, 76, 79, 75, 76, 58];
  const fail = [0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1];
  const m = fitLogistic(matrix(temp.map((t) => [t])), fail, { l2: 0 });
  close(m.intercept, 15.0429, 5e-4);
  close(m.coef[0], -0.2322, 5e-5);
});

test('penalised solution satisfies the optimality condition Xᵀ(μ − y) + λw = 0', () => {
  const rng = new Rng(3);
  const n = 400;
  const rows: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = [rng.normal(), rng.normal(), rng.bernoulli(0.3) ? 1 : 0];
    rows.push(r);
    y.push(rng.bernoulli(sigmoid(0.5 + 1.5 * r[0] - r[1] + 0.8 * r[2])) ? 1 : 0);
  }
  const X = matrix(rows);
  const l2 = 5;
  const m = fitLogistic(X, y, { l2 });
  const margins = logisticMargins(m, X);
  for (let j = 0; j < 3; j++) {
    let g = l2 * m.coef[j];
    for (let i = 0; i < n; i++) g += (sigmoid(margins[i]) - y[i]) * rows[i][j];
    close(g, 0, 1e-6);
  }
  let g0 = 0;
  for (let i = 0; i < n; i++) g0 += sigmoid(margins[i]) - y[i];
  close(g0, 0, 1e-6);
  // L-BFGS (used for wide designs) reaches the same optimum.
  const viaLbfgs = fitLogistic(X, y, { l2, solver: 'lbfgs' });
  for (let j = 0; j < 3; j++) close(viaLbfgs.coef[j], m.coef[j], 1e-6);
  close(viaLbfgs.intercept, m.intercept, 1e-6);
  // Contributions sum exactly to margin − base margin.
  const contrib = logisticContributions(m, rows[7]);
  close(contrib.reduce((a, b) => a + b, 0), margins[7] - logisticBaseMargin(m), 1e-12);
});

test('cross-validation prefers a strong penalty on pure noise and a weak one on signal', () => {
  const rng = new Rng(9);
  const n = 300;
  const p = 20;
  const build = (signal: boolean) => {
    const data = new Float64Array(n * p);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) data[i * p + j] = rng.normal();
      y[i] = rng.bernoulli(sigmoid(signal ? 3 * data[i * p] : 0)) ? 1 : 0;
    }
    return { X: { data, rows: n, cols: p }, y };
  };
  const noise = build(false);
  const cvNoise = crossValidateLogistic(noise.X, noise.y, stratifiedFolds(noise.y, 5), 5);
  assert.ok(cvNoise.bestC <= 0.01, `noise picked C=${cvNoise.bestC}`);
  const sig = build(true);
  const cvSig = crossValidateLogistic(sig.X, sig.y, stratifiedFolds(sig.y, 5), 5);
  assert.ok(cvSig.bestC >= 0.1, `signal picked C=${cvSig.bestC}`);
  assert.ok(cvSig.path.every((p) => Number.isFinite(p.logLoss)));
});
