import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../random.ts';
import { Ucb1Policy } from './ucb1.ts';

const ctx = { segment: 'Retail' };

test('every rep is tried once before the formula applies', () => {
  const policy = new Ucb1Policy();
  const rng = new Rng(3);
  const firstThree = [0, 1, 2].map(() => policy.select(ctx, ['ana', 'ben', 'cem'], rng));
  assert.deepEqual(firstThree.map((s) => s.rep).sort(), ['ana', 'ben', 'cem']);
  assert.ok(firstThree.every((s) => s.exploring && s.why[0].code === 'untried'));
});

test('UCB1 uses the AVERAGE reward plus c·sqrt(ln n / n_a), hand-computed', () => {
  // ana: 6 wins in 10 (avg .6), ben: 2 in 5 (.4), cem: 3 in 5 (.6); n = 20, c = √2.
  const policy = new Ucb1Policy({}, {
    totalAssigned: 20,
    arms: {
      ana: { assigned: 10, resolved: 10, rewardSum: 6 },
      ben: { assigned: 5, resolved: 5, rewardSum: 2 },
      cem: { assigned: 5, resolved: 5, rewardSum: 3 },
    },
  });
  // ana: .6 + √2·√(ln 20 / 10) = 1.37405; ben: .4 + √2·√(ln 20 / 5) = 1.49468; cem: .6 + 1.09468 = 1.69468
  assert.ok(Math.abs(policy.index('ana') - 1.37405) < 1e-4);
  assert.ok(Math.abs(policy.index('ben') - 1.49468) < 1e-4);
  assert.ok(Math.abs(policy.index('cem') - 1.69468) < 1e-4);
  // With sums instead of averages ana (6) would win; the average formula picks cem.
  const pick = policy.select(ctx, ['ana', 'ben', 'cem'], new Rng(1));
  assert.equal(pick.rep, 'cem');
  assert.equal(pick.propensity, 1);
  assert.deepEqual(pick.why[0], { code: 'averages', rate: 0.6, resolved: 5 });
  // Restricted to the eligible reps only.
  assert.equal(policy.select(ctx, ['ana', 'ben'], new Rng(1)).rep, 'ben');
});

test('delayed outcomes: an assigned-but-unresolved rep borrows the team average; duplicates are ignored', () => {
  const policy = new Ucb1Policy({ c: 0 });
  const rng = new Rng(2);
  policy.select(ctx, ['ana'], rng);
  policy.select(ctx, ['ben'], rng);
  assert.equal(policy.update({ eventId: 'lead-1', context: ctx, rep: 'ana', reward: 1 }), true);
  assert.equal(policy.update({ eventId: 'lead-1', context: ctx, rep: 'ana', reward: 1 }), false);
  assert.equal(policy.average('ana'), 1);
  assert.equal(policy.average('ben'), 1); // nothing resolved for ben yet: the team's average
  policy.update({ eventId: 'lead-2', context: ctx, rep: 'ben', reward: 0 });
  assert.equal(policy.average('ana'), 1);
  assert.equal(policy.average('ben'), 0);
});
