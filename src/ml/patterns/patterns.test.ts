import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../random.ts';
import { benjaminiHochberg, fisherExact } from './fisher.ts';
import { minePatterns, type LabelledDeal } from './mine.ts';

test('Fisher exact test matches known values', () => {
  // R: fisher.test(matrix(c(3,1,1,3),2))$p.value = 0.4857143
  assert.ok(Math.abs(fisherExact(3, 1, 1, 3) - 0.4857143) < 1e-6);
  // R: fisher.test(matrix(c(10,2,3,15),2))$p.value = 0.0005367
  assert.ok(Math.abs(fisherExact(10, 3, 2, 15) - 0.0005367) < 1e-6);
  assert.equal(fisherExact(0, 0, 0, 0), 1);
});

test('Benjamini–Hochberg q-values are monotone and bounded', () => {
  const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.5]);
  assert.deepEqual(q.map((x) => Math.round(x * 1e4) / 1e4), [0.04, 0.0533, 0.0533, 0.5]);
});

test('a planted timing pattern is found; noise actions are not significant', () => {
  const rng = new Rng(3);
  const DAY = 86_400_000;
  const deals: LabelledDeal[] = [];
  for (let i = 0; i < 800; i++) {
    const demoDay = rng.bernoulli(0.4) ? 2 + rng.int(7) : 12 + rng.int(20);
    const events = [{ kind: 'email', at: 0 }, { kind: 'demo', at: demoDay * DAY }];
    for (let k = 0; k < 3; k++) events.push({ kind: rng.bernoulli(0.5) ? 'call' : 'note', at: (demoDay + 1 + k) * DAY });
    events.sort((a, b) => a.at - b.at);
    deals.push({ id: String(i), won: rng.bernoulli(demoDay <= 10 ? 0.65 : 0.35), events, firstContactAt: 0 });
  }
  const { results } = minePatterns(deals);
  const early = results.find((r) => r.key === 'demo_within_10d')!;
  assert.ok(early.qValue < 1e-6 && early.lift > 1.3, JSON.stringify(early));
  const noise = results.filter((r) => r.key.startsWith('note_at_least') || r.key.startsWith('call_at_least'));
  assert.ok(noise.length > 0 && noise.every((r) => r.qValue > 0.05), JSON.stringify(noise));
});
