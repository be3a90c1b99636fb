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

/**
 * Convex combination of min–max normalised scores (Bruch, Gai & Ingber 2023, "An Analysis of
 * Fusion Functions for Hybrid Retrieval"): unlike RRF it keeps how far ahead a hit is, so a
 * passage that only keyword search finds, by a rare exact term, is not outvoted by passages
 * both retrievers rank moderately. `scores[r][i]` is retriever r's score of candidate i.
 */
export function convexScoreFusion(scores: readonly (readonly number[])[], weights: readonly number[]): Float64Array {
  const n = scores[0]?.length ?? 0;
  const out = new Float64Array(n);
  scores.forEach((list, r) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const s of list) (lo = Math.min(lo, s)), (hi = Math.max(hi, s));
    const span = hi - lo;
    if (!(span > 0)) return; // a retriever that cannot tell the candidates apart adds nothing
    for (let i = 0; i < n; i++) out[i] += weights[r] * ((list[i] - lo) / span);
  });
  return out;
}
