// Item-to-item collaborative filtering on implicit purchases (Sarwar et al. 2001; Linden, Smith &
// York 2003): cosine similarity of items over the customers who bought them, heavy buyers
// down-weighted, top-k neighbours kept per item. Customers are scored by the recency-weighted sum
// of their items' neighbours; cold customers get recent popularity. Written by hand: the
// co-occurrence pass over typed arrays takes seconds on 500k lines and no maintained JS
// recommender library offers it.
import type { TransactionTable } from './transactions.ts';

export interface ItemCfOptions {
  /** Neighbours kept per item. */
  neighbours?: number;
  /** Half-life in days of a past purchase's weight in a customer's profile. */
  halfLifeDays?: number;
  /** Window in days for "recently popular" (the cold-start fallback). */
  recentDays?: number;
  /** Added to the cosine denominator so that items seen with few customers do not dominate. */
  shrinkage?: number;
}

export interface ItemCfModel {
  itemCount: number;
  /** CSR of neighbours: for item i, neighbour ids / similarities in [offsets[i], offsets[i+1]). */
  offsets: Int32Array;
  neighbourIds: Int32Array;
  similarities: Float32Array;
  /** Customer → (item → last purchase day) from the training data. */
  history: Map<number, Map<number, number>>;
  /** Items by distinct customers in the last `recentDays`, most popular first. */
  recentPopular: Int32Array;
  /** Items by distinct customers overall, most popular first. */
  popular: Int32Array;
  asOfDay: number;
  halfLifeDays: number;
}

export interface Recommendation {
  item: number;
  score: number;
  /** The bought item that contributed most, or null for a popularity pick. */
  because: number | null;
}

export function trainItemCf(t: TransactionTable, options: ItemCfOptions = {}): ItemCfModel {
  const k = options.neighbours ?? 50;
  const shrinkage = options.shrinkage ?? 0.1;
  const itemCount = t.itemIds.length;
  const asOfDay = maxOf(t.day);
  const history = new Map<number, Map<number, number>>();
  for (let i = 0; i < t.customer.length; i++) {
    let h = history.get(t.customer[i]);
    if (!h) history.set(t.customer[i], (h = new Map()));
    h.set(t.item[i], Math.max(h.get(t.item[i]) ?? Number.NEGATIVE_INFINITY, t.day[i]));
  }
  // Customer → distinct items (CSR) and item → customers (CSR).
  const customers = [...history.keys()];
  const userItems: Int32Array[] = customers.map((c) => Int32Array.from(history.get(c)!.keys()));
  const userWeight = new Float64Array(customers.length);
  userItems.forEach((items, u) => (userWeight[u] = 1 / Math.log2(2 + items.length)));
  const itemUsers: number[][] = Array.from({ length: itemCount }, () => []);
  userItems.forEach((items, u) => items.forEach((i) => itemUsers[i].push(u)));
  const norm = new Float64Array(itemCount);
  for (let i = 0; i < itemCount; i++) for (const u of itemUsers[i]) norm[i] += userWeight[u] ** 2;

  const offsets = new Int32Array(itemCount + 1);
  const ids: number[] = [];
  const sims: number[] = [];
  const acc = new Float64Array(itemCount);
  const touched: number[] = [];
  for (let i = 0; i < itemCount; i++) {
    for (const u of itemUsers[i]) {
      const w = userWeight[u] ** 2;
      for (const j of userItems[u]) {
        if (j === i) continue;
        if (acc[j] === 0) touched.push(j);
        acc[j] += w;
      }
    }
    const scored = touched.map((j) => [j, acc[j] / (Math.sqrt(norm[i] * norm[j]) + shrinkage)] as const);
    for (const j of touched) acc[j] = 0;
    touched.length = 0;
    scored.sort((a, b) => b[1] - a[1]);
    for (const [j, s] of scored.slice(0, k)) {
      ids.push(j);
      sims.push(s);
    }
    offsets[i + 1] = ids.length;
  }
  const recentDays = options.recentDays ?? 90;
  return {
    itemCount,
    offsets,
    neighbourIds: Int32Array.from(ids),
    similarities: Float32Array.from(sims),
    history,
    recentPopular: popularity(t, asOfDay - recentDays),
    popular: popularity(t, Number.NEGATIVE_INFINITY),
    asOfDay,
    halfLifeDays: options.halfLifeDays ?? 120,
  };
}

/** Top-n items for a customer (by index; unknown customers get recent popularity). */
export function recommend(model: ItemCfModel, customer: number, n: number): Recommendation[] {
  const bought = model.history.get(customer);
  const out: Recommendation[] = [];
  if (bought && bought.size > 0) {
    const score = new Map<number, { total: number; best: number; bestItem: number }>();
    for (const [item, day] of bought) {
      const weight = Math.pow(0.5, Math.max(0, model.asOfDay - day) / model.halfLifeDays);
      for (let p = model.offsets[item]; p < model.offsets[item + 1]; p++) {
        const j = model.neighbourIds[p];
        if (bought.has(j)) continue;
        const contribution = weight * model.similarities[p];
        const s = score.get(j);
        if (!s) score.set(j, { total: contribution, best: contribution, bestItem: item });
        else {
          s.total += contribution;
          if (contribution > s.best) {
            s.best = contribution;
            s.bestItem = item;
          }
        }
      }
    }
    const ranked = [...score.entries()].sort((a, b) => b[1].total - a[1].total).slice(0, n);
    for (const [item, s] of ranked) out.push({ item, score: s.total, because: s.bestItem });
  }
  // Fill (or, for a cold customer, make) the list from recent popularity, then all-time popularity.
  const chosen = new Set(out.map((r) => r.item));
  for (const list of [model.recentPopular, model.popular]) {
    for (const item of list) {
      if (out.length >= n) break;
      if (chosen.has(item) || bought?.has(item)) continue;
      chosen.add(item);
      out.push({ item, score: 0, because: null });
    }
  }
  return out;
}

/** Most popular items (distinct customers) not already bought: the baseline to beat. */
export function recommendPopular(model: ItemCfModel, customer: number, n: number): number[] {
  const bought = model.history.get(customer);
  const out: number[] = [];
  for (const item of model.popular) {
    if (out.length >= n) break;
    if (!bought?.has(item)) out.push(item);
  }
  return out;
}

/** "Customers who bought X also bought Y" for a recommendation. */
export function explain(rec: Recommendation, itemName: (item: number) => string): string {
  if (rec.because === null) return `${itemName(rec.item)} is popular with customers right now`;
  return `customers who bought ${itemName(rec.because)} also bought ${itemName(rec.item)}`;
}

function popularity(t: TransactionTable, sinceDay: number): Int32Array {
  const seen = new Set<number>();
  const counts = new Float64Array(t.itemIds.length);
  for (let i = 0; i < t.item.length; i++) {
    if (t.day[i] < sinceDay) continue;
    const key = t.customer[i] * t.itemIds.length + t.item[i];
    if (seen.has(key)) continue;
    seen.add(key);
    counts[t.item[i]]++;
  }
  return Int32Array.from(
    Array.from({ length: t.itemIds.length }, (_, i) => i)
      .filter((i) => counts[i] > 0)
      .sort((a, b) => counts[b] - counts[a] || a - b),
  );
}

function maxOf(a: Float64Array): number {
  let m = Number.NEGATIVE_INFINITY;
  for (const v of a) if (v > m) m = v;
  return Number.isFinite(m) ? m : 0;
}
