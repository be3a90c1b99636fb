// Hybrid retrieval for the knowledge base: BM25 keywords and LSA embeddings, fused by
// reciprocal rank fusion so exact terms and paraphrases both find their passage.
import { createBm25, type Bm25Index, type SearchHit } from './bm25.ts';
import { createDenseIndex, type DenseIndex } from './dense-index.ts';
import { reciprocalRankFusion } from './fusion.ts';
import { fitLsa, type LsaModel } from './lsa.ts';

export interface HybridIndex {
  readonly bm25: Bm25Index;
  readonly lsa: LsaModel;
  readonly dense: DenseIndex;
  /** Fused top-k; each retriever contributes its best `depth` hits (default 50). */
  search(query: string, k: number, depth?: number): SearchHit[];
}

export function createHybridIndex(docs: readonly string[], options: { dim?: number; seed?: number } = {}): HybridIndex {
  const bm25 = createBm25(docs);
  const lsa = fitLsa(docs, { dim: Math.max(1, Math.min(options.dim ?? 128, docs.length)), seed: options.seed });
  const dense = createDenseIndex(lsa.dim, docs.map((d) => lsa.embed(d)));
  return {
    bm25,
    lsa,
    dense,
    search(query, k, depth = 50) {
      const q = lsa.embed(query);
      // A query sharing no term with the corpus embeds to zero: dense ranks would be arbitrary.
      const lists = q.some((x) => x !== 0) ? [bm25.search(query, depth), dense.search(q, depth)] : [bm25.search(query, depth)];
      return reciprocalRankFusion(lists).slice(0, k);
    },
  };
}
