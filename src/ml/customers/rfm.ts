// Recency, frequency and monetary value per customer, plus the summaries the BG/NBD and
// Gamma-Gamma models need (repeat purchase days, in weeks; mean spend of repeat days).
import type { RepeatSummary } from './bgnbd.ts';
import type { SpendSummary } from './gamma-gamma.ts';
import type { TransactionTable } from './transactions.ts';

export interface CustomerSummary {
  /** Index into TransactionTable.customerIds. */
  customer: number;
  recencyDays: number;
  /** Distinct orders. */
  frequency: number;
  /** Total revenue. */
  monetary: number;
  repeat: RepeatSummary;
  spend: SpendSummary;
}

/**
 * Summaries for every customer with at least one row, as of `asOfDay` (the end of the data when
 * absent). Purchases on the same calendar day count as one occasion, as in the BG/NBD paper.
 */
export function summarizeCustomers(t: TransactionTable, asOfDay?: number): CustomerSummary[] {
  const end = asOfDay ?? Math.floor(max(t.day)) + 1;
  const perCustomer = new Map<number, { days: Map<number, number>; invoices: Set<number>; total: number }>();
  for (let i = 0; i < t.customer.length; i++) {
    let c = perCustomer.get(t.customer[i]);
    if (!c) perCustomer.set(t.customer[i], (c = { days: new Map(), invoices: new Set(), total: 0 }));
    const d = Math.floor(t.day[i]);
    c.days.set(d, (c.days.get(d) ?? 0) + t.amount[i]);
    c.invoices.add(t.invoice[i]);
    c.total += t.amount[i];
  }
  const out: CustomerSummary[] = [];
  for (const [customer, c] of perCustomer) {
    const days = [...c.days.keys()].sort((a, b) => a - b);
    const first = days[0];
    const last = days[days.length - 1];
    let repeatSpend = 0;
    for (let k = 1; k < days.length; k++) repeatSpend += c.days.get(days[k])!;
    const x = days.length - 1;
    out.push({
      customer,
      recencyDays: end - last,
      frequency: c.invoices.size,
      monetary: c.total,
      repeat: { x, tx: (last - first) / 7, T: (end - first) / 7 },
      spend: { x, mean: x > 0 ? repeatSpend / x : 0 },
    });
  }
  return out.sort((a, b) => a.customer - b.customer);
}

function max(a: Float64Array): number {
  let m = Number.NEGATIVE_INFINITY;
  for (const v of a) if (v > m) m = v;
  return m;
}
