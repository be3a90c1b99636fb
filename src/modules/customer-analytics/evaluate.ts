// `salesbloom eval recommend`: trains the item-to-item recommender on transactions before a split
// date and measures recall@k and NDCG@k on what each customer bought afterwards, next to a
// most-popular baseline. Relevant items are those bought after the split that the customer had
// not bought before (both recommenders exclude already-bought items, so re-orders cannot count).
import { trainItemCf, recommend, recommendPopular, type ItemCfOptions } from '../../ml/customers/item-cf.ts';
import { ndcgAtK, recallAtK } from '../../ml/customers/ranking.ts';
import { splitByDay, type TransactionTable } from '../../ml/customers/transactions.ts';

export interface RecommendEvalReport {
  recall: number;
  ndcg: number;
  baseline_recall: number;
  baseline_ndcg: number;
  recall_ratio: number | null;
  users: number;
  cold_users: number;
  k: number;
  split_date: string;
  train_rows: number;
  test_rows: number;
  seconds: number;
}

export function evaluateRecommendations(table: TransactionTable, splitDay: number, k: number, options: ItemCfOptions = {}): Omit<RecommendEvalReport, 'seconds' | 'split_date'> {
  const [train, test] = splitByDay(table, splitDay);
  const model = trainItemCf(train, options);
  const future = new Map<number, Set<number>>();
  for (let i = 0; i < test.customer.length; i++) {
    const c = test.customer[i];
    if (model.history.get(c)?.has(test.item[i])) continue;
    let s = future.get(c);
    if (!s) future.set(c, (s = new Set()));
    s.add(test.item[i]);
  }
  let recall = 0;
  let ndcg = 0;
  let baseRecall = 0;
  let baseNdcg = 0;
  let cold = 0;
  for (const [customer, relevant] of future) {
    if (!model.history.has(customer)) cold++;
    const ours = recommend(model, customer, k).map((r) => r.item);
    const popular = recommendPopular(model, customer, k);
    recall += recallAtK(ours, relevant, k);
    ndcg += ndcgAtK(ours, relevant, k);
    baseRecall += recallAtK(popular, relevant, k);
    baseNdcg += ndcgAtK(popular, relevant, k);
  }
  const users = future.size;
  const mean = (x: number) => (users > 0 ? x / users : 0);
  return {
    recall: mean(recall),
    ndcg: mean(ndcg),
    baseline_recall: mean(baseRecall),
    baseline_ndcg: mean(baseNdcg),
    recall_ratio: baseRecall > 0 ? recall / baseRecall : null,
    users,
    cold_users: cold,
    k,
    train_rows: train.day.length,
    test_rows: test.day.length,
  };
}
