import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../random.ts';
import { forecastSeries } from './forecast.ts';
import { reconcileHierarchy } from './hierarchy.ts';
import type { Forecast } from './types.ts';

/**
 * A seeded hierarchy: k children whose sales move between them (noise that mostly cancels in the
 * total) on top of a shared upward trend, so the parent is smoother than its children.
 */
function hierarchy(seed: number, k: number, n: number): Float64Array[] {
  const rng = new Rng(seed);
  const children = Array.from({ length: k }, () => new Float64Array(n));
  const share = Array.from({ length: k }, () => 0.5 + rng.next());
  const ar = new Float64Array(k);
  for (let t = 0; t < n; t++) {
    const z = Array.from({ length: k }, () => rng.normal());
    const zMean = z.reduce((a, b) => a + b, 0) / k;
    for (let i = 0; i < k; i++) {
      ar[i] = 0.5 * ar[i] + 12 * (z[i] - zMean) + 2 * rng.normal();
      children[i][t] = share[i] * (100 + 0.8 * t) + ar[i];
    }
  }
  const parent = Float64Array.from({ length: n }, (_, t) => children.reduce((s, c) => s + c[t], 0));
  return [parent, ...children];
}

test('MinT: coherent at every level, intervals around the mean, no worse than bottom-up held out', () => {
  const h = 4;
  let sqMint = 0;
  let sqBu = 0;
  let mintUsed = 0;
  for (let seed = 1; seed <= 12; seed++) {
    const all = hierarchy(seed, 4, 48 + h);
    const train = all.map((s) => s.subarray(0, s.length - h));
    const base: Forecast[] = train.map((y) => forecastSeries(y, { method: 'ets', season: 1, horizon: h, levels: [80, 95] }));
    const rec = reconcileHierarchy(train, base, { method: 'ets', season: 1 });
    if (rec.reconciliation === 'mint-shrink') mintUsed++;
    const [parent, ...children] = rec.forecasts;
    for (let t = 0; t < h; t++) {
      const sum = children.reduce((s, c) => s + c.mean[t], 0);
      assert.ok(Math.abs(sum - parent.mean[t]) < 1e-6 * (1 + Math.abs(sum)), `seed ${seed} t=${t}: ${sum} vs ${parent.mean[t]}`);
      for (const f of rec.forecasts) {
        assert.ok(f.intervals[0].lower[t] < f.mean[t] && f.mean[t] < f.intervals[0].upper[t]);
        assert.ok(f.intervals[1].lower[t] < f.intervals[0].lower[t] && f.intervals[0].upper[t] < f.intervals[1].upper[t]);
      }
    }
    // Bottom-up on the same base forecasts, scored on the held-out periods at every level.
    const buParent = Float64Array.from({ length: h }, (_, t) => base.slice(1).reduce((s, c) => s + c.mean[t], 0));
    const bu = [buParent, ...base.slice(1).map((f) => f.mean)];
    all.forEach((s, i) => {
      for (let t = 0; t < h; t++) {
        const actual = s[s.length - h + t];
        sqMint += (actual - rec.forecasts[i].mean[t]) ** 2;
        sqBu += (actual - bu[i][t]) ** 2;
      }
    });
  }
  assert.equal(mintUsed, 12, 'enough history: MinT every time');
  assert.ok(sqMint <= sqBu, `MinT held-out squared error ${sqMint.toFixed(0)} vs bottom-up ${sqBu.toFixed(0)}`);
});

test('too little history or an incoherent history falls back to bottom-up and says why', () => {
  const all = hierarchy(3, 3, 10);
  const base = all.map((y) => forecastSeries(y, { method: 'naive', horizon: 2 }));
  const short = reconcileHierarchy(all, base, { method: 'naive', season: 1 });
  assert.equal(short.reconciliation, 'bottom-up');
  assert.equal(short.reason?.code, 'tooLittle');
  const sum = (t: number) => short.forecasts.slice(1).reduce((s, f) => s + f.mean[t], 0);
  assert.ok(Math.abs(short.forecasts[0].mean[0] - sum(0)) < 1e-9);
  const broken = all.map((s, i) => (i === 0 ? Float64Array.from(s, (v) => v + 1) : s));
  const incoherent = reconcileHierarchy(broken, base, { method: 'naive', season: 1 });
  assert.equal(incoherent.reconciliation, 'bottom-up');
  assert.deepEqual(incoherent.reason, { code: 'notAdditive' });
});
