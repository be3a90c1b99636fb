import { test } from 'node:test';
import assert from 'node:assert/strict';
import { METHODS, combine, fitForecaster, forecast, forecastSeries } from './forecast.ts';
import { backtest } from './backtest.ts';
import { isFiniteForecast } from './types.ts';
import { US_ACC_DEATHS, WWW_USAGE, close } from './testdata.ts';
import { Rng } from '../random.ts';

const awkward: Record<string, number[]> = {
  empty: [],
  single: [42],
  two: [3, 5],
  constant: new Array(20).fill(7),
  allZero: new Array(30).fill(0),
  negative: Array.from({ length: 30 }, (_, t) => -50 + 3 * Math.sin(t) - t),
  mixedSign: Array.from({ length: 24 }, (_, t) => (t % 4 === 0 ? -5 : 10) + t),
  intermittent: [0, 0, 3, 0, 0, 0, 5, 0, 2, 0, 0, 0, 0, 4, 0, 0, 6, 0, 0, 0],
  huge: Array.from({ length: 16 }, (_, t) => 1e12 * (1 + 0.5 * (t % 4))),
};

test('every method returns finite forecasts and intervals on awkward series, horizon longer than history included', () => {
  for (const [name, y] of Object.entries(awkward)) {
    for (const method of METHODS) {
      for (const season of [1, 4]) {
        const h = Math.max(3, 2 * y.length);
        const f = forecastSeries(y, { method, season, horizon: h, levels: [80, 95] });
        assert.equal(f.mean.length, h, `${name}/${method}`);
        assert.ok(isFiniteForecast(f), `${name}/${method}/${season} gave a non-finite value`);
        for (let i = 0; i < h; i++) assert.ok(f.intervals[1].lower[i] <= f.intervals[0].lower[i] + 1e-9 && f.intervals[0].upper[i] <= f.intervals[1].upper[i] + 1e-9);
      }
    }
  }
});

test('seeded random series of every shape, season and scale: every method gives finite, nested intervals around its mean', () => {
  const rng = new Rng(4);
  for (let k = 0; k < 80; k++) {
    const n = 1 + rng.int(80);
    const season = [1, 4, 7, 12, 24, 52][rng.int(6)];
    const scale = [1e-3, 1, 100, 1e6][rng.int(4)];
    const shape = rng.int(6);
    const y = Array.from({ length: n }, (_, t) => {
      const s = Math.sin((2 * Math.PI * t) / season);
      if (shape === 0) return scale * (1 + 0.3 * s + 0.1 * rng.normal());
      if (shape === 1) return scale * (1 + 0.02 * t + 0.3 * s) * Math.exp(0.2 * rng.normal());
      if (shape === 2) return rng.bernoulli(0.6) ? 0 : scale * rng.next();
      if (shape === 3) return scale * (rng.normal() - 0.5);
      if (shape === 4) return scale * (t < n / 2 ? 1 : 5) + rng.normal();
      return Math.round(scale * Math.abs(rng.normal()));
    });
    for (const method of METHODS) {
      const h = 1 + rng.int(30);
      const f = forecastSeries(y, { method, season, horizon: h, levels: [80, 95] });
      const what = `${method} on shape ${shape}, n ${n}, season ${season}, scale ${scale}`;
      assert.ok(isFiniteForecast(f) && f.mean.length === h, what);
      const slack = (v: number) => 1e-9 * (1 + Math.abs(v));
      for (let i = 0; i < h; i++) {
        const [p80, p95] = f.intervals;
        assert.ok(p95.lower[i] <= p80.lower[i] + slack(p80.lower[i]) && p80.lower[i] <= f.mean[i] + slack(f.mean[i]), `${what}: lower bounds at h=${i + 1}`);
        assert.ok(f.mean[i] <= p80.upper[i] + slack(f.mean[i]) && p80.upper[i] <= p95.upper[i] + slack(p95.upper[i]), `${what}: upper bounds at h=${i + 1}`);
      }
    }
  }
});

