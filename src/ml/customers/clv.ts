// Customer value over a horizon: expected purchases per month from BG/NBD times expected spend
// per purchase from Gamma-Gamma, discounted monthly (the discounted-cash-flow form used by
// Fader, Hardie & Lee 2005 and the `lifetimes` library). Written by hand: a 12-step sum over bgnbd.ts.
import { expectedPurchases, type BgNbdParams, type RepeatSummary } from './bgnbd.ts';

export interface ValueOptions {
  months?: number;
  /** Annual discount rate, e.g. 0.1 for 10 %. */
  annualDiscount?: number;
  /** Length of one model period in days (7 when x, t_x, T are in weeks). */
  periodDays?: number;
}

export function customerValue(params: BgNbdParams, c: RepeatSummary, averageSpend: number, options: ValueOptions = {}): number {
  const months = options.months ?? 12;
  const monthly = Math.pow(1 + (options.annualDiscount ?? 0.1), 1 / 12) - 1;
  const periodsPerMonth = 365.25 / 12 / (options.periodDays ?? 7);
  let value = 0;
  let previous = 0;
  for (let m = 1; m <= months; m++) {
    const cumulative = expectedPurchases(params, c, m * periodsPerMonth);
    value += ((cumulative - previous) * averageSpend) / Math.pow(1 + monthly, m);
    previous = cumulative;
  }
  return value;
}
