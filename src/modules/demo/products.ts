// What a deal contains: product lines sized to the customer (seats and units scale with headcount).
import type { Rng } from '../../ml/random.ts';
import type { Account } from './accounts.ts';
import { FAMILY_AFFINITY, type Family } from './catalog.ts';
import { clamp, round2 } from './ids.ts';
import type { Product } from './world.ts';

export interface ProductLine {
  product: Product;
  quantity: number;
  unitPrice: number;
  amount: number;
}

const byKey = (products: Product[], key: string) => products.find((p) => p.key === key)!;

export function dealLines(rng: Rng, products: Product[], account: Account): ProductLine[] {
  const affinity = FAMILY_AFFINITY[account.industry];
  const emp = account.employees;
  const primaryFamily: Family = rng.weighted([affinity.Software, affinity.Hardware]) === 0 ? 'Software' : 'Hardware';
  const picks: [string, number][] = [];
  if (primaryFamily === 'Software') {
    const edition = emp > 1000 && rng.bernoulli(0.6) ? 'insight-ent' : rng.bernoulli(0.15) ? 'mobile' : 'insight-std';
    const seats = Math.round(clamp(emp * (0.02 + 0.1 * rng.next()), 5, 3000));
    picks.push([edition, seats]);
    if (rng.bernoulli(0.3)) picks.push(['analytics', seats]);
  } else {
    const device = rng.pick(['sensor-hub', 'sensor-hub', 'edge-gateway', 'vision-kit']);
    picks.push([device, Math.round(clamp(emp * (0.002 + 0.018 * rng.next()), 1, 400))]);
    if (rng.bernoulli(0.5)) picks.push(['insight-std', Math.round(clamp(emp * 0.03, 5, 500))]);
  }
  if (emp > 200 && rng.bernoulli(0.5)) picks.push(['implementation', 1]);
  if (rng.bernoulli(0.2)) picks.push(['integration', 1]);
  if (rng.bernoulli(0.3)) picks.push(['training', 1 + rng.int(5)]);
  if (rng.bernoulli(emp > 2000 ? 0.5 : 0.1)) picks.push(['premium-support', 1]);
  const list = picks.reduce((s, [key, q]) => s + byKey(products, key).listPrice * q, 0);
  // Bigger deals get bigger discounts.
  const discount = clamp(0.08 * rng.next() + (list > 100_000 ? 0.07 : 0) + (list > 500_000 ? 0.05 : 0), 0, 0.25);
  return picks.map(([key, quantity]) => {
    const product = byKey(products, key);
    const unitPrice = round2(product.listPrice * (1 - discount));
    return { product, quantity, unitPrice, amount: round2(unitPrice * quantity) };
  });
}

export const linesTotal = (lines: readonly ProductLine[]): number => round2(lines.reduce((s, l) => s + l.amount, 0));

export function productLinesJson(lines: readonly ProductLine[]): Record<string, unknown>[] {
  return lines.map((l) => ({ product_id: l.product.id, sku: l.product.sku, name: l.product.name, quantity: l.quantity, unit_price: l.unitPrice, amount: l.amount }));
}

