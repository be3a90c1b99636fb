import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateOffPolicyOnSimulation } from './offline-evaluation.ts';

test('off-policy estimates from simulated ε-greedy logs land on the known truth', () => {
  const result = evaluateOffPolicyOnSimulation({ reps: 12, leads: 4000, segments: 6, seed: 3, epsilon: 0.3, resamples: 200 });
  assert.equal(result.logged, 2000);
  for (const t of result.targets) {
    for (const [name, e] of Object.entries({ ips: t.ips, snips: t.selfNormalisedIps, dr: t.doublyRobust })) {
      assert.ok(e.low <= t.truth && t.truth <= e.high, `${t.target} ${name}: truth ${t.truth.toFixed(3)} outside [${e.low.toFixed(3)}, ${e.high.toFixed(3)}]`);
    }
  }
  // The targets are told apart: the oracle beats uniform random, and the estimates agree on the order.
  const [oracle, , uniform] = result.targets;
  assert.ok(oracle.truth > uniform.truth + 0.02);
  assert.ok(oracle.doublyRobust.estimate > uniform.doublyRobust.estimate);
});
