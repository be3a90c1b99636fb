import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../random.ts';
import { LinUcbPolicy, choleskySolve } from './linucb.ts';

test('choleskySolve solves a hand-computed 2×2 system and rejects a non-positive-definite one', () => {
  // [[4, 2], [2, 3]] y = [2, 1]: inverse is [[3, −2], [−2, 4]] / 8, so y = [0.5, 0].
  const y = choleskySolve(Float64Array.from([4, 2, 2, 3]), Float64Array.from([2, 1]), 2);
  assert.ok(Math.abs(y[0] - 0.5) < 1e-12 && Math.abs(y[1]) < 1e-12, String(y));
  assert.throws(() => choleskySolve(Float64Array.from([1, 2, 2, 1]), Float64Array.from([1, 1]), 2), /not positive definite/);
});

function feed(policy: LinUcbPolicy, rep: string, segment: string, wins: number, n: number, features?: number[], prefix = '') {
  for (let i = 0; i < n; i++) policy.update({ eventId: `${prefix}${rep}-${segment}-${i}`, context: { segment, features }, rep, reward: i < wins ? 1 : 0 });
}

test('the ridge prior shrinks an unseen segment toward the rep’s overall record; data in a segment overrides it', () => {
  const policy = new LinUcbPolicy({ ridge: 10 });
  feed(policy, 'ana', 'Retail', 24, 60); // 40% where an average rep wins ~30%
  feed(policy, 'ben', 'Retail', 12, 60); // 20%
  feed(policy, 'ben', 'Energy', 12, 60); // 20%
  // ana never worked Energy: her strong overall record puts her above ben there, below her Retail rate.
  const [ana, ben] = policy.meanRewards({ segment: 'Energy' }, ['ana', 'ben']);
  assert.ok(ana > ben, `ana ${ana} vs ben ${ben} in Energy`);
  assert.ok(ana > 0.2 && ana < 0.4, `ana ${ana}`);
  // With 60 outcomes ben's Retail estimate sits near his own 20%, pulled a little toward his prior.
  const benRetail = policy.meanRewards({ segment: 'Retail' }, ['ben'])[0];
  assert.ok(benRetail > 0.18 && benRetail < 0.26, `ben Retail ${benRetail}`);
  // More evidence moves the estimate closer to the rep's own rate.
  const before = policy.meanRewards({ segment: 'Energy' }, ['ana'])[0];
  feed(policy, 'ana', 'Energy', 6, 60, undefined, 'late-'); // 10% in Energy after all
  const afterwards = policy.meanRewards({ segment: 'Energy' }, ['ana'])[0];
  assert.ok(afterwards < before && afterwards < 0.16, `${before} → ${afterwards}`);
});

test('lead features beyond the segment are learned (a true linear model per rep)', () => {
  const policy = new LinUcbPolicy({ ridge: 2 });
  // Same segment; ana wins big deals (feature 1), ben small ones (feature 0).
  feed(policy, 'ana', 'Retail', 30, 50, [1], 'big-');
  feed(policy, 'ana', 'Retail', 5, 50, [0], 'small-');
  feed(policy, 'ben', 'Retail', 5, 50, [1], 'big-');
  feed(policy, 'ben', 'Retail', 30, 50, [0], 'small-');
  const big = policy.meanRewards({ segment: 'Retail', features: [1] }, ['ana', 'ben']);
  const small = policy.meanRewards({ segment: 'Retail', features: [0] }, ['ana', 'ben']);
  assert.ok(big[0] > big[1] + 0.2, `big deals ${big}`);
  assert.ok(small[1] > small[0] + 0.2, `small deals ${small}`);
  assert.throws(() => policy.meanRewards({ segment: 'Retail', features: [1, 0] }, ['ana']), /2 features, the policy was built with 1/);
});

test('assignments shrink the bonus before outcomes arrive, so delayed feedback does not herd every lead to one rep', () => {
  const policy = new LinUcbPolicy();
  const rng = new Rng(1);
  const picks = [0, 1, 2].map(() => policy.select({ segment: 'Retail' }, ['ana', 'ben', 'cem'], rng));
  assert.deepEqual(picks.map((p) => p.rep).sort(), ['ana', 'ben', 'cem']);
  const p = picks[0];
  assert.ok(p.propensity! > 0 && p.propensity! <= 1);
  assert.deepEqual(p.why.map((c) => c.code), ['winsSegment', 'bonus', p.exploring ? 'exploring' : 'bestSoFar']);
  assert.deepEqual(p.why[0].code === 'winsSegment' && [p.why[0].segment, p.why[0].outcomes], ['Retail', 0]);
  // A segment seen for the first time extends every rep's matrices; the state stays consistent.
  policy.update({ eventId: 'x', context: { segment: 'Energy' }, rep: 'ana', reward: 1 });
  const json = policy.toJSON() as { state: { segments: string[]; reps: Record<string, { gram: number[] }> } };
  assert.deepEqual(json.state.segments, ['Retail', 'Energy']);
  assert.ok(Object.values(json.state.reps).every((r) => r.gram.length === 4));
  assert.throws(() => new LinUcbPolicy({ ridge: 0 }), /ridge > 0/);
});
