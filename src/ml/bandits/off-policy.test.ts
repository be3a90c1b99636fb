import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../random.ts';
import { doublyRobustEstimate, ipsEstimate, replayEstimate, type LoggedDecision, type TargetPolicy } from './off-policy.ts';

// A known world: 5 reps, 3 segments, true win rates; 2–5 reps eligible per lead.
const reps = ['r0', 'r1', 'r2', 'r3', 'r4'];
const segments = ['A', 'B', 'C'];
const rate = (segment: string, rep: string) => 0.1 + 0.15 * ((reps.indexOf(rep) + 2 * segments.indexOf(segment)) % 5) / 2;

/** Logs from an ε-greedy logger that favours r0 (a poor choice in some segments), with exact propensities. */
function makeLogs(seed: number, n: number, epsilon: number): LoggedDecision[] {
  const rng = new Rng(seed);
  const logs: LoggedDecision[] = [];
  for (let i = 0; i < n; i++) {
    const segment = rng.pick(segments);
    const eligible = rng.shuffle([...reps]).slice(0, 2 + rng.int(4)).sort();
    const favourite = eligible.includes('r0') ? 'r0' : eligible[0];
    const explore = rng.bernoulli(epsilon);
    const rep = explore ? rng.pick(eligible) : favourite;
    const propensity = epsilon / eligible.length + (rep === favourite ? 1 - epsilon : 0);
    logs.push({ context: { segment }, eligible, rep, propensity, reward: rng.bernoulli(rate(segment, rep)) ? 1 : 0 });
  }
  return logs;
}

const bestRep: TargetPolicy = (context, eligible) => {
  const scores = eligible.map((r) => rate(context.segment, r));
  const best = scores.indexOf(Math.max(...scores));
  return Float64Array.from(eligible, (_, k) => (k === best ? 1 : 0));
};

function truth(logs: LoggedDecision[], target: TargetPolicy): number {
  let sum = 0;
  for (const d of logs) {
    const p = target(d.context, d.eligible);
    d.eligible.forEach((r, k) => (sum += p[k] * rate(d.context.segment, r)));
  }
  return sum / logs.length;
}

test('IPS, self-normalised IPS and doubly robust cover the truth on a known logging policy', () => {
  let covered = 0;
  let total = 0;
  let errorSum = 0;
  for (let seed = 1; seed <= 12; seed++) {
    const logs = makeLogs(seed, 3000, 0.3);
    const t = truth(logs, bestRep);
    for (const e of [ipsEstimate(logs, bestRep, { seed }), ipsEstimate(logs, bestRep, { seed, selfNormalised: true }), doublyRobustEstimate(logs, bestRep, { seed })]) {
      total++;
      if (e.low <= t && t <= e.high) covered++;
      errorSum += e.estimate - t;
      assert.ok(e.low <= e.estimate && e.estimate <= e.high);
    }
  }
  assert.ok(covered / total >= 0.85, `95% intervals covered the truth ${covered}/${total} times`);
  assert.ok(Math.abs(errorSum / total) < 0.01, `mean error ${errorSum / total}`); // unbiased on average
});

test('doubly robust is tighter than IPS; clipping buys effective sample size at the price of bias', () => {
  const logs = makeLogs(99, 4000, 0.3);
  const ips = ipsEstimate(logs, bestRep);
  const dr = doublyRobustEstimate(logs, bestRep);
  const clipped = ipsEstimate(logs, bestRep, { clip: 3 });
  assert.ok(dr.high - dr.low < ips.high - ips.low);
  assert.ok(clipped.effectiveSampleSize > ips.effectiveSampleSize);
  assert.ok(clipped.estimate < ips.estimate); // weights only shrink, rewards are ≥ 0
});

test('replay is unbiased when the logs were uniformly random', () => {
  const logs = makeLogs(7, 6000, 1);
  const t = truth(logs, bestRep);
  const replay = replayEstimate(logs, bestRep);
  assert.ok(replay.low <= t && t <= replay.high, `truth ${t} vs ${replay.estimate} [${replay.low}, ${replay.high}]`);
  assert.ok(replay.n > 1000 && replay.n < 3000); // ~1/|eligible| of the logs match
});
