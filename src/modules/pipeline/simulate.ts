// Seeded Monte-Carlo of bookings: each open deal wins with its probability and books its amount in
// its close month, optionally slipped by a number of months drawn from history. Pure. Written by
// hand: a loop over simulations and deals; no library adds anything here.
import { Rng } from '../../ml/random.ts';

export interface SimDeal {
  amount: number;
  probability: number;
  /** Month index of the expected close, 0 = the current month (overdue deals: 0). */
  month: number;
  /** Possible slips in months (empirical, equally likely); empty = no slip. */
  slips: readonly number[];
}

export interface Quantiles {
  p10: number;
  p50: number;
  p90: number;
  expected: number;
}

export interface Simulation {
  months: Quantiles[];
  /** All months together. */
  total: Quantiles;
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

function summarise(draws: Float64Array): Quantiles {
  let sum = 0;
  for (const v of draws) sum += v;
  const sorted = Float64Array.from(draws).sort();
  return { p10: quantile(sorted, 0.1), p50: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), expected: draws.length ? sum / draws.length : 0 };
}

export function simulateBookings(deals: readonly SimDeal[], months: number, simulations: number, seed: number): Simulation {
  const rng = new Rng(seed);
  const perMonth = Array.from({ length: months }, () => new Float64Array(simulations));
  const total = new Float64Array(simulations);
  for (let s = 0; s < simulations; s++) {
    for (const d of deals) {
      if (rng.next() >= d.probability) continue;
      const month = d.month + (d.slips.length ? d.slips[rng.int(d.slips.length)] : 0);
      if (month < 0 || month >= months) continue;
      perMonth[month][s] += d.amount;
      total[s] += d.amount;
    }
  }
  return { months: perMonth.map(summarise), total: summarise(total) };
}
