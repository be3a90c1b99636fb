// Okapi BM25 keyword retrieval over an in-memory inverted index. Written by hand: JS search
// libraries (lunr, minisearch) bring their own tokenisers, which split Chinese into single
// characters, and BM25 over typed-array postings is short.
import { tokenize } from './tokenize.ts';
import { topKIndices } from './topk.ts';

export interface Bm25Options {
  /** Term-frequency saturation (default 1.2). */
  k1?: number;
  /** Length normalisation strength in [0, 1] (default 0.75). */
  b?: number;
  /** Splits text into terms (default: `tokenize`, which segments Chinese into words). */
  tokenizer?: (text: string) => string[];
}

export interface SearchHit {
  /** Position of the document in the list the index was built from. */
  id: number;
  score: number;
}

export interface Bm25Index {
  readonly size: number;
  /** Scores of every document for the query (0 for those sharing no term). */
  scores(query: string): Float64Array;
  /** The k best documents with a positive score, best first. */
  search(query: string, k: number): SearchHit[];
}

/** Idf as Lucene computes it: ln(1 + (N − df + 0.5) / (df + 0.5)), never negative. */
export function bm25Idf(documents: number, documentFrequency: number): number {
  return Math.log(1 + (documents - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

export function createBm25(docs: readonly string[], options: Bm25Options = {}): Bm25Index {
  const k1 = options.k1 ?? 1.2;
  const b = options.b ?? 0.75;
  const tokenizer = options.tokenizer ?? tokenize;
  const n = docs.length;
  const lengths = new Float64Array(n);
  const termIds = new Map<string, number>();
  const postingsDocs: number[][] = [];
  const postingsTf: number[][] = [];
  docs.forEach((doc, d) => {
    const tokens = tokenizer(doc);
    lengths[d] = tokens.length;
    const tf = new Map<string, number>();
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [term, count] of tf) {
      let id = termIds.get(term);
      if (id === undefined) {
        id = postingsDocs.length;
        termIds.set(term, id);
        postingsDocs.push([]);
        postingsTf.push([]);
      }
      postingsDocs[id].push(d);
      postingsTf[id].push(count);
    }
  });
  const avgLength = n === 0 ? 0 : lengths.reduce((a, x) => a + x, 0) / n;
  // Per-document length factor k1·(1 − b + b·len/avg), precomputed once.
  const norm = lengths.map((len) => k1 * (1 - b + (avgLength > 0 ? (b * len) / avgLength : 0)));
  const docIds = postingsDocs.map((p) => Int32Array.from(p));
  const tfs = postingsTf.map((p) => Float64Array.from(p));
  const idf = Float64Array.from(docIds, (p) => bm25Idf(n, p.length));

  const scores = (query: string): Float64Array => {
    const out = new Float64Array(n);
    for (const term of tokenizer(query)) {
      // A repeated query term counts again, as in Lucene's BooleanQuery of term clauses.
      const id = termIds.get(term);
      if (id === undefined) continue;
      const ds = docIds[id];
      const fs = tfs[id];
      const w = idf[id];
      for (let i = 0; i < ds.length; i++) out[ds[i]] += (w * fs[i] * (k1 + 1)) / (fs[i] + norm[ds[i]]);
    }
    return out;
  };
  return {
    size: n,
    scores,
    search(query, k) {
      const s = scores(query);
      return topKIndices(s, k, (i) => s[i] > 0).map((id) => ({ id, score: s[id] }));
    },
  };
}
