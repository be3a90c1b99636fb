// Turning classifier margins into confidences: softmax with a temperature fitted by
// maximum likelihood on held-out rows (Guo et al. 2017, "temperature scaling"), and the
// abstention thresholds chosen on held-out confidences. Written by hand: a likelihood and a 1-D
// search (the shared golden section).
import { goldenSection } from '../optim.ts';

/** Softmax of margins / temperature, written into `out`; stable for any finite input. */
export function softmaxWithTemperature(margins: ArrayLike<number>, temperature: number, out = new Float64Array(margins.length)): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < margins.length; i++) if (margins[i] > max) max = margins[i];
  let sum = 0;
  for (let i = 0; i < margins.length; i++) {
    out[i] = Math.exp((margins[i] - max) / temperature);
    sum += out[i];
  }
  for (let i = 0; i < margins.length; i++) out[i] /= sum;
  return out;
}

/** Mean negative log-likelihood of the true classes under softmax(margins / T). */
export function softmaxNll(margins: readonly Float64Array[], truth: ArrayLike<number>, temperature: number): number {
  let total = 0;
  for (let r = 0; r < margins.length; r++) {
    const m = margins[r];
    let max = -Infinity;
    for (let i = 0; i < m.length; i++) if (m[i] > max) max = m[i];
    let sum = 0;
    for (let i = 0; i < m.length; i++) sum += Math.exp((m[i] - max) / temperature);
    total += Math.log(sum) - (m[truth[r]] - max) / temperature;
  }
  return total / Math.max(1, margins.length);
}

/** The temperature in [0.001, 100] minimising held-out NLL (golden-section search on log T; NLL is unimodal in T). */
export function fitTemperature(margins: readonly Float64Array[], truth: ArrayLike<number>): number {
  if (margins.length === 0) return 1;
  const f = (logT: number) => softmaxNll(margins, truth, Math.exp(logT));
  return Math.exp(goldenSection(f, Math.log(0.001), Math.log(100), { tol: 1e-9 }).x);
}

/**
 * Threshold that keeps `recall` of in-scope rows answered: the (1 − recall) quantile of their
 * confidences. Used when no out-of-scope examples exist to tune against.
 */
export function thresholdForRecall(inScopeConfidences: readonly number[], recall: number): number {
  if (inScopeConfidences.length === 0) return 0;
  const sorted = [...inScopeConfidences].sort((a, b) => a - b);
  const k = Math.floor((1 - recall) * sorted.length);
  return k <= 0 ? 0 : (sorted[k - 1] + sorted[k]) / 2;
}

/**
 * Threshold that maximises in-scope accuracy (an abstention counts as wrong) plus the share of
 * out-of-scope rows abstained on, each rate weighted equally whatever the class sizes.
 */
export function thresholdBalanced(
  inScope: readonly { confidence: number; correct: boolean }[],
  outOfScope: readonly number[],
): number {
  if (inScope.length === 0 || outOfScope.length === 0) return 0;
  const cands = [...new Set([0, ...inScope.map((r) => r.confidence), ...outOfScope])].sort((a, b) => a - b);
  const inSorted = [...inScope].sort((a, b) => a.confidence - b.confidence);
  const oosSorted = [...outOfScope].sort((a, b) => a - b);
  const totalCorrect = inScope.filter((r) => r.correct).length;
  // Sweep: threshold t abstains on every confidence < t.
  let best = 0;
  let bestScore = -Infinity;
  let i = 0;
  let lostCorrect = 0;
  let j = 0;
  cands.forEach((t, c) => {
    while (i < inSorted.length && inSorted[i].confidence < t) lostCorrect += inSorted[i++].correct ? 1 : 0;
    while (j < oosSorted.length && oosSorted[j] < t) j++;
    const score = (totalCorrect - lostCorrect) / inScope.length + j / oosSorted.length;
    if (score > bestScore + 1e-12) {
      bestScore = score;
      // Midway to the next lower confidence: abstains on the same held-out rows, with a margin.
      best = c === 0 ? t : (cands[c - 1] + t) / 2;
    }
  });
  return best;
}
