// Facts for marketing copy aimed at a segment rather than one customer: the products and how
// many accounts of the industry there are and buy.
import type { Db } from '../../db/client.ts';
import type { Language } from '../../ml/writing/compose.ts';
import { productFactsFor as products } from './facts.ts';

export async function segmentFacts(db: Db, industry: string | null, segment: string | null, productIds: string[], language: Language) {
  const stats = await db.query<{ accounts: string; customers: string }>(
    `SELECT count(*) AS accounts, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM orders o WHERE o.account_id = a.id)) AS customers
     FROM accounts a WHERE $1::text IS NULL OR lower(a.industry) = lower($1)`,
    [industry],
  );
  return {
    industry,
    segment,
    segment_stats: { accounts: Number(stats.rows[0]?.accounts ?? 0), customers: Number(stats.rows[0]?.customers ?? 0) },
    products: await products(db, productIds, language),
  };
}
