// Platt scaling: a one-feature logistic regression from model margin to calibrated log-odds,
// with Platt's (1999) smoothed targets so a perfectly separated fold cannot push it to infinity.
// Written by hand: it reuses our logistic regression; no JS library offers Platt scaling.
import { fitLogistic } from '../linear/logistic.ts';

export interface PlattCalibrator {
  kind: 'platt';
  slope: number;
  intercept: number;
}

export function fitPlatt(margins: ArrayLike<number>, labels: ArrayLike<number>): PlattCalibrator {
  let pos = 0;
  for (let i = 0; i < labels.length; i++) pos += labels[i];
  const neg = labels.length - pos;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  const targets = Float64Array.from(labels, (y) => (y === 1 ? hi : lo));
  const X = { data: Float64Array.from(margins), rows: margins.length, cols: 1 };
  const m = fitLogistic(X, targets, { l2: 1e-9 });
  return { kind: 'platt', slope: m.coef[0], intercept: m.intercept };
}
