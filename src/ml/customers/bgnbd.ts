// BG/NBD repeat-purchase model (Fader, Hardie & Lee 2005, "Counting your customers the easy way"):
// maximum-likelihood fit, P(alive) and conditional expected purchases. Written by hand: no
// maintained JS package implements it; the formulas are the paper's (eq. 6, 10 and 13).
import { logGamma } from '../anomaly/student-t.ts';
import { minimize } from '../optim.ts';

/** One customer's calibration summary: repeat purchases x, time of the last one t_x, age T. */
export interface RepeatSummary {
  x: number;
  tx: number;
  T: number;
}

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** Log-likelihood of one customer (FHL 2005 eq. 6). */
export function bgnbdLogLikelihood(p: BgNbdParams, c: RepeatSummary): number {
  const { r, alpha, a, b } = p;
  const { x, tx, T } = c;
  const base = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x);
  const alive = -(r + x) * Math.log(alpha + T);
  if (x === 0) return base + alive;
  const dropped = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  const m = Math.max(alive, dropped);
  return base + m + Math.log(Math.exp(alive - m) + Math.exp(dropped - m));
}

/** Maximum-likelihood parameters (Nelder–Mead on log-parameters). */
export function fitBgNbd(customers: readonly RepeatSummary[]): BgNbdParams & { logLikelihood: number } {
  if (customers.length < 10) throw new RangeError('BG/NBD needs at least 10 customers');
  // Customers sharing (x, t_x, T) contribute identical terms: group them once.
  const groups = new Map<string, { c: RepeatSummary; n: number }>();
  for (const c of customers) {
    const key = `${c.x}|${c.tx}|${c.T}`;
    const g = groups.get(key);
    if (g) g.n++;
    else groups.set(key, { c, n: 1 });
  }
  const list = [...groups.values()];
  const toParams = (v: ArrayLike<number>): BgNbdParams => ({ r: Math.exp(v[0]), alpha: Math.exp(v[1]), a: Math.exp(v[2]), b: Math.exp(v[3]) });
  const negLl = (v: Float64Array): number => {
    if (v.some((z) => Math.abs(z) > 12)) return Number.POSITIVE_INFINITY;
    const p = toParams(v);
    let ll = 0;
    for (const g of list) ll += g.n * bgnbdLogLikelihood(p, g.c);
    return -ll;
  };
  const meanT = customers.reduce((s, c) => s + c.T, 0) / customers.length;
  const best = minimize(negLl, [0, Math.log(Math.max(meanT, 1e-3)), 0, 0]);
  return { ...toParams(best.x), logLikelihood: -best.value };
}

/** P(alive | x, t_x, T) (FHL 2005 eq. 13; 1 for customers with no repeat purchase). */
export function probabilityAlive(p: BgNbdParams, c: RepeatSummary): number {
  if (c.x === 0) return 1;
  const logRatio = Math.log(p.a) - Math.log(p.b + c.x - 1) + (p.r + c.x) * (Math.log(p.alpha + c.T) - Math.log(p.alpha + c.tx));
  return 1 / (1 + Math.exp(logRatio));
}

/** Expected purchases in the next `t` periods given the customer's history (FHL 2005 eq. 10). */
export function expectedPurchases(p: BgNbdParams, c: RepeatSummary, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, b } = p;
  // The closed form divides by a − 1; the limit is continuous, so step off the singular point.
  const a = Math.abs(p.a - 1) < 1e-7 ? 1 + 1e-7 : p.a;
  const { x, tx, T } = c;
  const z = t / (alpha + T + t);
  // Euler's transformation turns 2F1(r+x, b+x; a+b+x−1; z) into a fast series with small
  // numerator parameters, and ((α+T)/(α+T+t))^(r+x)·(1−z)^(c−a−b) collapses to (1−z)^(a−1).
  const hyper = hypergeometric2F1(a + b - 1 - r, a - 1, a + b + x - 1, z);
  const bracket = 1 - Math.pow(1 - z, a - 1) * hyper;
  const lead = (a + b + x - 1) / (a - 1);
  const dropRatio = x > 0 ? Math.exp(Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx))) : 0;
  const value = (lead * bracket) / (1 + dropRatio);
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/** Gauss hypergeometric series for |z| < 1. */
export function hypergeometric2F1(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 10_000; k++) {
    term *= ((a + k) * (b + k)) / ((c + k) * (k + 1)) * z;
    sum += term;
    if (Math.abs(term) < 1e-15 * Math.abs(sum)) break;
  }
  return sum;
}
