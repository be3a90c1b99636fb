// Seeded simulators of the BG/NBD and Gamma-Gamma generative stories: ground truth for tests.
import type { Rng } from '../random.ts';
import type { BgNbdParams, RepeatSummary } from './bgnbd.ts';
import type { GammaGammaParams, SpendSummary } from './gamma-gamma.ts';

/** Customers observed for T periods each (T drawn uniformly from [minT, maxT]). */
export function simulateBgNbd(rng: Rng, p: BgNbdParams, customers: number, minT = 30, maxT = 78): RepeatSummary[] {
  const out: RepeatSummary[] = [];
  for (let i = 0; i < customers; i++) {
    const lambda = rng.gamma(p.r) / p.alpha;
    const drop = rng.beta(p.a, p.b);
    const T = minT + (maxT - minT) * rng.next();
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t += -Math.log(1 - rng.next()) / lambda;
      if (t > T) break;
      x++;
      tx = t;
      if (rng.bernoulli(drop)) break;
    }
    out.push({ x, tx, T });
  }
  return out;
}

/** Customers with `x` transactions each (uniform on 1..maxX) and their mean spend. */
export function simulateGammaGamma(rng: Rng, par: GammaGammaParams, customers: number, maxX = 10): SpendSummary[] {
  const out: SpendSummary[] = [];
  for (let i = 0; i < customers; i++) {
    const nu = rng.gamma(par.q) / par.gamma;
    const x = 1 + rng.int(maxX);
    let sum = 0;
    for (let k = 0; k < x; k++) sum += rng.gamma(par.p) / nu;
    out.push({ x, mean: sum / x });
  }
  return out;
}
