// Isotonic calibration: pool-adjacent-violators on (margin, label), read back by linear
// interpolation between block ends (as scikit-learn's IsotonicRegression does).
// Written by hand: PAV is a dozen lines and no maintained JS package offers it on typed arrays.

export interface IsotonicCalibrator {
  kind: 'isotonic';
  /** Increasing margins … */
  knots: Float64Array;
  /** … and the non-decreasing probabilities there, kept inside [floor, 1 − floor]. */
  probs: Float64Array;
}

export function fitIsotonic(margins: ArrayLike<number>, labels: ArrayLike<number>): IsotonicCalibrator {
  const n = margins.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => margins[a] - margins[b]);
  // Blocks: value (weighted mean label), weight, x range.
  const value: number[] = [];
  const weight: number[] = [];
  const xLo: number[] = [];
  const xHi: number[] = [];
  for (const i of idx) {
    const x = margins[i];
    if (xHi.length > 0 && xHi[xHi.length - 1] === x) {
      // Tied margins must share one value.
      const k = value.length - 1;
      value[k] = (value[k] * weight[k] + labels[i]) / (weight[k] + 1);
      weight[k] += 1;
    } else {
      value.push(labels[i]);
      weight.push(1);
      xLo.push(x);
      xHi.push(x);
    }
    while (value.length > 1 && value[value.length - 2] >= value[value.length - 1]) {
      const b = value.length - 1;
      const w = weight[b - 1] + weight[b];
      value[b - 1] = (value[b - 1] * weight[b - 1] + value[b] * weight[b]) / w;
      weight[b - 1] = w;
      xHi[b - 1] = xHi[b];
      value.pop();
      weight.pop();
      xLo.pop();
      xHi.pop();
    }
  }
  // Probabilities 0 and 1 would give infinite log-odds: keep them half an observation inside.
  const floor = 0.5 / (n + 1);
  const knots: number[] = [];
  const probs: number[] = [];
  for (let b = 0; b < value.length; b++) {
    const v = Math.min(1 - floor, Math.max(floor, value[b]));
    knots.push(xLo[b]);
    probs.push(v);
    if (xHi[b] > xLo[b]) {
      knots.push(xHi[b]);
      probs.push(v);
    }
  }
  return { kind: 'isotonic', knots: Float64Array.from(knots), probs: Float64Array.from(probs) };
}

/** Calibrated probability at a margin (clipped to the end values outside the fitted range). */
export function isotonicProbability(cal: IsotonicCalibrator, margin: number): number {
  const { knots, probs } = cal;
  const n = knots.length;
  if (margin <= knots[0]) return probs[0];
  if (margin >= knots[n - 1]) return probs[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (knots[mid] <= margin) lo = mid;
    else hi = mid;
  }
  const t = (margin - knots[lo]) / (knots[hi] - knots[lo]);
  return probs[lo] + t * (probs[hi] - probs[lo]);
}
