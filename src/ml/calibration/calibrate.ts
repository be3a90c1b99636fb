// Choosing and applying a calibration map from a model's margin (log-odds) to calibrated log-odds,
// and carrying per-feature contributions through it so they still add up exactly.
// Written by hand: CV selection among calibrators and exact reason-code rescaling are ours; no
// JS library calibrates classifiers.
import { foldRows, stratifiedFolds } from '../features/folds.ts';
import { logLoss } from '../metrics/classification.ts';
import { sigmoid } from '../linear/logistic.ts';
import { fitIsotonic, isotonicProbability, type IsotonicCalibrator } from './isotonic.ts';
import { fitPlatt, type PlattCalibrator } from './platt.ts';

export type Calibrator = { kind: 'none' } | PlattCalibrator | IsotonicCalibrator;
export type CalibrationKind = Calibrator['kind'];

const logit = (p: number) => Math.log(p / (1 - p));

/** Calibrated log-odds of a model margin. Every calibrator here is monotone non-decreasing. */
export function calibratedLogOdds(cal: Calibrator, margin: number): number {
  switch (cal.kind) {
    case 'none':
      return margin;
    case 'platt':
      return cal.intercept + cal.slope * margin;
    case 'isotonic':
      return logit(isotonicProbability(cal, margin));
  }
}

export function fitCalibrator(kind: CalibrationKind, margins: ArrayLike<number>, labels: ArrayLike<number>): Calibrator {
  if (kind === 'platt') return fitPlatt(margins, labels);
  if (kind === 'isotonic') return fitIsotonic(margins, labels);
  return { kind: 'none' };
}

export interface CalibrationChoice {
  calibrator: Calibrator;
  /** Cross-validated log loss of each candidate on the out-of-fold margins. */
  cvLogLoss: Partial<Record<CalibrationKind, number>>;
}

/**
 * Picks none / Platt / isotonic by k-fold CV on out-of-fold margins (fitting a calibrator on the
 * same predictions it is judged on would always favour isotonic). Isotonic is only considered with
 * at least 500 rows and 50 of each class: below that it overfits (scikit-learn gives the same advice).
 */
export function chooseCalibrator(oofMargins: Float64Array, labels: ArrayLike<number>, k = 5, seed = 13): CalibrationChoice {
  let pos = 0;
  for (let i = 0; i < labels.length; i++) pos += labels[i];
  const minority = Math.min(pos, labels.length - pos);
  const kinds: CalibrationKind[] = ['none'];
  if (minority >= 5) kinds.push('platt');
  if (labels.length >= 500 && minority >= 50) kinds.push('isotonic');
  const folds = Math.min(k, Math.max(2, minority));
  const fold = stratifiedFolds(labels, folds, seed);
  const cvLogLoss: Partial<Record<CalibrationKind, number>> = {};
  let best: CalibrationKind = 'none';
  for (const kind of kinds) {
    const probs = new Float64Array(labels.length);
    for (let f = 0; f < folds; f++) {
      const { train, test } = foldRows(fold, f);
      const cal = fitCalibrator(kind, Array.from(train, (r) => oofMargins[r]), Array.from(train, (r) => labels[r]));
      for (const r of test) probs[r] = sigmoid(calibratedLogOdds(cal, oofMargins[r]));
    }
    cvLogLoss[kind] = logLoss(labels, probs);
    // A calibrator must earn its place: prefer the simpler map unless it is better by 1e-4.
    if (cvLogLoss[kind]! < cvLogLoss[best]! - 1e-4) best = kind;
  }
  return { calibrator: fitCalibrator(best, oofMargins, labels), cvLogLoss };
}

/**
 * Carries contributions measured on the model margin (summing to margin − baseMargin) through a
 * monotone map g to calibrated log-odds. Each contribution is multiplied by the secant slope
 * (g(margin) − g(baseMargin)) / (margin − baseMargin), so they sum exactly to g(margin) − g(baseMargin)
 * and keep their signs and relative sizes (the slope is ≥ 0 because g is non-decreasing). For Platt
 * the slope is the constant a; for isotonic it varies by row. When margin ≈ baseMargin the local slope is used.
 */
export function rescaleContributions(contributions: Float64Array, margin: number, baseMargin: number, g: (m: number) => number): Float64Array {
  const dm = margin - baseMargin;
  const slope = Math.abs(dm) > 1e-9 ? (g(margin) - g(baseMargin)) / dm : (g(baseMargin + 1e-6) - g(baseMargin - 1e-6)) / 2e-6;
  return contributions.map((c) => c * slope);
}
