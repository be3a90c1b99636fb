import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../random.ts';
import { brierScore } from '../metrics/classification.ts';
import { sigmoid } from '../linear/logistic.ts';
import { calibratedLogOdds, chooseCalibrator, fitCalibrator, rescaleContributions } from './calibrate.ts';
import { fitIsotonic, isotonicProbability } from './isotonic.ts';
import { additionalOutcomesFor, shrinkageWeight, shrinkLogOdds, smoothedBaseRate } from './small-data.ts';

const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} ≉ ${b}`);

/** An overconfident model: its margin is 3× the true log-odds. */
function overconfident(n: number, seed: number) {
  const rng = new Rng(seed);
  const margins = new Float64Array(n);
  const labels = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const z = rng.normal(-0.5, 1.2);
    labels[i] = rng.bernoulli(sigmoid(z)) ? 1 : 0;
    margins[i] = 3 * z;
  }
  return { margins, labels };
}

test('PAV pools adjacent violators (hand-worked)', () => {
  // Labels in margin order 1,0,0,1,1 → blocks {1,2,3} at 1/3 and {4,5} at 1 (held half a row inside 1).
  const cal = fitIsotonic([1, 2, 3, 4, 5], [1, 0, 0, 1, 1]);
  close(isotonicProbability(cal, 2), 1 / 3);
  close(isotonicProbability(cal, 5), 1 - 0.5 / 6);
  close(isotonicProbability(cal, 3.5), (1 / 3 + 1 - 0.5 / 6) / 2);
  close(isotonicProbability(cal, -10), 1 / 3);
});

test('Platt and isotonic both reduce Brier on an overconfident model (fit on one sample, judged on another)', () => {
  const fit = overconfident(4000, 1);
  const held = overconfident(4000, 2);
  const raw = brierScore(held.labels, held.margins.map(sigmoid));
  for (const kind of ['platt', 'isotonic'] as const) {
    const cal = fitCalibrator(kind, fit.margins, fit.labels);
    const calibrated = brierScore(held.labels, held.margins.map((m) => sigmoid(calibratedLogOdds(cal, m))));
    assert.ok(calibrated < raw - 0.005, `${kind}: ${calibrated} vs raw ${raw}`);
    if (cal.kind === 'platt') close(cal.slope, 1 / 3, 0.05);
  }
  const choice = chooseCalibrator(fit.margins, fit.labels);
  assert.notEqual(choice.calibrator.kind, 'none');
  assert.ok(choice.cvLogLoss.none! > choice.cvLogLoss.platt!);
});

test('well-calibrated margins keep the identity map', () => {
  const rng = new Rng(3);
  const n = 3000;
  const margins = new Float64Array(n);
  const labels = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    margins[i] = rng.normal(0, 1.5);
    labels[i] = rng.bernoulli(sigmoid(margins[i])) ? 1 : 0;
  }
  assert.equal(chooseCalibrator(margins, labels).calibrator.kind, 'none');
});

test('rescaled contributions sum exactly to the calibrated log-odds difference', () => {
  const fit = overconfident(3000, 4);
  const iso = fitCalibrator('isotonic', fit.margins, fit.labels);
  const g = (m: number) => calibratedLogOdds(iso, m);
  const contributions = Float64Array.from([0.8, -0.3, 1.1]);
  const base = -0.4;
  const margin = base + 1.6;
  const scaled = rescaleContributions(contributions, margin, base, g);
  close(scaled.reduce((s, v) => s + v, 0), g(margin) - g(base), 1e-12);
  assert.ok(scaled[0] > 0 && scaled[1] < 0, 'signs are kept');
});

test('small-data shrinkage and sample-size arithmetic', () => {
  close(smoothedBaseRate(0, 10), 1 / 12);
  close(shrinkageWeight(10), 0.25);
  close(shrinkLogOdds(2, 0, 0.25), 0.5);
  // Halving a width needs four times the outcomes: three times as many more.
  assert.equal(additionalOutcomesFor(0.4, 0.2, 50), 150);
  assert.equal(additionalOutcomesFor(0.1, 0.2, 50), 0);
});
