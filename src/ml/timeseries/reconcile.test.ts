import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matrix, reconcileBottomUp, reconcileMinT, shrinkageCovariance } from './reconcile.ts';
import { close } from './testdata.ts';

// Total = A + B; rows of S and of the forecasts are [total, A, B].
const S = matrix([[1, 1], [1, 0], [0, 1]]);
const base = matrix([[10, 11], [6, 6.5], [5, 5]]);
const residuals = matrix([[1, 0.5, 0.3], [-0.5, -0.2, -0.4], [0.8, 0.6, 0.1], [-1.2, -0.7, -0.6], [0.3, 0.1, 0.3], [-0.4, -0.3, 0.2]]);

test('bottom-up sums the bottom forecasts', () => {
  assert.deepEqual(Array.from(reconcileBottomUp(S, base).data), [11, 11.5, 6, 6.5, 5, 5]);
});

test('MinT with shrinkage matches a NumPy transcription of hts::MinT(covariance = "shr")', () => {
  // NumPy (shrink.estim + S(S'W⁻¹S)⁻¹S'W⁻¹ŷ): lambda 0.229161282835534,
  // reconciled [[10.69242292, 11.34621146], [5.88025743, 6.44012872], [4.81216549, 4.90608275]].
  const { forecasts, lambda } = reconcileMinT(S, base, residuals);
  close(lambda, 0.229161282835534, 1e-12);
  [10.69242292, 11.34621146, 5.88025743, 6.44012872, 4.81216549, 4.90608275].forEach((v, i) => close(forecasts.data[i], v, 1e-8));
  // Coherent: total = A + B at every step.
  for (let j = 0; j < 2; j++) close(forecasts.data[j], forecasts.data[2 + j] + forecasts.data[4 + j], 1e-12);
});

test('already coherent forecasts are left unchanged and uncorrelated residuals shrink fully', () => {
  const coherent = matrix([[11, 12], [6, 7], [5, 5]]);
  const { forecasts } = reconcileMinT(S, coherent, residuals);
  forecasts.data.forEach((v, i) => close(v, coherent.data[i], 1e-10));
  // Orthogonal residual columns: off-diagonal correlation 0 → lambda = 1 (diagonal target).
  const ortho = matrix([[1, 1, 1], [1, -1, -1], [-1, 1, -1], [-1, -1, 1]]);
  assert.equal(shrinkageCovariance(ortho).lambda, 1);
});
