// ETS against forecast 8.20 (R 4): values in comments were printed by ets()/forecast() there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { etsLik, fitEts, fitEtsModel, forecastEts, type EtsModel } from './ets.ts';
import { US_ACC_DEATHS, WWW_USAGE, close } from './testdata.ts';

test('the likelihood at R’s fitted ETS(A,A,A) parameters equals R’s (pegelsresid.C lik = 1111.84986747)', () => {
  const par = [0.537836338579, 0.00118122904168, 0.00371516218674, 9933.13049007, -20.046857259, 58.2216479183, -260.492724696, 230.879628799, -47.9817252424, 988.775439138, 1698.95701486, 751.92604593, 333.913310967, -514.481208507, -741.245627459, -1510.74152289];
  close(etsLik(US_ACC_DEATHS, { error: 'A', trend: 'A', season: 'A' }, 12, par), 1111.84986747, 1e-9);
  // Our optimiser must do at least as well as R's on the same form (R: AICc 1157.1832008).
  const fit = fitEtsModel(US_ACC_DEATHS, { error: 'A', trend: 'A', season: 'A' }, 12)!;
  assert.ok(fit.aicc <= 1157.1832008 + 1e-6, `AICc ${fit.aicc}`);
});

test('automatic ETS on WWWusage selects ETS(A,Ad,N) and forecasts as R does', () => {
  // R: ETS(A,Ad,N), AICc 718.634206202; forecasts 218.366334922 217.035068661 215.950142534 215.065973277 214.345412443.
  // Our fit is better than R's (AICc 717.7: φ reaches its bound 0.8, where R's Nelder–Mead stops
  // short), so the forecasts drift from R's with the horizon: 1.5e-4 at h = 1, 1.3e-3 at h = 5.
  const fit = fitEts(WWW_USAGE)!;
  assert.deepEqual(fit.spec, { error: 'A', trend: 'Ad', season: 'N' });
  assert.ok(fit.aicc <= 718.634206202 + 1e-3);
  const f = forecastEts(fit, 5, [95]);
  [218.366334922, 217.035068661, 215.950142534, 215.065973277, 214.345412443].forEach((v, i) => close(f.mean[i], v, 2e-3, `h=${i + 1}`));
  // Analytic 95% lower bounds, R: 211.513636163 202.851820759 193.845844003.
  [211.513636163, 202.851820759, 193.845844003].forEach((v, i) => close(f.intervals[0].lower[i], v, 3e-3, `lower h=${i + 1}`));
});

test('automatic ETS on USAccDeaths selects ETS(A,N,A) with AICc no worse than R’s', () => {
  // R: ETS(A,N,A), AICc 1148.7160986; forecasts 8397.49690923 7599.22061344 8396.59468674.
  const fit = fitEts(US_ACC_DEATHS, { season: 12 })!;
  assert.deepEqual(fit.spec, { error: 'A', trend: 'N', season: 'A' });
  assert.ok(fit.aicc <= 1148.7160986 + 1e-3);
  const f = forecastEts(fit, 3, [95]);
  [8397.49690923, 7599.22061344, 8396.59468674].forEach((v, i) => close(f.mean[i], v, 0.015, `h=${i + 1}`));
});

test('additive seasonal variance follows σ²(1 + Σ c_j²) with c_j = α + γ·[j mod m = 0]', () => {
  const model: EtsModel = {
    kind: 'ets', spec: { error: 'A', trend: 'N', season: 'A' }, m: 4, alpha: 0.5, beta: 0, gamma: 0.2, phi: 1,
    level: 10, slope: 0, seasons: Float64Array.from([1, -1, 2, -2]), sigma2: 1, lik: 0, aic: 0, aicc: 0, bic: 0, n: 20, nParams: 5,
  };
  const f = forecastEts(model, 6, [95]);
  assert.deepEqual(Array.from(f.mean), [11, 9, 12, 8, 11, 9]);
  // Variances: 1, 1.25, 1.5, 1.75, 1.75 + 0.49, 2.24 + 0.25.
  const z = 1.959963984540054;
  [1, 1.25, 1.5, 1.75, 2.24, 2.49].forEach((v, i) => close(f.intervals[0].upper[i] - f.mean[i], z * Math.sqrt(v), 1e-12));
});

