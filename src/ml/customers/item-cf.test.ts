import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explain, recommend, recommendPopular, trainItemCf } from './item-cf.ts';
import { ndcgAtK, recallAtK } from './ranking.ts';
import type { TransactionTable } from './transactions.ts';

// Customers 0-2 buy socks with shoes; 3-5 buy mugs with tea; everyone buys the (popular) bag.
const baskets = [[0, 1, 4], [0, 1, 4], [0, 1, 4], [2, 3, 4], [2, 3, 4], [2, 3, 4], [0], [2], [4]];
const names = ['shoes', 'socks', 'mug', 'tea', 'bag'];
function toy(): TransactionTable {
  const rows = baskets.flatMap((items, c) => items.map((item) => ({ c, item })));
  return {
    customer: Int32Array.from(rows, (r) => r.c),
    item: Int32Array.from(rows, (r) => r.item),
    day: Float64Array.from(rows, () => 100),
    amount: Float64Array.from(rows, () => 1),
    invoice: Int32Array.from(rows, (r) => r.c),
    customerIds: baskets.map((_, c) => `c${c}`),
    itemIds: names,
    itemNames: names,
  };
}

test('item-to-item CF recommends co-bought items, excludes bought ones, and explains', () => {
  const model = trainItemCf(toy());
  const forShoeBuyer = recommend(model, 6, 2);
  assert.equal(forShoeBuyer[0].item, 1, 'socks go with shoes');
  assert.ok(!forShoeBuyer.some((r) => r.item === 0), 'shoes already bought');
  assert.equal(explain(forShoeBuyer[0], (i) => names[i]), 'customers who bought shoes also bought socks');
  assert.equal(recommend(model, 7, 1)[0].item, 3, 'tea goes with mugs');
  // Popularity fills the list after the neighbours, and serves unknown (cold) customers.
  const cold = recommend(model, 99, 2);
  assert.equal(cold[0].item, 4);
  assert.equal(cold[0].because, null);
  assert.match(explain(cold[0], (i) => names[i]), /bag is popular/);
  assert.deepEqual(recommendPopular(model, 6, 1), [4]);
});

test('recall@k and NDCG@k', () => {
  const relevant = new Set([1, 2]);
  assert.equal(recallAtK([1, 5, 2], relevant, 3), 1);
  assert.equal(recallAtK([5, 6, 7], relevant, 3), 0);
  assert.equal(recallAtK([1], relevant, 1), 1);
  assert.ok(Math.abs(ndcgAtK([5, 1], relevant, 2) - 1 / Math.log2(3) / (1 + 1 / Math.log2(3))) < 1e-12);
  assert.equal(ndcgAtK([1, 2], relevant, 2), 1);
});
