import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, fitFeatureUnion, fitTfidf } from './tfidf.ts';
import { charNgrams, charNgramsOfTokens, tokenize } from './tokenize.ts';

const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) < tol, `${a} ≠ ${b}`);
const dense = (v: { indices: Int32Array; values: Float64Array }, size: number) => {
  const out = new Array(size).fill(0);
  v.indices.forEach((j, i) => (out[j] = v.values[i]));
  return out;
};

test('word TF-IDF matches hand-computed smooth idf, sublinear tf and L2 norm', () => {
  const docs = ['apple banana apple', 'apple cherry', 'cherry date'];
  const v = fitTfidf(docs, { analyzer: 'word', ngramRange: [1, 1], sublinearTf: true });
  assert.deepEqual([...v.vocabulary.keys()], ['apple', 'banana', 'cherry', 'date']);
  // idf = ln((1 + n) / (1 + df)) + 1 with n = 3: df 2 → ln(4/3) + 1, df 1 → ln 2 + 1.
  close(v.idf[0], 1.2876820724517808);
  close(v.idf[1], 1.6931471805599454);
  // Doc 0: apple tf 2 → (1 + ln 2)·1.28768 = 2.18023; banana 1.69315; unit length → 0.78981, 0.61336.
  const x = dense(v.transform(docs[0]), 4);
  close(x[0], 0.7898069291, 1e-9);
  close(x[1], 0.613355537, 1e-9);
  assert.deepEqual(x.slice(2), [0, 0]);
});

test('vocabulary comes from training text only; unseen words give an empty vector', () => {
  const v = fitTfidf(['price quote', 'quote request'], { analyzer: 'word', ngramRange: [1, 2] });
  assert.ok(v.vocabulary.has('price quote'));
  assert.equal(v.transform('completely unrelated').indices.length, 0);
});

test('minDf drops rare n-grams', () => {
  const v = fitTfidf(['a b', 'a c', 'a b'], { analyzer: 'word', ngramRange: [1, 1], minDf: 2 });
  assert.deepEqual([...v.vocabulary.keys()], ['a', 'b']);
});

test('char_wb n-grams from tokens equal charNgrams, including Chinese and astral characters', () => {
  for (const text of ['Hello, World!', '我想退款 refund 😀ok', 'Ａｂｃ full-width']) {
    assert.deepEqual(charNgramsOfTokens(tokenize(text), 2, 5), charNgrams(text, 2, 5));
  }
  assert.deepEqual(analyze('hi', { analyzer: 'char_wb', ngramRange: [2, 3] }), [' h', 'hi', 'i ', ' hi', 'hi ']);
});

test('feature union lays blocks side by side, each of unit length', () => {
  const docs = ['card not arrived', '卡没有到', 'refund please'];
  const u = fitFeatureUnion(docs, [
    { analyzer: 'word', ngramRange: [1, 2] },
    { analyzer: 'char_wb', ngramRange: [2, 3] },
  ]);
  assert.equal(u.size, u.blocks[0].size + u.blocks[1].size);
  const x = u.transform('卡没有到');
  let first = 0;
  let second = 0;
  x.indices.forEach((j, i) => (j < u.blocks[0].size ? (first += x.values[i] ** 2) : (second += x.values[i] ** 2)));
  close(first, 1);
  close(second, 1);
});
