// Theta, the naive benchmarks and intermittent-demand methods against forecast 8.20 (R 4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitTheta, forecastTheta } from './theta.ts';
import { fitNaive, fitNaive2, fitSeasonalNaive, forecastNaive } from './baselines.ts';
import { fitCroston, fitTsb, forecastIntermittent, isIntermittent } from './intermittent.ts';
import { US_ACC_DEATHS, WWW_USAGE, close } from './testdata.ts';

test('Theta matches forecast::thetaf on a non-seasonal series', () => {
  // R thetaf(WWWusage, h = 4, level = 95): mean 220.30962808 220.61902502 220.92842196 221.237818899,
  // lower 208.883532737 204.460894498 201.139164542 198.387343274.
  const f = forecastTheta(fitTheta(WWW_USAGE, 1), 4, [95]);
  [220.30962808, 220.61902502, 220.92842196, 221.237818899].forEach((v, i) => close(f.mean[i], v, 1e-6));
  [208.883532737, 204.460894498, 201.139164542, 198.387343274].forEach((v, i) => close(f.intervals[0].lower[i], v, 1e-4));
});

test('Theta matches forecast::thetaf with multiplicative seasonal adjustment', () => {
  // R thetaf(USAccDeaths, h = 4, level = 95): mean 8270.69380634 7508.92386706 8322.12480677 8554.14350536,
  // upper 8782.38543192 8093.32314542 8971.13691251 9261.89410426.
  const f = forecastTheta(fitTheta(US_ACC_DEATHS, 12), 4, [95]);
  [8270.69380634, 7508.92386706, 8322.12480677, 8554.14350536].forEach((v, i) => close(f.mean[i], v, 1e-5));
  [8782.38543192, 8093.32314542, 8971.13691251, 9261.89410426].forEach((v, i) => close(f.intervals[0].upper[i], v, 1e-4));
});

test('naive and seasonal naive intervals match forecast::naive / snaive', () => {
  // R naive(WWWusage, h = 3, level = 95)$upper: 231.367176685 236.075615434 239.688527557.
  const n = forecastNaive(fitNaive(WWW_USAGE), 3, [95]);
  assert.deepEqual(Array.from(n.mean), [220, 220, 220]);
  [231.367176685, 236.075615434, 239.688527557].forEach((v, i) => close(n.intervals[0].upper[i], v, 1e-9));
  // R snaive(USAccDeaths, h = 14, level = 95)$upper at h = 1 and 13: 8932.41434645 9386.56403873.
  const s = forecastNaive(fitSeasonalNaive(US_ACC_DEATHS, 12), 14, [95]);
  assert.equal(s.mean[0], US_ACC_DEATHS[60]);
  assert.equal(s.mean[12], US_ACC_DEATHS[60]);
  close(s.intervals[0].upper[0], 8932.41434645, 1e-9);
  close(s.intervals[0].upper[12], 9386.56403873, 1e-9);
});

test('Naive2 repeats the last seasonally adjusted value times the seasonal index', () => {
  // Period-4 pattern ×(0.8, 1.2, 1, 1) on a level of 100: adjusted series is flat, so Naive2 is exact.
  const pattern = [0.8, 1.2, 1, 1];
  const y = Array.from({ length: 24 }, (_, t) => 100 * pattern[t % 4]);
  const f = forecastNaive(fitNaive2(y, 4), 6, [95]);
  assert.equal(f.method, 'Naive2');
  f.mean.forEach((v, i) => close(v, 100 * pattern[(24 + i) % 4], 1e-9));
  // Without seasonality Naive2 is the naive forecast.
  assert.deepEqual(Array.from(forecastNaive(fitNaive2(WWW_USAGE, 1), 2, [95]).mean), [220, 220]);
});

test('Croston matches forecast::croston and TSB decays after demand stops', () => {
  const x = [0, 0, 3, 0, 0, 0, 5, 0, 2, 0, 0, 0, 0, 4, 0, 0, 6, 0, 0, 0];
  // R croston(x, h = 2)$mean: 1.08918944481 (alpha = 0.1).
  close(forecastIntermittent(fitCroston(x), 2, [95]).mean[0], 1.08918944481, 1e-10);
  assert.ok(isIntermittent(x));
  const stopped = [...x.slice(0, 12), ...new Array(20).fill(0)];
  const tsb = forecastIntermittent(fitTsb(stopped), 1, [95]);
  const active = forecastIntermittent(fitTsb(x), 1, [95]);
  assert.ok(tsb.mean[0] < active.mean[0]);
  assert.ok(tsb.intervals[0].lower[0] >= 0);
});
