// One call for the customer view: RFM segments, BG/NBD (P(alive), expected purchases) and
// Gamma-Gamma spend, combined into a discounted 12-month value per customer.
import { expectedPurchases, fitBgNbd, probabilityAlive, type BgNbdParams } from './bgnbd.ts';
import { customerValue } from './clv.ts';
import { expectedAverageSpend, fitGammaGamma, type GammaGammaParams } from './gamma-gamma.ts';
import { summarizeCustomers } from './rfm.ts';
import { segmentCustomers, type Segmentation } from './segments.ts';
import type { TransactionTable } from './transactions.ts';

export interface CustomerInsight {
  customerId: string;
  segment: number;
  recencyDays: number;
  frequency: number;
  monetary: number;
  probabilityAlive: number;
  /** Expected purchase days in the next 12 months. */
  expectedPurchases12m: number;
  expectedAverageSpend: number;
  /** Discounted expected revenue over the next 12 months. */
  value12m: number;
}

export interface CustomerAnalysis {
  segmentation: Segmentation;
  bgnbd: BgNbdParams;
  gammaGamma: GammaGammaParams | null;
  customers: CustomerInsight[];
}

export function analyzeCustomers(t: TransactionTable, options: { asOfDay?: number; annualDiscount?: number; seed?: number } = {}): CustomerAnalysis {
  const summaries = summarizeCustomers(t, options.asOfDay);
  const segmentation = segmentCustomers(summaries, options.seed ?? 1);
  const bgnbd = fitBgNbd(summaries.map((s) => s.repeat));
  const repeaters = summaries.filter((s) => s.spend.x >= 1 && s.spend.mean > 0);
  // Without enough repeat buyers the spend model is not identifiable: fall back to each customer's own mean.
  const gammaGamma = repeaters.length >= 10 ? fitGammaGamma(repeaters.map((s) => s.spend)) : null;
  const populationMean = repeaters.length > 0 ? repeaters.reduce((a, s) => a + s.spend.mean, 0) / repeaters.length : 0;
  const customers = summaries.map((s, i): CustomerInsight => {
    const firstSpend = s.monetary / Math.max(1, s.spend.x + 1);
    const spend = gammaGamma ? expectedAverageSpend(gammaGamma, s.spend, populationMean) : s.spend.x > 0 ? s.spend.mean : firstSpend;
    return {
      customerId: t.customerIds[s.customer],
      segment: segmentation.labels[i],
      recencyDays: s.recencyDays,
      frequency: s.frequency,
      monetary: s.monetary,
      probabilityAlive: probabilityAlive(bgnbd, s.repeat),
      expectedPurchases12m: expectedPurchases(bgnbd, s.repeat, 52),
      expectedAverageSpend: spend,
      value12m: customerValue(bgnbd, s.repeat, spend, { annualDiscount: options.annualDiscount ?? 0.1 }),
    };
  });
  return { segmentation, bgnbd, gammaGamma, customers };
}
