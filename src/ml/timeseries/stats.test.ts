import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acf, linearTrend, normalQuantile, quantileSorted, quantilesInPlace } from './stats.ts';
import { classicalDecompose, isSeasonal } from './decompose.ts';
import { kpssStatistic, ndiffs, nsdiffs } from './unitroot.ts';
import { detectSeason } from './season.ts';
import { Rng } from '../random.ts';
import { US_ACC_DEATHS, WWW_USAGE, close } from './testdata.ts';

test('normal quantiles match R qnorm', () => {
  close(normalQuantile(0.975), 1.95996398454, 1e-11);
  close(normalQuantile(0.001), -3.09023230617, 1e-11);
  close(normalQuantile(0.5), 0, 1e-15);
  assert.equal(normalQuantile(0), -Infinity);
});

test('acf and linear trend on hand-checkable data', () => {
  // x = 1,2,3,4: mean 2.5, c0 = 5, c1 = (−1.5·−0.5 + −0.5·0.5 + 0.5·1.5) = 1.25 → r1 = 0.25.
  close(acf([1, 2, 3, 4], 1)[0], 0.25, 1e-12);
  const line = linearTrend([3, 5, 7, 9], 4, 1);
  close(line.intercept, 1, 1e-12);
  close(line.slope, 2, 1e-12);
});

test('classical multiplicative decomposition reproduces R decompose(USAccDeaths)$figure', () => {
  const r = [0.907775883737, 0.824694931077, 0.914595276583, 0.940698704934, 1.03989516811, 1.08690441987, 1.19245075132, 1.11266221495, 0.986792825613, 1.02991665994, 0.969783499026, 0.993829664835];
  const f = classicalDecompose(US_ACC_DEATHS, 12, 'multiplicative').figure;
  r.forEach((v, k) => close(f[k], v, 1e-9, `figure[${k}]`));
});

test('the M3 seasonality test finds monthly seasonality and none in noise', () => {
  assert.equal(isSeasonal(US_ACC_DEATHS, 12), true);
  const rng = new Rng(7);
  assert.equal(isSeasonal(Array.from({ length: 40 }, () => rng.normal(100, 5)), 4), false);
  assert.equal(isSeasonal(Array.from({ length: 40 }, (_, t) => 100 + (t % 4 === 0 ? 20 : 0) + rng.normal(0, 2)), 4), true);
  assert.equal(detectSeason(US_ACC_DEATHS), 12);
  assert.equal(detectSeason(WWW_USAGE), 1);
});

test('KPSS statistic and differencing orders match urca / forecast', () => {
  // R: ur.kpss(WWWusage, type = "mu", use.lag = 2)@teststat = 0.721974318082; on diff(): 0.263519398751.
  close(kpssStatistic(WWW_USAGE), 0.721974318082, 1e-10);
  close(kpssStatistic(WWW_USAGE.slice(1).map((v, i) => v - WWW_USAGE[i])), 0.263519398751, 1e-10);
  assert.equal(ndiffs(WWW_USAGE), 1); // R ndiffs(WWWusage) = 1
  assert.equal(nsdiffs(US_ACC_DEATHS, 12), 1); // R nsdiffs(USAccDeaths) = 1
});

test('quantiles by selection equal the quantiles of the sorted sample, ties and all', () => {
  const rng = new Rng(3);
  const probs = [0.025, 0.1, 0.5, 0.9, 0.975, 0, 1];
  for (const n of [1, 2, 7, 100, 2000]) {
    for (const ties of [false, true]) {
      const x = Float64Array.from({ length: n }, () => (ties ? Math.floor(rng.next() * 5) : rng.normal()));
      const sorted = Float64Array.from(x).sort();
      const got = quantilesInPlace(Float64Array.from(x), probs);
      probs.forEach((p, i) => assert.equal(got[i], quantileSorted(sorted, p), `n=${n} ties=${ties} p=${p}`));
    }
  }
});
