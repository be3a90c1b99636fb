import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coverage, finiteMean, mase, maseScale, smape } from './forecast.ts';

test('sMAPE follows the M3 definition 200|y − f|/(|y| + |f|)', () => {
  // (200·10/210 + 200·0/200 + 200·30/170) / 3
  const expected = (2000 / 210 + 0 + 6000 / 170) / 3;
  assert.ok(Math.abs(smape([100, 100, 100], [110, 100, 70]) - expected) < 1e-12);
  assert.equal(smape([0, 0], [0, 0]), 0);
  assert.equal(smape([0], [5]), 200);
});

test('MASE scales by the in-sample seasonal-naive MAE', () => {
  // Seasonal lag 2 on [1, 3, 2, 5, 4]: |2−1| + |5−3| + |4−2| = 5 over 3 → 5/3.
  assert.ok(Math.abs(maseScale([1, 3, 2, 5, 4], 2) - 5 / 3) < 1e-12);
  assert.ok(Math.abs(mase([10, 12], [11, 10], 1.5) - 1) < 1e-12);
  assert.equal(maseScale([4, 4, 4], 1), 0);
  assert.ok(Number.isNaN(mase([1], [2], 0)));
  // Too short for the season: lag 1.
  assert.equal(maseScale([1, 2, 4], 4), 1.5);
});

test('coverage counts bounds inclusively and finiteMean skips NaN', () => {
  assert.equal(coverage([1, 2, 3, 4], [0, 2, 4, 0], [1, 3, 5, 3]), 0.5);
  assert.deepEqual(finiteMean([1, NaN, 3]), { mean: 2, count: 2 });
  assert.deepEqual(finiteMean([]), { mean: 0, count: 0 });
});