test('fallbacks are named: empty, constant, too short, intermittent, long horizon', () => {
  assert.deepEqual(forecastSeries([], { horizon: 2 }).fallback, { code: 'empty' });
  const flat = forecastSeries(awkward.allZero, { horizon: 3 });
  assert.deepEqual(flat.fallback, { code: 'constant' });
  assert.deepEqual(Array.from(flat.mean), [0, 0, 0]);
  assert.deepEqual(forecastSeries([3, 5], { method: 'ets', horizon: 2 }).fallback, { code: 'tooShort', method: 'ets', n: 2 });
  assert.equal(forecastSeries(awkward.intermittent, { horizon: 2 }).method, 'TSB');
  for (const method of ['croston', 'tsb'] as const) {
    const f = forecastSeries(awkward.mixedSign, { method, horizon: 2 });
    assert.deepEqual([f.method, f.fallback], ['Naive', { code: 'negativeDemand', method }]);
  }
  assert.deepEqual(forecastSeries(WWW_USAGE.slice(0, 20), { horizon: 30 }).fallback, { code: 'longHorizon' });
  assert.equal(forecastSeries(WWW_USAGE, { horizon: 4 }).fallback, undefined);
});

test('the combination is the mean of its members and detects the season when asked', () => {
  const members = [
    { method: 'a', mean: Float64Array.from([1, 2]), intervals: [{ level: 95, lower: Float64Array.from([0, 0]), upper: Float64Array.from([2, 4]) }] },
    { method: 'b', mean: Float64Array.from([3, 6]), intervals: [{ level: 95, lower: Float64Array.from([2, 2]), upper: Float64Array.from([4, 8]) }] },
  ];
  const c = combine(members);
  assert.deepEqual(Array.from(c.mean), [2, 4]);
  assert.deepEqual(Array.from(c.intervals[0].upper), [3, 6]);
  assert.deepEqual(Array.from(combine(members, [1, 3]).mean), [2.5, 5]);
  const fitted = fitForecaster(US_ACC_DEATHS, { season: 'detect', method: 'combo' });
  assert.equal(fitted.season, 12);
  const f = forecast(fitted, 12);
  assert.match(f.method, /^Combination\(ETS.*Theta.*ARIMA/);
  // Seasonal shape: the July peak (index 66 % 12 = 6) is forecast above the February trough.
  assert.ok(f.mean[6] > f.mean[1] + 1000);
});

test('rolling-origin backtest of naive on a straight line has hand-computable errors', () => {
  // y = 1..20, horizon 2, origins 3 → trains on 16, 17, 18 points; naive forecasts the last value.
  const y = Array.from({ length: 20 }, (_, t) => t + 1);
  const r = backtest(y, { method: 'naive', horizon: 2, origins: 3 });
  assert.deepEqual(r.origins.map((o) => o.origin), [16, 17, 18]);
  const expected = (o: number) => (200 / (o + 1 + o) + 400 / (o + 2 + o)) / 2;
  r.origins.forEach((o) => close(o.smape, expected(o.origin), 1e-12));
  // MASE: in-sample naive MAE is 1; errors 1 and 2 → 1.5 at every origin.
  r.origins.forEach((o) => close(o.mase!, 1.5, 1e-12));
  close(r.overall.smape, (expected(16) + expected(17) + expected(18)) / 3, 1e-12);
  assert.ok(r.naive2.smape > 0);
  const short = backtest([1, 2, 3], { horizon: 2 });
  assert.equal(short.origins.length, 0);
  assert.match(short.note ?? '', /too short/);
});

test('backtesting auto on a seasonal series beats Naive2', () => {
  const r = backtest(US_ACC_DEATHS, { method: 'auto', season: 12, horizon: 6, origins: 3, step: 3 });
  assert.equal(r.origins.length, 3);
  assert.ok(r.overall.smape < r.naive2.smape, `${r.overall.smape} vs ${r.naive2.smape}`);
});
