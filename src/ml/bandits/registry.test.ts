import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../random.ts';
import { POLICY_NAMES, createPolicy, restorePolicy } from './registry.ts';
import type { PolicyState } from './policy.ts';

const reps = ['ana', 'ben', 'cem', 'dev'];
const segments = ['Retail', 'Energy'];

test('every policy survives a restart: JSON round-trip, then identical decisions', () => {
  for (const name of POLICY_NAMES) {
    const policy = createPolicy(name, { propensityDraws: 20 });
    const rng = new Rng(11);
    for (let i = 0; i < 60; i++) {
      const context = { segment: segments[i % 2] };
      const { rep, propensity, why } = policy.select(context, reps, rng);
      assert.ok(propensity === null || (propensity > 0 && propensity <= 1), `${name} propensity ${propensity}`);
      const numbers = why.flatMap((c) => Object.values(c).filter((v) => typeof v === 'number'));
      assert.ok(why.length > 0 && numbers.every(Number.isFinite), `${name}: ${JSON.stringify(why)}`);
      if (i % 3 !== 0) policy.update({ eventId: `lead-${i}`, context, rep, reward: name === 'thompson-revenue' ? (rng.bernoulli(0.3) ? 5000 : 0) : rng.bernoulli(0.3) ? 1 : 0 });
    }
    const saved = JSON.parse(JSON.stringify(policy.toJSON())) as PolicyState;
    const restored = restorePolicy(saved);
    assert.deepEqual(restored.toJSON(), policy.toJSON(), name);
    const a = new Rng(5);
    const b = new Rng(5);
    for (let i = 0; i < 20; i++) {
      const context = { segment: segments[i % 2] };
      assert.deepEqual(restored.select(context, reps, a), policy.select(context, reps, b), name);
    }
  }
});

test('a delayed outcome delivered twice changes nothing the second time', () => {
  for (const name of POLICY_NAMES) {
    const policy = createPolicy(name, { propensityDraws: 0 });
    const event = { eventId: 'lead-7:won', context: { segment: 'Retail' }, rep: 'ana', reward: 1 };
    policy.select(event.context, reps, new Rng(1));
    assert.equal(policy.update(event), true);
    const before = JSON.stringify(policy.toJSON());
    assert.equal(policy.update(event), false, name);
    assert.equal(JSON.stringify(policy.toJSON()), before, name);
    // …also after a restart.
    assert.equal(restorePolicy(JSON.parse(before)).update(event), false, name);
  }
});
