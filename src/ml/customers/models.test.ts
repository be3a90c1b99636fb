import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../random.ts';
import { expectedPurchases, fitBgNbd, probabilityAlive } from './bgnbd.ts';
import { customerValue } from './clv.ts';
import { expectedAverageSpend, fitGammaGamma } from './gamma-gamma.ts';
import { simulateBgNbd, simulateGammaGamma } from './simulate.ts';

const CDNOW = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const near = (actual: number, expected: number, relative: number, label: string) =>
  assert.ok(Math.abs(actual - expected) <= relative * Math.abs(expected), `${label}: ${actual} vs ${expected}`);

test('P(alive) and expected purchases match hand and published values (FHL 2005, CDNOW)', () => {
  const c = { x: 2, tx: 30.43, T: 38.86 };
  // 1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)) = 1 / (1 + 0.23147 · 1.6258)
  near(probabilityAlive(CDNOW, c), 0.72658, 1e-4, 'P(alive)');
  // The paper's worked example: 1.226 expected repeat purchases in the next 39 weeks.
  near(expectedPurchases(CDNOW, c, 39), 1.226, 1e-3, 'E[Y(39)]');
  assert.equal(probabilityAlive(CDNOW, { x: 0, tx: 0, T: 30 }), 1);
  assert.ok(probabilityAlive(CDNOW, { x: 5, tx: 5, T: 78 }) < probabilityAlive(CDNOW, { x: 5, tx: 70, T: 78 }));
  assert.ok(expectedPurchases(CDNOW, c, 52) > expectedPurchases(CDNOW, c, 39));
  assert.ok(Number.isFinite(expectedPurchases({ ...CDNOW, a: 1 }, c, 39)));
});

test('BG/NBD recovers the parameters it simulated from', () => {
  const data = simulateBgNbd(new Rng(1), CDNOW, 5000);
  const fit = fitBgNbd(data);
  near(fit.r, CDNOW.r, 0.15, 'r');
  near(fit.alpha, CDNOW.alpha, 0.2, 'alpha');
  near(fit.a, CDNOW.a, 0.25, 'a');
  near(fit.b, CDNOW.b, 0.3, 'b');
});

test('Gamma-Gamma recovers its parameters and shrinks towards the population mean', () => {
  const truth = { p: 6.25, q: 3.74, gamma: 15.44 };
  const fit = fitGammaGamma(simulateGammaGamma(new Rng(2), truth, 3000));
  near(fit.p, truth.p, 0.1, 'p');
  near(fit.q, truth.q, 0.15, 'q');
  near(fit.gamma, truth.gamma, 0.2, 'gamma');
  const populationMean = 35;
  const one = expectedAverageSpend(fit, { x: 1, mean: 100 }, populationMean);
  const many = expectedAverageSpend(fit, { x: 20, mean: 100 }, populationMean);
  assert.ok(one < many && many < 100, `${one} < ${many} < 100`);
});

test('12-month value is discounted and grows with the horizon', () => {
  const c = { x: 4, tx: 40, T: 50 };
  const undiscounted = customerValue(CDNOW, c, 50, { annualDiscount: 0 });
  near(undiscounted, expectedPurchases(CDNOW, c, (365.25 / 7)) * 50, 1e-9, 'no discount = purchases × spend');
  assert.ok(customerValue(CDNOW, c, 50, { annualDiscount: 0.2 }) < undiscounted);
  assert.ok(customerValue(CDNOW, c, 50, { months: 24 }) > customerValue(CDNOW, c, 50));
});
