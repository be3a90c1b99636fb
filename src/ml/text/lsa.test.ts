import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../random.ts';
import { fitLsa, randomizedSvd } from './lsa.ts';
import { csrFromRows } from './sparse.ts';
import { createDenseIndex } from './dense-index.ts';
import { createHybridIndex } from './hybrid-search.ts';
import { symmetricEigen } from '../linalg.ts';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);

test('randomized SVD recovers known singular values', () => {
  // Orthogonal rows with norms 5, 3, 2, 1 (disjoint supports): singular values are exactly those.
  const rows = [
    { indices: Int32Array.of(0, 1), values: Float64Array.of(3, 4) },
    { indices: Int32Array.of(2), values: Float64Array.of(3) },
    { indices: Int32Array.of(3, 4), values: Float64Array.of(Math.sqrt(2), Math.sqrt(2)) },
    { indices: Int32Array.of(5), values: Float64Array.of(1) },
  ];
  const svd = randomizedSvd(csrFromRows(rows, 6), 3, { seed: 3 });
  assert.deepEqual([...svd.singularValues].map((s) => Math.round(s * 1e9) / 1e9), [5, 3, 2]);
  // First right singular vector is (0.6, 0.8, 0, …) up to sign.
  assert.ok(Math.abs(Math.abs(svd.components[0 * 3 + 0]) - 0.6) < 1e-9);
  assert.ok(Math.abs(Math.abs(svd.components[1 * 3 + 0]) - 0.8) < 1e-9);
});

test('Jacobi eigensolver on a 2×2 matrix', () => {
  const { values, vectors } = symmetricEigen(Float64Array.of(2, 1, 1, 2), 2);
  assert.ok(Math.abs(values[0] - 3) < 1e-12 && Math.abs(values[1] - 1) < 1e-12);
  assert.ok(Math.abs(Math.abs(vectors[0]) - Math.SQRT1_2) < 1e-12);
});

test('LSA recovers planted topics: same-topic documents embed close, others far', () => {
  const topics = [
    ['pricing', 'discount', 'quote', 'invoice', 'budget', 'cost', 'contract'],
    ['meeting', 'calendar', 'schedule', 'tuesday', 'call', 'agenda', 'invite'],
    ['bug', 'error', 'crash', 'login', 'support', 'ticket', 'fix'],
  ];
  const rng = new Rng(9);
  const docs: string[] = [];
  const topicOf: number[] = [];
  for (let i = 0; i < 90; i++) {
    const t = i % 3;
    // Four words from the topic: many pairs of same-topic documents share no word at all.
    docs.push(Array.from({ length: 4 }, () => rng.pick(topics[t])).join(' '));
    topicOf.push(t);
  }
  const lsa = fitLsa(docs, { dim: 3, seed: 1 });
  const vecs = docs.map((d) => lsa.embed(d));
  let within = 0, nWithin = 0, across = 0, nAcross = 0;
  for (let i = 0; i < vecs.length; i++) {
    for (let j = i + 1; j < vecs.length; j++) {
      const c = dot(vecs[i], vecs[j]);
      if (topicOf[i] === topicOf[j]) { within += c; nWithin++; } else { across += c; nAcross++; }
    }
  }
  assert.ok(within / nWithin > 0.85, `within ${within / nWithin}`);
  assert.ok(Math.abs(across / nAcross) < 0.2, `across ${across / nAcross}`);
  // A query with words never seen together still lands on its topic.
  const index = createDenseIndex(lsa.dim, vecs);
  const hits = index.search(lsa.embed('invoice discount'), 10);
  assert.ok(hits.every((h) => topicOf[h.id] === 0));
  assert.ok(Math.abs(Math.hypot(...lsa.embed('crash ticket')) - 1) < 1e-6);
  assert.ok(lsa.embed('zzz').every((x) => x === 0));
});

test('hybrid search fuses keyword and semantic hits', () => {
  const docs = [
    'how to reset your password on the login page',
    'our refund policy covers thirty days',
    'pricing plans and discounts for annual contracts',
    'login errors after the password change',
  ];
  const index = createHybridIndex(docs, { dim: 3, seed: 2 });
  const hits = index.search('password login', 2);
  assert.deepEqual(hits.map((h) => h.id).sort(), [0, 3]);
  assert.equal(index.search('refund', 1)[0].id, 1);
});

test('an LSA model saved as an artifact embeds the same after loading', async () => {
  const { fitLsa: fit, loadLsa } = await import('./lsa.ts');
  const docs = ['discount approval by the manager', 'renewal contract terms', 'price list for enterprise', 'manager approves discounts above 15 percent', '续约合同条款'];
  const model = fit(docs, { dim: 3, seed: 4 });
  const loaded = loadLsa(JSON.parse(JSON.stringify(model.toArtifact())));
  for (const text of ['who approves a discount', '合同', 'unknown words only']) {
    const a = model.embed(text);
    const b = loaded.embed(text);
    assert.equal(b.length, a.length);
    a.forEach((x, i) => assert.ok(Math.abs(x - b[i]) < 1e-5, `${text}[${i}]: ${x} vs ${b[i]}`));
  }
});
