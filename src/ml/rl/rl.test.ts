import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../random.ts';
import { estimateBehaviour } from './behaviour.ts';
import type { Episode } from './mdp.ts';
import { crossFittedEvaluation, learnPolicy } from './offline-policy.ts';

/** Two decisions: at start choose a (helps, +0.25 win) or b; then "late" choose c or d (no effect). */
function simulate(n: number, effect: number, seed: number): Episode[] {
  const rng = new Rng(seed);
  const out: Episode[] = [];
  for (let i = 0; i < n; i++) {
    const first = rng.bernoulli(0.3) ? 'a' : 'b';
    const second = rng.bernoulli(0.5) ? 'c' : 'd';
    const won = rng.bernoulli(0.4 + (first === 'a' ? effect : 0));
    out.push({ id: String(i), steps: [{ state: 'start', action: first, reward: 0 }, { state: 'late', action: second, reward: won ? 1 : 0 }] });
  }
  return out;
}

test('the behaviour policy is estimated from logged frequencies', () => {
  const mu = estimateBehaviour(simulate(4000, 0.25, 1)).policy('start');
  assert.ok(Math.abs(mu.get('a')! - 0.3) < 0.03);
  assert.equal(estimateBehaviour([]).policy('nowhere').size, 0);
});

test('the conservative policy prefers the helpful action and OPE shows a positive uplift', () => {
  const episodes = simulate(3000, 0.25, 2);
  const m = learnPolicy(episodes);
  assert.equal(m.improved.preferred.get('start'), 'a');
  const e = crossFittedEvaluation(episodes, { seed: 3, resamples: 300 });
  // The policy puts 0.3 + 0.5·0.7 = 0.65 on a: true value 0.4 + 0.25·0.65 = 0.5625 vs 0.475.
  assert.ok(e.upliftDr.ci[0] > 0, JSON.stringify(e.upliftDr));
  assert.ok(Math.abs(e.dr.value - 0.5625) < 0.04, `DR ${e.dr.value}`);
  assert.ok(Math.abs(e.wis.value - 0.5625) < 0.04, `WIS ${e.wis.value}`);
  assert.ok(e.behaviour.ci[0] < 0.475 && 0.475 < e.behaviour.ci[1]);
});

test('with no real effect the policy does not deviate and the uplift interval covers zero', () => {
  const episodes = simulate(3000, 0, 4);
  const m = learnPolicy(episodes);
  assert.equal(m.improved.preferred.size, 0);
  const e = crossFittedEvaluation(episodes, { seed: 5, resamples: 300 });
  assert.ok(e.upliftDr.ci[0] <= 0 && e.upliftDr.ci[1] >= 0, JSON.stringify(e.upliftDr));
});

test('where actions do not matter the policy rarely deviates (false-deviation rate over 40 data sets)', () => {
  let deviations = 0;
  for (let seed = 100; seed < 140; seed++) if (learnPolicy(simulate(1000, 0.25, seed)).improved.preferred.has('late')) deviations++;
  // Two actions each tested at two-sided 5%: about 5% expected; 15% would mean the bound is too loose.
  assert.ok(deviations <= 6, `${deviations}/40`);
});

test('actions with too few logged cases are never preferred', () => {
  const episodes = simulate(3000, 0.25, 6).map((e, i) => (i < 10 ? { ...e, steps: [{ state: 'start', action: 'rare', reward: 0 }, { ...e.steps[1], reward: 1 }] } : e));
  const m = learnPolicy(episodes, { minSupport: 20 });
  assert.notEqual(m.improved.preferred.get('start'), 'rare');
});
