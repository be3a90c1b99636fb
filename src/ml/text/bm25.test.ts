import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bm25Idf, createBm25 } from './bm25.ts';
import { reciprocalRankFusion } from './fusion.ts';

const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) < tol, `${a} ≠ ${b}`);

test('BM25 scores match hand-computed Okapi values (k1 = 1.2, b = 0.75)', () => {
  const index = createBm25(['the cat sat', 'the dog', 'cat cat dog bird']);
  // avg length 3; "cat" df 2 → idf ln(1 + 1.5/2.5) = 0.470004. Doc 0: tf 1, len 3 →
  // 0.470004·2.2/(1 + 1.2) = 0.470004. Doc 2: cat tf 2, len 4 → 0.470004·4.4/(2 + 1.5) plus dog.
  close(bm25Idf(3, 2), Math.log(1.6));
  const s = index.scores('cat dog');
  close(s[0], 0.47000362924573563);
  close(s[1], 0.5442147286003255);
  close(s[2], 1.0044648990737437);
  assert.deepEqual(index.search('cat dog', 2).map((h) => h.id), [2, 1]);
  assert.deepEqual(index.search('unicorn', 5), []);
});

test('BM25 finds Chinese documents by word', () => {
  const index = createBm25(['我的银行卡丢了', '如何申请退款', '转账失败了怎么办']);
  assert.equal(index.search('退款', 1)[0].id, 1);
  assert.equal(index.search('我的卡丢了', 1)[0].id, 0);
});

test('reciprocal rank fusion sums 1 / (k + rank)', () => {
  const fused = reciprocalRankFusion([
    [{ id: 7, score: 9 }, { id: 3, score: 5 }],
    [{ id: 3, score: 0.9 }, { id: 1, score: 0.8 }],
  ], 60);
  assert.deepEqual(fused.map((h) => h.id), [3, 7, 1]);
  assert.ok(Math.abs(fused[0].score - (1 / 62 + 1 / 61)) < 1e-12);
  assert.ok(Math.abs(fused[1].score - 1 / 61) < 1e-12);
});
