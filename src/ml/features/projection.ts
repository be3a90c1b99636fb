// Top-k principal subspace of dense vectors (e.g. note embeddings) by randomized subspace
// iteration: k features instead of hundreds of embedding dimensions.
// Written by hand: no maintained JS package does a truncated PCA on typed arrays; this is a few
// matrix products and Gram–Schmidt.
import { Rng } from '../random.ts';

export interface Projection {
  dims: number;
  k: number;
  mean: Float64Array;
  /** k × dims, row-major, orthonormal rows. */
  components: Float64Array;
}

function orthonormaliseRows(V: Float64Array, k: number, d: number): void {
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < a; b++) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += V[a * d + j] * V[b * d + j];
      for (let j = 0; j < d; j++) V[a * d + j] -= dot * V[b * d + j];
    }
    let norm = 0;
    for (let j = 0; j < d; j++) norm += V[a * d + j] ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < d; j++) V[a * d + j] /= norm;
  }
}

/** Fits the projection on rows (each of length dims); k is capped at min(rows, dims). */
export function fitProjection(rows: readonly ArrayLike<number>[], k: number, seed = 23, iterations = 8): Projection {
  const n = rows.length;
  const d = n > 0 ? rows[0].length : 0;
  k = Math.max(1, Math.min(k, n, d));
  const mean = new Float64Array(d);
  for (const r of rows) for (let j = 0; j < d; j++) mean[j] += r[j] / n;
  const rng = new Rng(seed);
  const V = new Float64Array(k * d).map(() => rng.normal());
  orthonormaliseRows(V, k, d);
  const scoresRow = new Float64Array(k);
  for (let it = 0; it < iterations; it++) {
    // V ← orth(Cᵀ C V) with C the centred rows: accumulate Σ_i (c_i·v_a) c_i.
    const next = new Float64Array(k * d);
    for (const r of rows) {
      for (let a = 0; a < k; a++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += (r[j] - mean[j]) * V[a * d + j];
        scoresRow[a] = s;
      }
      for (let a = 0; a < k; a++) {
        const s = scoresRow[a];
        for (let j = 0; j < d; j++) next[a * d + j] += s * (r[j] - mean[j]);
      }
    }
    orthonormaliseRows(next, k, d);
    V.set(next);
  }
  return { dims: d, k, mean, components: V };
}

export function project(p: Projection, v: ArrayLike<number>): Float64Array {
  const out = new Float64Array(p.k);
  if (v.length !== p.dims) return out.fill(NaN);
  for (let a = 0; a < p.k; a++) {
    let s = 0;
    for (let j = 0; j < p.dims; j++) s += (v[j] - p.mean[j]) * p.components[a * p.dims + j];
    out[a] = s;
  }
  return out;
}
