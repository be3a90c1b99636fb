import { test } from 'node:test';
import assert from 'node:assert/strict';
import { comparePolicies } from './compare.ts';
import { ruleBreaches } from './simulator/check.ts';
import { generateWorld } from './simulator/world.ts';

test('the simulated world is realistic: segment base rates 5–40%, skill varies by segment', () => {
  const world = generateWorld({ reps: 20, leads: 2000, segments: 8, seed: 3 });
  const S = world.segments.length;
  const segmentMeans = world.segments.map((_, s) => world.reps.reduce((sum, _r, a) => sum + world.rates[a * S + s], 0) / world.reps.length);
  assert.ok(segmentMeans.every((m) => m > 0.03 && m < 0.5), String(segmentMeans));
  // Skill is not one ranking: many pairs of reps swap order between some two segments.
  let pairs = 0;
  let swapped = 0;
  for (let a = 0; a < world.reps.length; a++) {
    for (let b = a + 1; b < world.reps.length; b++) {
      pairs++;
      const diffs = world.segments.map((_, s) => world.rates[a * S + s] - world.rates[b * S + s]);
      if (Math.max(...diffs) > 0 && Math.min(...diffs) < 0) swapped++;
    }
  }
  assert.ok(swapped / pairs > 0.25, `${swapped}/${pairs} pairs swap order`);
  assert.ok(world.leads.every((l, i) => i === 0 || l.arrival >= world.leads[i - 1].arrival));
});

test('the referee flags an assignment that breaks a rule', () => {
  const world = generateWorld({ reps: 5, leads: 10, segments: 2, seed: 1 });
  const lead = { ...world.leads[0], territory: 'Mars' };
  const team = { open: Int32Array.from(world.reps, (r) => r.maxOpenLeads), assignedThisWeek: new Int32Array(5), assignedTotal: new Int32Array(5), teamAssigned: 0 };
  const breaches = ruleBreaches(world, lead, 0, team, lead.arrival);
  assert.ok(breaches.includes('capacity') && breaches.includes('territory'), String(breaches));
});

// Loose bounds on a smaller world; the strict targets (≤ 0.6× UCB1, ≤ 0.3× round-robin on
// 10,000 leads × 4 worlds) are measured by bench/lead-assignment.bench.ts.
test('learning policies beat UCB1 and rotation on regret, with zero rule violations (20 reps, 5,000 leads, 2 worlds)', () => {
  const s = comparePolicies({ reps: 20, leads: 5000, segments: 8, seeds: [1, 2], policies: ['round-robin', 'ucb1', 'thompson', 'contextual-thompson', 'linucb'] });
  for (const [name, r] of Object.entries(s)) {
    assert.equal(r.violations, 0, `${name} broke rules`);
    assert.equal(r.unassigned, 0, `${name} left leads unassigned`);
    assert.ok(Number.isFinite(r.regret) && r.regret >= 0);
  }
  for (const name of ['thompson', 'contextual-thompson', 'linucb']) {
    assert.ok(s[name].regret <= 0.75 * s.ucb1.regret, `${name} ${s[name].regret} vs ucb1 ${s.ucb1.regret}`);
    assert.ok(s[name].regret <= 0.4 * s['round-robin'].regret, `${name} ${s[name].regret} vs round-robin ${s['round-robin'].regret}`);
    assert.ok(s[name].duplicatesIgnored > 0, 'duplicate outcome deliveries were simulated and ignored');
  }
  assert.ok(s.ucb1.regret < s['round-robin'].regret);
});