test('simulated intervals are reproducible from the seed and nested', () => {
  const fit = fitEtsModel(US_ACC_DEATHS, { error: 'M', trend: 'N', season: 'M' }, 12)!;
  const a = forecastEts(fit, 12, [80, 95], { seed: 3 });
  const b = forecastEts(fit, 12, [80, 95], { seed: 3 });
  assert.deepEqual(a, b);
  for (let i = 0; i < 12; i++) {
    assert.ok(a.intervals[1].lower[i] < a.intervals[0].lower[i] && a.intervals[0].lower[i] < a.mean[i]);
    assert.ok(a.intervals[1].upper[i] > a.intervals[0].upper[i] && a.intervals[0].upper[i] > a.mean[i]);
  }
  // One step ahead the forecast is exactly μ(1 + σz): the stratified draws hit its quantiles within
  // 5e-4 (2000 independent draws, seeds 1–5, missed by 6e-4 to 3e-3).
  const sigma = Math.sqrt(fit.sigma2);
  close(a.intervals[1].upper[0], a.mean[0] * (1 + 1.959963984540054 * sigma), 5e-4);
  close(a.intervals[0].lower[0], a.mean[0] * (1 - 1.2815515655446004 * sigma), 5e-4);
  assert.notDeepEqual(forecastEts(fit, 12, [95], { seed: 4 }).intervals[0].upper, forecastEts(fit, 12, [95], { seed: 3 }).intervals[0].upper);
});

test('multiplicative forms are skipped for non-positive data and short series fit simpler forms', () => {
  const shifted = US_ACC_DEATHS.map((v) => v - 9000);
  assert.equal(fitEtsModel(shifted, { error: 'M', trend: 'N', season: 'N' }, 1), null);
  assert.equal(fitEts(shifted, { season: 12 })!.spec.error, 'A');
  assert.equal(fitEts([1, 2, 3]), null); // n ≤ 3: nothing can be estimated
  assert.equal(fitEts([5, 7, 6, 8, 7])!.spec.season, 'N');
});

test('class-2 (multiplicative error) intervals match forecast’s analytic formula', () => {
  // R: ets(WWWusage, "MAN", damped = TRUE): alpha 0.999899942463, beta 0.99989924515, phi 0.800000167711,
  // sigma2 0.000826598931539; forecast(h = 4, level = 95): mean 218.399590639 217.119358947 216.095173378
  // 215.275824751, lower 206.092728638 191.806867665 176.888311171 161.923733093,
  // upper 230.706452641 242.431850228 255.302035585 268.627916409.
  const phi = 0.800000167711;
  const slope = (217.119358947 - 218.399590639) / (phi * phi);
  const model: EtsModel = {
    kind: 'ets', spec: { error: 'M', trend: 'Ad', season: 'N' }, m: 1, alpha: 0.999899942463, beta: 0.99989924515, gamma: 0, phi,
    level: 218.399590639 - phi * slope, slope, seasons: new Float64Array(0), sigma2: 0.000826598931539, lik: 0, aic: 0, aicc: 0, bic: 0, n: 100, nParams: 5,
  };
  const f = forecastEts(model, 4, [95]);
  [218.399590639, 217.119358947, 216.095173378, 215.275824751].forEach((v, i) => close(f.mean[i], v, 1e-9));
  [206.092728638, 191.806867665, 176.888311171, 161.923733093].forEach((v, i) => close(f.intervals[0].lower[i], v, 1e-7));
  [230.706452641, 242.431850228, 255.302035585, 268.627916409].forEach((v, i) => close(f.intervals[0].upper[i], v, 1e-7));
});
