import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../random.ts';
import { BetaThompsonPolicy, RevenueThompsonPolicy } from './thompson.ts';
import { SegmentThompsonPolicy } from './segment-thompson.ts';

const ctx = { segment: 'Retail' };

test('Beta–Bernoulli posterior: wins and losses add to the Jeffreys Beta(½, ½) prior (or a chosen one), once per event', () => {
  const policy = new BetaThompsonPolicy();
  const outcomes = [1, 1, 0, 1, 0.5];
  outcomes.forEach((r, i) => policy.update({ eventId: `e${i}`, context: ctx, rep: 'ana', reward: r }));
  assert.deepEqual(policy.posterior('ana'), { a: 0.5 + 3.5, b: 0.5 + 1.5 });
  assert.equal(policy.update({ eventId: 'e0', context: ctx, rep: 'ana', reward: 1 }), false);
  assert.deepEqual(policy.posterior('ana'), { a: 4, b: 2 });
  assert.deepEqual(policy.posterior('nobody'), { a: 0.5, b: 0.5 });
  assert.deepEqual(new BetaThompsonPolicy({ priorWins: 1, priorLosses: 1 }).posterior('nobody'), { a: 1, b: 1 });
  assert.deepEqual(policy.meanRewards(ctx, ['ana', 'nobody']), [4 / 6, 0.5]);
});

test('Thompson picks reps in proportion to their chance of being best, and its propensity estimate agrees', () => {
  const policy = new BetaThompsonPolicy({ propensityDraws: 400 });
  for (let i = 0; i < 40; i++) {
    policy.update({ eventId: `a${i}`, context: ctx, rep: 'ana', reward: i < 12 ? 1 : 0 }); // 30%
    policy.update({ eventId: `b${i}`, context: ctx, rep: 'ben', reward: i < 8 ? 1 : 0 }); // 20%
  }
  const rng = new Rng(9);
  let ana = 0;
  let propensitySum = 0;
  for (let i = 0; i < 1000; i++) {
    const s = policy.select(ctx, ['ana', 'ben'], rng);
    if (s.rep === 'ana') {
      ana++;
      propensitySum += s.propensity!;
    }
  }
  // P(Beta(12.5, 28.5) > Beta(8.5, 32.5)) ≈ 0.85 (by simulation)
  assert.ok(ana > 800 && ana < 920, `ana chosen ${ana} times`);
  assert.ok(Math.abs(propensitySum / ana - ana / 1000) < 0.04);
});

test('revenue Thompson prefers the rep with more expected revenue, not just more wins', () => {
  const policy = new RevenueThompsonPolicy({ propensityDraws: 0 });
  for (let i = 0; i < 60; i++) {
    policy.update({ eventId: `a${i}`, context: ctx, rep: 'ana', reward: i % 4 === 0 ? 10_000 * (1 + (i % 3) / 10) : 0 }); // 25% × ~11k
    policy.update({ eventId: `b${i}`, context: ctx, rep: 'ben', reward: i % 3 === 0 ? 2_000 * (1 + (i % 5) / 10) : 0 }); // 33% × ~2.4k
  }
  const rng = new Rng(4);
  let ana = 0;
  for (let i = 0; i < 300; i++) if (policy.select(ctx, ['ana', 'ben'], rng).rep === 'ana') ana++;
  assert.ok(ana > 280, `ana chosen ${ana} of 300`);
  const deal = policy.select(ctx, ['ana'], rng).why.find((c) => c.code === 'typicalDeal');
  assert.ok(deal && 'amount' in deal && deal.amount >= 10_000 && deal.amount < 20_000, JSON.stringify(deal));
});

test('contextual Thompson learns which rep wins which segment and shrinks sparse cells toward the overall record', () => {
  const policy = new SegmentThompsonPolicy({ propensityDraws: 0 });
  let id = 0;
  const feed = (rep: string, segment: string, wins: number, n: number) => {
    for (let i = 0; i < n; i++) policy.update({ eventId: String(id++), context: { segment }, rep, reward: i < wins ? 1 : 0 });
  };
  feed('ana', 'Manufacturing', 24, 60); // 40%
  feed('ana', 'Retail', 6, 60); // 10%
  feed('ben', 'Manufacturing', 6, 60);
  feed('ben', 'Retail', 24, 60);
  feed('cem', 'Manufacturing', 3, 10); // little data: leans on the overall record
  const rng = new Rng(5);
  const count = (segment: string, rep: string) => {
    let n = 0;
    for (let i = 0; i < 300; i++) if (policy.select({ segment }, ['ana', 'ben'], rng).rep === rep) n++;
    return n;
  };
  assert.ok(count('Manufacturing', 'ana') > 285);
  assert.ok(count('Retail', 'ben') > 285);
  // cem never worked Retail: prior mean = Retail rate (~30/120 pulled toward overall) × cem's lift.
  const unseen = policy.posterior('cem', 'Retail');
  assert.equal(unseen.outcomes, 0);
  assert.ok(unseen.priorMean > 0.15 && unseen.priorMean < 0.35, `prior mean ${unseen.priorMean}`);
  const s = policy.select({ segment: 'Manufacturing' }, ['ana'], rng);
  const wins = s.why[0];
  assert.ok(wins.code === 'winsSegment' && wins.segment === 'Manufacturing' && wins.outcomes === 60 && wins.rate >= 0.295 && wins.rate < 0.395, JSON.stringify(wins));
  assert.equal(policy.update({ eventId: '0', context: { segment: 'Retail' }, rep: 'ana', reward: 1 }), false);
});
