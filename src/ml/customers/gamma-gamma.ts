// Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV"; Colombo &
// Jiang 1999): maximum likelihood and the conditional expected average spend. Written by hand: no
// maintained JS package implements it; it is one log-likelihood and one posterior mean.
import { logGamma } from '../anomaly/student-t.ts';
import { minimize } from '../optim.ts';

/** A customer's number of repeat transactions (≥ 1) and their mean value (> 0). */
export interface SpendSummary {
  x: number;
  mean: number;
}

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

export function gammaGammaLogLikelihood(par: GammaGammaParams, c: SpendSummary): number {
  const { p, q, gamma } = par;
  const px = p * c.x;
  return logGamma(px + q) - logGamma(px) - logGamma(q) + q * Math.log(gamma) + (px - 1) * Math.log(c.mean) + px * Math.log(c.x) - (px + q) * Math.log(gamma + c.mean * c.x);
}

/** Fits p, q, γ on customers with at least one repeat transaction and positive spend. */
export function fitGammaGamma(customers: readonly SpendSummary[]): GammaGammaParams & { logLikelihood: number } {
  const usable = customers.filter((c) => c.x >= 1 && c.mean > 0);
  if (usable.length < 10) throw new RangeError('Gamma-Gamma needs at least 10 repeat customers');
  const toParams = (v: ArrayLike<number>): GammaGammaParams => ({ p: Math.exp(v[0]), q: Math.exp(v[1]), gamma: Math.exp(v[2]) });
  const negLl = (v: Float64Array): number => {
    if (v.some((z) => Math.abs(z) > 15)) return Number.POSITIVE_INFINITY;
    const par = toParams(v);
    let ll = 0;
    for (const c of usable) ll += gammaGammaLogLikelihood(par, c);
    return -ll;
  };
  const meanSpend = usable.reduce((s, c) => s + c.mean, 0) / usable.length;
  const best = minimize(negLl, [0, Math.log(2), Math.log(meanSpend)]);
  return { ...toParams(best.x), logLikelihood: -best.value };
}

/** E[mean spend | x, m̄]: a weighted average of the population mean and the customer's own. */
export function expectedAverageSpend(par: GammaGammaParams, c: SpendSummary, populationMean: number): number {
  if (c.x < 1 || !(c.mean > 0)) return populationMean;
  const denom = par.p * c.x + par.q - 1;
  const value = (par.p * (par.gamma + c.x * c.mean)) / denom;
  return denom > 0 && Number.isFinite(value) ? value : c.mean;
}
