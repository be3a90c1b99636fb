import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../../core/errors.ts';
import { chooseThreshold, parseThresholdRule, withGradeA } from './thresholds.ts';

// 100 hold-out leads, scores 0.99 … 0.00, every other one of the top 40 converted; 50 new leads a week.
const scores = Array.from({ length: 100 }, (_, i) => (99 - i) / 100);
const labels = scores.map((_, i) => (i < 40 && i % 2 === 0 ? 1 : 0));
const sample = { scores, labels, leadsPerWeek: 50 };

test('capacity per period selects that share of the hold-out', () => {
  const c = chooseThreshold(sample, { rule: 'capacity', capacity: 10, per: 'week' });
  // 10 of 50 a week = the top 20 % = 20 hold-out leads, of which 10 converted (of 20).
  assert.equal(c.threshold, 0.8);
  assert.deepEqual(c.expected, { leads_per_period: 10, precision: 0.5, recall: 0.5 });
  const perDay = chooseThreshold(sample, { rule: 'capacity', capacity: 50 / 7, per: 'day' });
  assert.equal(perDay.threshold, 0.0, 'a day of capacity covering every new lead flags them all');
  assert.ok(c.tradeoff.some((r) => r.threshold === c.threshold));
});

test('target precision and recall pick the widest / narrowest qualifying cut', () => {
  assert.equal(chooseThreshold(sample, { rule: 'precision', precision: 0.5 }).threshold, 0.6);
  assert.equal(chooseThreshold(sample, { rule: 'recall', recall: 0.5 }).threshold, 0.81);
  assert.equal(chooseThreshold(sample, { rule: 'precision', precision: 1 }).threshold, 0.99);
  const noisyTop = { ...sample, labels: labels.map((y, i) => (i === 0 ? 0 : y)) };
  assert.throws(() => chooseThreshold(noisyTop, { rule: 'precision', precision: 0.9 }), InputError);
});

test('rules are validated and grade cut-offs stay ordered', () => {
  assert.deepEqual(parseThresholdRule({ capacity: '200', per: 'week' }), { rule: 'capacity', capacity: 200, per: 'week' });
  assert.throws(() => parseThresholdRule({}), /exactly one/);
  assert.throws(() => parseThresholdRule({ capacity: 5, recall: 0.5 }), /exactly one/);
  assert.throws(() => parseThresholdRule({ precision: 'x' }), InputError);
  assert.throws(() => parseThresholdRule({ capacity: 5, per: 'year' }), /per must be/);
  assert.deepEqual(withGradeA([0.6, 0.4, 0.2], 0.3), [0.3, 0.3, 0.2]);
  assert.deepEqual(withGradeA([0.6, 0.4, 0.2], 0.8), [0.8, 0.4, 0.2]);
});
