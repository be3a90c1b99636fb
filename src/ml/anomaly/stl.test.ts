import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../random.ts';
import { stl } from './stl.ts';
import { detectPeriods } from './seasonality.ts';
import { studentTQuantile } from './student-t.ts';
import { hybridEsd } from './esd.ts';

const rmse = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s / a.length);
};

test('STL recovers a known seasonal component and trend', () => {
  const rng = new Rng(7);
  const n = 280;
  const season = Array.from({ length: n }, (_, t) => 5 * Math.sin((2 * Math.PI * t) / 7) + 2 * Math.cos((4 * Math.PI * t) / 7));
  const trend = Array.from({ length: n }, (_, t) => 50 + 0.1 * t);
  const y = season.map((s, t) => s + trend[t] + rng.normal(0, 0.5));
  y[100] += 40; // an outlier the robust loop must ignore
  const fit = stl(y, 7);
  assert.ok(rmse(fit.seasonal, season) < 0.35, `seasonal rmse ${rmse(fit.seasonal, season)}`);
  assert.ok(rmse(fit.trend, trend) < 0.4, `trend rmse ${rmse(fit.trend, trend)}`);
  assert.ok(fit.weights[100] < 0.01, 'outlier is down-weighted');
  assert.ok(Math.abs(fit.remainder[100] - 40) < 2);
});

test('STL matches the reference implementation (statsmodels 0.13.5, same settings)', () => {
  const y = Array.from({ length: 28 }, (_, t) => 3 * Math.sin((2 * Math.PI * t) / 7) + 0.05 * t + (t === 10 ? 5 : 0) + (t % 3 === 0 ? 0.7 : 0));
  // STL(y, period=7, seasonal=7, trend=15, low_pass=9, seasonal_deg=0, robust=False, trend_jump=2).fit(inner_iter=2, outer_iter=0)
  const trend = [0.079554, 0.198471, 0.317389, 0.449383, 0.581378, 0.72032, 0.859263, 1.03359, 1.207917, 1.294245, 1.380574, 1.389878, 1.399182, 1.320375, 1.241568, 1.164633, 1.087698, 1.115541, 1.143384, 1.175335, 1.207286, 1.269317, 1.331349, 1.406337, 1.481324, 1.550183, 1.619043, 1.687633];
  const seasonal = [-0.133933, 2.05224, 2.69836, 2.791389, -1.642927, -3.205586, -2.543735, -0.161196, 2.089179, 2.698418, 2.693502, -1.586776, -3.191964, -2.533685, -0.167279, 2.122596, 2.694629, 2.552519, -1.524558, -3.167229, -2.476917, -0.141142, 2.155053, 2.687861, 2.368194, -1.477208, -3.164849, -2.425537];
  const fit = stl(y, 7, { seasonalWindow: 7, trendWindow: 15, lowPassWindow: 9, innerIterations: 2, outerIterations: 0 });
  for (let i = 0; i < y.length; i++) {
    assert.ok(Math.abs(fit.trend[i] - trend[i]) < 1e-5, `trend[${i}] ${fit.trend[i]} vs ${trend[i]}`);
    assert.ok(Math.abs(fit.seasonal[i] - seasonal[i]) < 1e-5, `seasonal[${i}] ${fit.seasonal[i]} vs ${seasonal[i]}`);
  }
});

test('STL skips missing points without NaN in trend and seasonal', () => {
  const y = Array.from({ length: 70 }, (_, t) => 10 + (t % 7 === 0 ? 5 : 0) + 0.01 * t);
  for (const i of [3, 4, 5, 40]) y[i] = Number.NaN;
  const fit = stl(y, 7);
  assert.ok(fit.trend.every(Number.isFinite) && fit.seasonal.every(Number.isFinite));
  assert.ok(Number.isNaN(fit.remainder[4]));
  assert.ok(Math.abs(fit.seasonal[14] - fit.seasonal[21]) < 0.2 && fit.seasonal[14] > 3);
});

test('detectPeriods finds the weekly cycle, or none in white noise', () => {
  const rng = new Rng(3);
  const weekly = Array.from({ length: 200 }, (_, t) => [3, 4, 4, 4, 3, -8, -9][t % 7] + rng.normal(0, 1));
  assert.deepEqual(detectPeriods(weekly), [7]);
  assert.deepEqual(detectPeriods(weekly, { candidates: [7, 365] }), [7]);
  const noise = Array.from({ length: 200 }, () => rng.normal(0, 1));
  assert.deepEqual(detectPeriods(noise), []);
});

test('Student-t quantiles match tables', () => {
  assert.ok(Math.abs(studentTQuantile(0.975, 10) - 2.228138852) < 1e-6);
  assert.ok(Math.abs(studentTQuantile(0.995, 3) - 5.840909309) < 1e-6);
  assert.ok(Math.abs(studentTQuantile(0.9999, 100) - 3.861599791) < 1e-6);
});

test('hybrid ESD finds planted outliers and nothing in clean noise', () => {
  const rng = new Rng(11);
  const x = Array.from({ length: 300 }, () => rng.normal(0, 1));
  assert.deepEqual(hybridEsd(x, 30, 0.05), []);
  x[10] = 9;
  x[200] = -8;
  assert.deepEqual(hybridEsd(x, 30, 0.05).sort((a, b) => a - b), [10, 200]);
});
