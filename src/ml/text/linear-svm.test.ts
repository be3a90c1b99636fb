import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../random.ts';
import { trainLinearSvm } from './linear-svm.ts';
import { csrFromRows, csrRow, type SparseVector } from './sparse.ts';
import { fitTemperature, softmaxWithTemperature, thresholdBalanced, thresholdForRecall } from './calibration.ts';
import { topKIndices } from './topk.ts';

const vec = (pairs: [number, number][]): SparseVector => ({
  indices: Int32Array.from(pairs, (p) => p[0]),
  values: Float64Array.from(pairs, (p) => p[1]),
});

test('squared-hinge SVM reaches the analytic optimum on a two-point problem', () => {
  // min ½w² + C·[(1 − w)² + (1 − w)²] with x = ±1, no intercept → w = 4C / (1 + 4C).
  const X = csrFromRows([vec([[0, 1]]), vec([[0, -1]])], 1);
  for (const C of [0.25, 1, 4]) {
    const svm = trainLinearSvm(X, [0, 1], 2, { C, bias: 0, tolerance: 1e-8 });
    assert.ok(Math.abs(svm.weights[0] - (4 * C) / (1 + 4 * C)) < 1e-6, `C=${C}: ${svm.weights[0]}`);
  }
});

test('one-vs-rest SVM separates a noisy three-class toy problem on unseen rows', () => {
  const rng = new Rng(5);
  const make = (n: number) => {
    const rows: SparseVector[] = [];
    const y: number[] = [];
    for (let i = 0; i < n; i++) {
      const c = i % 3;
      // Each class owns features 10c..10c+9; every row also has two random shared noise features.
      const pairs: [number, number][] = [[10 * c + rng.int(10), 1], [30 + rng.int(20), 0.8], [50 + rng.int(20), 0.8]];
      rows.push(vec(pairs.sort((a, b) => a[0] - b[0])));
      y.push(c);
    }
    return { X: csrFromRows(rows, 70), y };
  };
  const train = make(300);
  const test_ = make(150);
  const svm = trainLinearSvm(train.X, train.y, 3, { seed: 2 });
  let correct = 0;
  for (let i = 0; i < test_.X.rows; i++) if (topKIndices(svm.decision(csrRow(test_.X, i)), 1)[0] === test_.y[i]) correct++;
  assert.equal(correct, test_.X.rows);
});

test('temperature scaling recovers the temperature that generated the labels', () => {
  const rng = new Rng(11);
  const margins: Float64Array[] = [];
  const truth: number[] = [];
  for (let i = 0; i < 4000; i++) {
    const m = Float64Array.from({ length: 5 }, () => rng.normal());
    margins.push(m);
    truth.push(rng.weighted(softmaxWithTemperature(m, 0.5)));
  }
  const t = fitTemperature(margins, truth);
  assert.ok(Math.abs(t - 0.5) < 0.05, `fitted ${t}`);
});

test('abstention thresholds: recall quantile and balanced sweep', () => {
  assert.ok(Math.abs(thresholdForRecall([0.9, 0.8, 0.7, 0.2], 0.75) - 0.45) < 1e-12);
  assert.equal(thresholdForRecall([0.9, 0.8], 1), 0);
  const t = thresholdBalanced(
    [{ confidence: 0.9, correct: true }, { confidence: 0.8, correct: true }, { confidence: 0.3, correct: false }],
    [0.2, 0.4, 0.5],
  );
  // Abstaining below 0.8 keeps both correct answers and catches every out-of-scope row.
  assert.ok(t > 0.5 && t <= 0.8, `threshold ${t}`);
});
