import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../random.ts';
import { rocAuc } from '../metrics/classification.ts';
import { fitLogistic, logisticMargins } from '../linear/logistic.ts';
import { inferColumn, naSet, type RawRecord } from './infer.ts';
import { describeColumn, fitFeaturePipeline, transformLinear, transformTree, unseenCategories } from './pipeline.ts';
import { symmetricEigen } from '../linalg.ts';

const na = naSet(['Select']);

test('column kinds are inferred from values', () => {
  const kinds = (values: (string | null)[]) => inferColumn('c', values, na).kind;
  assert.equal(kinds(['1', '2.5', '', '-3e2']), 'numeric');
  assert.equal(kinds(['Yes', 'No', 'yes', null]), 'boolean');
  assert.equal(kinds(['2024-01-05', '2024-02-11T10:00:00Z', 'Select']), 'date');
  assert.equal(kinds(['Google', 'Referral', 'Google', 'Direct']), 'categorical');
  assert.equal(kinds(['Select', '', null]), 'empty');
  assert.equal(kinds(['x', 'x', 'x']), 'constant');
  const ids = Array.from({ length: 40 }, (_, i) => `id-${i}`);
  assert.equal(kinds(ids), 'identifier');
  const notes = Array.from({ length: 30 }, (_, i) => `客户对价格很满意，希望第${i}周签约`);
  assert.equal(kinds(notes), 'text');
  // A numeric column with one stray word is reported, not silently turned into categories.
  const dirty = inferColumn('visits', [...Array.from({ length: 60 }, (_, i) => String(i)), 'abc'], na);
  assert.equal(dirty.kind, 'numeric');
  assert.deepEqual(dirty.badRows, [{ row: 60, value: 'abc' }]);
});

function leads(n: number, seed: number): { records: RawRecord[]; y: Float64Array } {
  const rng = new Rng(seed);
  const sources = ['Google', 'Referral', 'Direct', 'Olark', 'Rare1', 'Rare2'];
  const weights = [40, 20, 20, 18, 1, 1];
  const records: RawRecord[] = [];
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const source = sources[rng.weighted(weights)];
    const visits = rng.bernoulli(0.1) ? 'Select' : String(rng.poisson(3));
    const time = rng.next() * 2000;
    const lo = -2 + (source === 'Referral' ? 2 : 0) + time / 1000;
    y[i] = rng.bernoulli(1 / (1 + Math.exp(-lo))) ? 1 : 0;
    records.push({ 'Lead Source': source, TotalVisits: visits, Time: time.toFixed(0), Email: rng.bernoulli(0.5) ? 'Yes' : 'No', Leak: y[i] ? 'won' : 'lost' });
  }
  return { records, y };
}

test('pipeline encodes, names and pools levels; unseen levels score as "other"', () => {
  const { records, y } = leads(1000, 1);
  const p = fitFeaturePipeline(records, ['Lead Source', 'TotalVisits', 'Time', 'Email', 'Leak'], y, { naValues: ['Select'] });
  // The leaked outcome column is excluded with a warning.
  assert.ok(p.excluded.some((e) => e.column === 'Leak'));
  assert.ok(p.warnings.some((w) => w.includes('Leak')));
  assert.ok(p.linearNames.includes('Lead Source = Referral'));
  assert.ok(p.linearNames.includes('Lead Source = other'), 'rare levels pooled');
  assert.ok(!p.linearNames.includes('Lead Source = Rare1'));
  assert.ok(p.linearNames.includes('TotalVisits missing'));
  assert.ok(!p.linearNames.includes('Time missing'));
  const X = transformLinear(p, records);
  const t = p.linearNames.indexOf('Time');
  let mean = 0;
  for (let i = 0; i < X.rows; i++) mean += X.data[i * X.cols + t];
  assert.ok(Math.abs(mean / X.rows) < 1e-9, 'standardised on training rows');
  const fresh: RawRecord[] = [{ 'Lead Source': 'TikTok', TotalVisits: 'Select', Time: '10', Email: 'No' }];
  const row = transformLinear(p, fresh);
  assert.equal(row.data[p.linearNames.indexOf('Lead Source = other')], 1);
  assert.equal(row.data[p.linearNames.indexOf('TotalVisits missing')], 1);
  assert.deepEqual(unseenCategories(p, fresh), [{ column: 'Lead Source', value: 'TikTok', count: 1 }]);
  const tree = transformTree(p, fresh);
  assert.ok(Number.isNaN(tree.data[p.treeColumns.findIndex((c) => c.name === 'TotalVisits')]));
  assert.equal(describeColumn(p, 0, fresh[0]), 'Lead Source = TikTok (other)');
  assert.equal(describeColumn(p, 1, fresh[0]), 'TotalVisits missing');
});

test('Chinese and English free text become a small vector that carries the signal', () => {
  const rng = new Rng(2);
  const hot = ['客户对价格很满意，希望尽快签约', '预算已经批准，下周签合同', 'budget approved, ready to sign the contract', '老板同意采购，准备付款'];
  const cold = ['客户暂时没有预算，不考虑购买', '只是随便看看，没有需求', 'no budget this year, just browsing', '价格太贵了，以后再说'];
  const make = (n: number) => {
    const records: RawRecord[] = [];
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = rng.bernoulli(0.5) ? 1 : 0;
      const pool = rng.bernoulli(0.85) === (y[i] === 1) ? hot : cold;
      records.push({ Notes: `${rng.pick(pool)} ${rng.int(100)}` });
    }
    return { records, y };
  };
  const train = make(400);
  const test = make(300);
  const p = fitFeaturePipeline(train.records, ['Notes'], train.y, { textComponents: 4 });
  assert.equal(p.encoders[0].kind, 'text');
  assert.ok(p.linearNames.length === 4 && p.linearNames[0] === 'Notes text topic 1');
  const model = fitLogistic(transformLinear(p, train.records), train.y, { l2: 1 });
  const auc = rocAuc(test.y, logisticMargins(model, transformLinear(p, test.records)));
  // The label follows the note's topic 85 % of the time: the best possible AUC is 0.85.
  assert.ok(auc > 0.8, `text AUC ${auc}`);
});

test('Jacobi eigen-solver recovers a known spectrum', () => {
  const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 0, 1, 2, 0, 0, 0, 5]), 3);
  assert.deepEqual(Array.from(values, (v) => Math.round(v * 1e9) / 1e9), [5, 3, 1]);
  assert.ok(Math.abs(Math.abs(vectors[6]) - 1) < 1e-9, 'first eigenvector is e3');
});
