// Reciprocal rank fusion (Cormack, Clarke & Büttcher 2009): merges ranked lists from different
// retrievers (BM25, dense) without calibrating their scores against each other.
import type { SearchHit } from './bm25.ts';

/** Fuses ranked lists (best first): score(id) = Σ 1 / (k + rank), rank counted from 1. Ties keep first-seen order. */
export function reciprocalRankFusion(lists: readonly (readonly SearchHit[])[], k = 60): SearchHit[] {
  if (!(k >= 0)) throw new RangeError(`k must be ≥ 0, got ${k}`);
  const fused = new Map<number, number>();
  for (const list of lists) {
    list.forEach((hit, rank) => fused.set(hit.id, (fused.get(hit.id) ?? 0) + 1 / (k + rank + 1)));
  }
  return [...fused].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}
