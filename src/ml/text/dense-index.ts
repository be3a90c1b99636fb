// Exact cosine top-k over unit-length dense vectors (brute force over a flat Float32Array):
// exact and fast enough for knowledge bases of up to ~10^5 passages without an ANN library.
import type { SearchHit } from './bm25.ts';
import { topKIndices } from './topk.ts';

export interface DenseIndex {
  readonly dim: number;
  readonly size: number;
  /** Appends a vector; its id is its position. Vectors must be L2-normalised. */
  add(vector: Float32Array): number;
  /** Cosine similarities of every stored vector with the (unit-length) query. */
  scores(query: Float32Array): Float64Array;
  search(query: Float32Array, k: number): SearchHit[];
}

export function createDenseIndex(dim: number, vectors: readonly Float32Array[] = []): DenseIndex {
  let data = new Float32Array(Math.max(16, vectors.length) * dim);
  let size = 0;
  const add = (v: Float32Array): number => {
    if (v.length !== dim) throw new RangeError(`vector has ${v.length} dimensions, index has ${dim}`);
    if ((size + 1) * dim > data.length) {
      const grown = new Float32Array(data.length * 2);
      grown.set(data);
      data = grown;
    }
    data.set(v, size * dim);
    return size++;
  };
  vectors.forEach(add);
  const scores = (q: Float32Array): Float64Array => {
    if (q.length !== dim) throw new RangeError(`query has ${q.length} dimensions, index has ${dim}`);
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      let s = 0;
      const base = i * dim;
      for (let c = 0; c < dim; c++) s += data[base + c] * q[c];
      out[i] = s;
    }
    return out;
  };
  return {
    dim,
    get size() {
      return size;
    },
    add,
    scores,
    search(q, k) {
      const s = scores(q);
      return topKIndices(s, k).map((id) => ({ id, score: s[id] }));
    },
  };
}
