import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../random.ts';
import { RoundRobinPolicy, WeightedRotationPolicy } from './rotation.ts';

const ctx = { segment: 'Retail' };
const rng = new Rng(1);

test('round-robin cycles through reps and skips the ones the rules excluded', () => {
  const policy = new RoundRobinPolicy();
  const all = ['ana', 'ben', 'cem'];
  const picks = [all, all, ['ana', 'cem'], all, all].map((eligible) => policy.select(ctx, eligible, rng).rep);
  // ben is away on the third lead; the rotation continues after cem, with no catch-up for ben.
  assert.deepEqual(picks, ['ana', 'ben', 'cem', 'ana', 'ben']);
});

test('weighted rotation shares leads by weight, evenly interleaved, and banks no credit while a rep is away', () => {
  const policy = new WeightedRotationPolicy({ weights: { ana: 2 } });
  const counts: Record<string, number> = {};
  const first: string[] = [];
  for (let i = 0; i < 400; i++) {
    const rep = policy.select(ctx, ['ana', 'ben', 'cem'], rng).rep;
    counts[rep] = (counts[rep] ?? 0) + 1;
    if (i < 4) first.push(rep);
  }
  assert.deepEqual(counts, { ana: 200, ben: 100, cem: 100 });
  assert.deepEqual(first, ['ana', 'ben', 'cem', 'ana']);
  // ben on holiday for 40 leads, then back: he gets his normal share, not a flood.
  for (let i = 0; i < 40; i++) assert.notEqual(policy.select(ctx, ['ana', 'cem'], rng).rep, 'ben');
  const after: Record<string, number> = {};
  for (let i = 0; i < 8; i++) {
    const rep = policy.select(ctx, ['ana', 'ben', 'cem'], rng).rep;
    after[rep] = (after[rep] ?? 0) + 1;
  }
  assert.ok((after.ben ?? 0) <= 3, `ben got ${after.ben} of 8 on return`);
});
