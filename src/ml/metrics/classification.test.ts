import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  accuracyAt, averagePrecision, brierScore, gradeCutoffs, gradeOf, liftAt, logLoss, populationStabilityIndex,
  reliabilityTable, rocAuc, thresholdForCapacity, thresholdForPrecision, thresholdForRecall, tradeoffTable,
} from './classification.ts';

const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} ≉ ${b}`);

// Sorted by score: 1 0 1 0 1. Negatives have 1 and 2 positives above → AUC 3/6.
const y = [1, 0, 1, 0, 1];
const s = [0.9, 0.8, 0.7, 0.3, 0.1];

test('ROC AUC counts pairs and halves ties', () => {
  close(rocAuc(y, s), 0.5);
  close(rocAuc([1, 0], [0.5, 0.5]), 0.5);
  close(rocAuc([1, 1, 0, 0], [0.9, 0.4, 0.4, 0.1]), (2 + 1.5) / 4);
  assert.ok(Number.isNaN(rocAuc([1, 1], [0.2, 0.3])));
});

test('average precision matches the step-curve definition (scikit-learn gives 0.75556)', () => {
  // 1/3·1 + 1/3·2/3 + 1/3·3/5 = 34/45
  close(averagePrecision(y, s), 34 / 45);
});

test('log loss, Brier, accuracy and lift by hand', () => {
  close(logLoss([1, 0], [0.8, 0.4]), (-Math.log(0.8) - Math.log(0.6)) / 2);
  close(brierScore([1, 0], [0.8, 0.4]), 0.1);
  close(accuracyAt(y, s, 0.5), 3 / 5);
  close(liftAt(y, s, 0.2), 1 / 0.6);
});

test('reliability table groups by probability bin', () => {
  const table = reliabilityTable([1, 0, 1, 1], [0.05, 0.15, 0.95, 0.91], 10);
  assert.equal(table.length, 3);
  assert.deepEqual(table.map((b) => b.count), [1, 1, 2]);
  close(table[2].meanPredicted, 0.93);
  close(table[2].observedRate, 1);
});

test('thresholds from capacity, precision and recall', () => {
  close(thresholdForCapacity(s, 2), 0.8);
  // Precision at cuts: 1, 1/2, 2/3, 1/2, 3/5 → lowest cut keeping ≥ 0.6 is 0.1 (3/5).
  close(thresholdForPrecision(y, s, 0.6)!.threshold, 0.1);
  close(thresholdForPrecision(y, s, 0.7)!.threshold, 0.9);
  close(thresholdForRecall(y, s, 0.6)!.threshold, 0.7);
  const table = tradeoffTable(y, s, [0.4]);
  assert.equal(table[0].selected, 2);
  close(table[0].precision, 0.5);
});

test('grades split the reference population 10/20/30/40', () => {
  const ref = Array.from({ length: 100 }, (_, i) => i / 100);
  const cut = gradeCutoffs(ref);
  assert.deepEqual(cut, [0.9, 0.7, 0.4]);
  assert.equal(gradeOf(0.95, cut), 'A');
  assert.equal(gradeOf(0.7, cut), 'B');
  assert.equal(gradeOf(0.5, cut), 'C');
  assert.equal(gradeOf(0.1, cut), 'D');
});

test('PSI is zero for the same sample and matches a hand-computed shift', () => {
  const ref = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  close(populationStabilityIndex(ref, ref), 0);
  // Two bins split at 6: reference 50/50, current 75/25.
  close(populationStabilityIndex(ref, [1, 1, 1, 7], 2), 0.25 * Math.log(1.5) + 0.25 * Math.log(2));
});

test('ROC curve points run from (0,0) to (1,1), are thinned to the limit, and match the AUC', async () => {
  const { rocCurve, liftByDecile, rocAuc } = await import('./classification.ts');
  const labels = Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 1 : 0));
  const scores = labels.map((y, i) => y * 0.3 + ((i * 37) % 100) / 100);
  const full = rocCurve(labels, scores, 10_000);
  assert.deepEqual(full[0], { fpr: 0, tpr: 0, threshold: 1 });
  assert.equal(full[full.length - 1].fpr, 1);
  assert.equal(full[full.length - 1].tpr, 1);
  let area = 0;
  for (let k = 1; k < full.length; k++) area += (full[k].fpr - full[k - 1].fpr) * (full[k].tpr + full[k - 1].tpr) / 2;
  assert.ok(Math.abs(area - rocAuc(labels, scores)) < 1e-12);
  const thin = rocCurve(labels, scores, 100);
  assert.equal(thin.length, 100);
  assert.deepEqual(thin[99], full[full.length - 1]);
  const lift = liftByDecile(labels, scores);
  assert.equal(lift.length, 10);
  assert.equal(lift.reduce((s, d) => s + d.rows, 0), 400);
  assert.ok(lift[0].lift > 1 && lift[0].conversion_rate >= lift[9].conversion_rate);
  assert.deepEqual(rocCurve([1, 1], [0.2, 0.4]), [], 'one class: no curve rather than NaN');
});
