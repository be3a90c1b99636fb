import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../random.ts';
import { chooseK, kmeans, silhouette } from './kmeans.ts';
import { segmentCustomers } from './segments.ts';
import { summarizeCustomers } from './rfm.ts';
import type { TransactionTable } from './transactions.ts';

function blobs(rng: Rng, centres: number[][], perBlob: number, sd: number): { data: Float64Array; truth: number[] } {
  const dim = centres[0].length;
  const data = new Float64Array(centres.length * perBlob * dim);
  const truth: number[] = [];
  let row = 0;
  centres.forEach((c, b) => {
    for (let i = 0; i < perBlob; i++, row++) {
      for (let j = 0; j < dim; j++) data[row * dim + j] = c[j] + rng.normal(0, sd);
      truth.push(b);
    }
  });
  return { data, truth };
}

test('k-means separates well-separated blobs exactly', () => {
  const { data, truth } = blobs(new Rng(1), [[0, 0], [10, 0], [0, 10]], 100, 1);
  const result = kmeans(data, 2, 3, new Rng(2));
  for (let b = 0; b < 3; b++) {
    const labels = new Set(truth.map((t, i) => (t === b ? result.labels[i] : -1)).filter((l) => l >= 0));
    assert.equal(labels.size, 1, `blob ${b} split across clusters`);
  }
});

test('silhouette is high for separated blobs, near zero for one blob cut in two, and picks k', () => {
  const { data } = blobs(new Rng(3), [[0, 0], [10, 0], [0, 10], [10, 10]], 80, 1);
  const all = Array.from({ length: 320 }, (_, i) => i);
  const good = kmeans(data, 2, 4, new Rng(4));
  assert.ok(silhouette(data, 2, good.labels, 4, all) > 0.7);
  const single = blobs(new Rng(5), [[0, 0]], 300, 1);
  const cut = kmeans(single.data, 2, 2, new Rng(6));
  assert.ok(silhouette(single.data, 2, cut.labels, 2, all.slice(0, 300)) < 0.45);
  assert.equal(chooseK(data, 2, new Rng(7)).k, 4);
});

test('RFM summaries and plain-word segments', () => {
  const rng = new Rng(8);
  const rows = { customer: [] as number[], item: [] as number[], day: [] as number[], amount: [] as number[], invoice: [] as number[] };
  let invoice = 0;
  const end = 20_000;
  for (let c = 0; c < 300; c++) {
    const loyal = c < 100;
    const orders = loyal ? 10 + rng.int(10) : 1;
    for (let o = 0; o < orders; o++) {
      rows.customer.push(c);
      rows.item.push(rng.int(20));
      rows.day.push(loyal ? end - 1 - rng.int(300) : end - 200 - rng.int(150));
      rows.amount.push(loyal ? 200 + rng.next() * 100 : 20 + rng.next() * 10);
      rows.invoice.push(invoice++);
    }
  }
  const table: TransactionTable = {
    customer: Int32Array.from(rows.customer), item: Int32Array.from(rows.item), day: Float64Array.from(rows.day), amount: Float64Array.from(rows.amount), invoice: Int32Array.from(rows.invoice),
    customerIds: Array.from({ length: 300 }, (_, i) => `c${i}`), itemIds: Array.from({ length: 20 }, (_, i) => `i${i}`),
  };
  const summaries = summarizeCustomers(table, end);
  const oneOff = summaries.find((s) => s.customer === 150)!;
  assert.equal(oneOff.frequency, 1);
  assert.equal(oneOff.repeat.x, 0);
  assert.ok(oneOff.recencyDays >= 200 && oneOff.recencyDays <= 350);
  const seg = segmentCustomers(summaries);
  assert.equal(seg.segments.length, 2);
  const [regulars, lapsed] = seg.segments.map((s) => s.profile);
  assert.deepEqual([regulars.spend, regulars.often], ['high', 'high']);
  assert.ok(regulars.recency.kind === 'days' || regulars.recency.kind === 'weeks', JSON.stringify(regulars));
  assert.deepEqual([lapsed.spend, lapsed.often, lapsed.recency.kind], ['low', 'once', 'lapsed']);
  assert.deepEqual(seg.segments.map((s) => s.size).sort((a, b) => a - b), [100, 200]);
});
