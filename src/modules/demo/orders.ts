// Three years of orders: repeat purchases from accounts with hidden purchase rates, shaped by
// yearly seasonality (Q4 peak), a weekday pattern, regional growth and churn; plus the first
// order of every won deal.
import type { Rng } from '../../ml/random.ts';
import type { Account } from './accounts.ts';
import { FAMILY_AFFINITY } from './catalog.ts';
import { DAY_MS, clamp, demoUuid, externalId, iso, officeHours, round2 } from './ids.ts';
import type { Rep } from './org.ts';
import type { ProductLine } from './products.ts';
import { MONTH_FACTORS, REGION_GROWTH, WEEKDAY_FACTORS } from './truth.ts';
import { prob, type Product, type World } from './world.ts';

export interface PurchaseTruth {
  customer: boolean;
  /** Expected orders per month in the current month's conditions (before seasonality). */
  monthly_rate: number;
  /** Months since the start of the order history when purchasing began / stopped (null: never churned). */
  start_month: number;
  churn_month: number | null;
}

interface OrderLineSpec {
  product: Product;
  quantity: number;
  unitPrice: number;
}

function addOrder(w: World, account: Account, owner: Rep, opportunityId: string | null, at: number, lines: OrderLineSpec[], status: string, source: string): void {
  const ext = externalId('order', ++w.counters.order, 7);
  const id = demoUuid(w.seed, ext);
  const stamp = iso(at);
  let total = 0;
  for (const l of lines) {
    const lineExt = externalId('order-line', ++w.counters.orderLine, 8);
    const amount = round2(l.unitPrice * l.quantity);
    total += amount;
    w.pending.orderLines.push({
      id: demoUuid(w.seed, lineExt), external_id: lineExt, order_id: id, product_id: l.product.id, quantity: l.quantity, unit_price: l.unitPrice,
      amount, created_at: stamp, updated_at: stamp,
    });
  }
  w.pending.orders.push({
    id, external_id: ext, account_id: account.id, owner_id: owner.id, opportunity_id: opportunityId, ordered_at: stamp, status,
    total: round2(total), region: account.country.region, attributes: { source }, created_at: stamp, updated_at: stamp,
  });
}

export function addWonDealOrder(w: World, account: Account, rep: Rep, opportunityId: string, closedAt: number, lines: readonly ProductLine[]): void {
  const at = Math.min(closedAt + (0.5 + 4.5 * w.rng.next()) * DAY_MS, w.now - 3_600_000);
  const status = w.now - at < 3 * DAY_MS ? 'pending' : 'completed';
  addOrder(w, account, rep, opportunityId, Math.max(at, closedAt), lines.map((l) => ({ product: l.product, quantity: l.quantity, unitPrice: l.unitPrice })), status, 'opportunity');
}

/** Repeat purchases: hardware units, add-on seats and service days, not services bought once. */
const REPEAT_KEYS = ['sensor-hub', 'edge-gateway', 'vision-kit', 'insight-std', 'analytics', 'mobile', 'training'];

/** Draws each account's hidden purchase behaviour. */
export function purchaseTruth(rng: Rng, account: Account, months: number): PurchaseTruth {
  const customer = rng.bernoulli(0.6);
  const size = (account.employees / 300) ** 0.2;
  const start = rng.bernoulli(0.7) ? 0 : rng.int(months);
  const churn = rng.bernoulli(0.15) && start + 3 < months ? start + 3 + rng.int(months - start - 3) : null;
  return { customer, monthly_rate: customer ? prob((rng.gamma(1.5) / 1.5) * 0.55 * size) : 0, start_month: start, churn_month: churn };
}

/** Generates one account's repeat orders for every month of the history window ending now. */
export function repeatOrders(w: World, account: Account, truth: PurchaseTruth, months: number): void {
  if (!truth.customer) return;
  const { rng, now } = w;
  const affinity = FAMILY_AFFINITY[account.industry];
  const products = w.products.filter((p) => REPEAT_KEYS.includes(p.key));
  const weights = products.map((p) => affinity[p.family] * (0.3 + rng.next()));
  const discount = 0.15 * rng.next();
  const growth = REGION_GROWTH[account.country.region] ?? 0.15;
  const today = new Date(now);
  for (let m = 0; m < months; m++) {
    if (m < truth.start_month || (truth.churn_month !== null && m >= truth.churn_month)) continue;
    const monthsBack = months - 1 - m;
    const first = Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - monthsBack, 1);
    const month = new Date(first).getUTCMonth();
    const length = new Date(Date.UTC(new Date(first).getUTCFullYear(), month + 1, 0)).getUTCDate();
    const lambda = truth.monthly_rate * MONTH_FACTORS[month] * Math.exp((-growth * monthsBack) / 12);
    const count = rng.poisson(lambda);
    if (count === 0) continue;
    const dayWeights = Array.from({ length }, (_, d) => WEEKDAY_FACTORS[new Date(first + d * DAY_MS).getUTCDay()]);
    for (let k = 0; k < count; k++) {
      const at = officeHours(rng, first + rng.weighted(dayWeights) * DAY_MS);
      const nLines = Math.min(4, 1 + rng.poisson(0.7));
      const lines: OrderLineSpec[] = [];
      for (let l = 0; l < nLines; l++) {
        const product = products[rng.weighted(weights)];
        const scale = product.family === 'Software' ? account.employees / 60 : product.family === 'Hardware' ? account.employees / 600 : 0.5;
        lines.push({ product, quantity: 1 + rng.poisson(clamp(scale, 0.2, 200)), unitPrice: round2(product.listPrice * (1 - discount)) });
      }
      if (at > now) continue; // the current month is only partly over
      const r = rng.next();
      const status = now - at < 5 * DAY_MS ? 'pending' : r < 0.03 ? 'cancelled' : r < 0.05 ? 'returned' : 'completed';
      addOrder(w, account, account.owner, null, at, lines, status, 'repeat');
    }
  }
}
