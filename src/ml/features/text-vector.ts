// Free text → a small dense vector: hashed word uni/bi-grams and char 2–4-grams (word and char
// segmentation from src/ml/text/tokenize.ts, so Chinese works), TF-IDF weighted, L2-normalised, then
// projected on the top singular directions of the training matrix (latent semantic analysis) by a
// randomized SVD (Halko, Martinsson & Tropp 2011).
// Written by hand: JS has no sparse randomized SVD; this is two sparse products and a tiny eigenproblem.
import { charNgrams, hashString, tokenize, wordNgrams } from '../text/tokenize.ts';
import { Rng } from '../random.ts';
import { symmetricEigen } from '../linalg.ts';

export const HASH_BUCKETS = 1 << 14;

export interface TextVectorizer {
  idf: Float64Array;
  /** k × HASH_BUCKETS, row-major: the right singular vectors. */
  components: Float64Array;
  k: number;
}

interface SparseRow {
  idx: Int32Array;
  val: Float64Array;
}

function hashedCounts(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  const add = (gram: string) => {
    const b = hashString(gram) & (HASH_BUCKETS - 1);
    counts.set(b, (counts.get(b) ?? 0) + 1);
  };
  for (const g of wordNgrams(tokenize(text), 1, 2)) add('w:' + g);
  for (const g of charNgrams(text, 2, 4)) add('c:' + g);
  return counts;
}

function tfidfRow(counts: Map<number, number>, idf: Float64Array): SparseRow {
  const idx = Int32Array.from(counts.keys());
  const val = new Float64Array(idx.length);
  let norm = 0;
  idx.forEach((b, i) => {
    val[i] = (1 + Math.log(counts.get(b)!)) * idf[b];
    norm += val[i] * val[i];
  });
  if (norm > 0) for (let i = 0; i < val.length; i++) val[i] /= Math.sqrt(norm);
  return { idx, val };
}

/** Orthonormalises the l columns of an n×l row-major matrix in place (modified Gram–Schmidt). */
function orthonormalise(Y: Float64Array, n: number, l: number): void {
  for (let c = 0; c < l; c++) {
    for (let prev = 0; prev < c; prev++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += Y[i * l + c] * Y[i * l + prev];
      for (let i = 0; i < n; i++) Y[i * l + c] -= dot * Y[i * l + prev];
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += Y[i * l + c] ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < n; i++) Y[i * l + c] /= norm;
  }
}

export function fitTextVectorizer(texts: readonly string[], k = 8, seed = 17): TextVectorizer {
  const n = texts.length;
  const counts = texts.map(hashedCounts);
  const df = new Float64Array(HASH_BUCKETS);
  for (const c of counts) for (const b of c.keys()) df[b]++;
  const idf = df.map((d) => Math.log((1 + n) / (1 + d)) + 1); // scikit-learn's smooth idf
  const rows = counts.map((c) => tfidfRow(c, idf));
  const l = Math.min(k + 5, n);
  // Y = A Ω, two power iterations, Q = orth(Y).
  const rng = new Rng(seed);
  const omega = new Float64Array(HASH_BUCKETS * l).map(() => rng.normal());
  let Y = new Float64Array(n * l);
  const timesA = (M: Float64Array, out: Float64Array) => {
    out.fill(0);
    rows.forEach((r, i) => {
      for (let t = 0; t < r.idx.length; t++) for (let c = 0; c < l; c++) out[i * l + c] += r.val[t] * M[r.idx[t] * l + c];
    });
  };
  const timesAt = (Q: Float64Array, out: Float64Array) => {
    out.fill(0);
    rows.forEach((r, i) => {
      for (let t = 0; t < r.idx.length; t++) for (let c = 0; c < l; c++) out[r.idx[t] * l + c] += r.val[t] * Q[i * l + c];
    });
  };
  timesA(omega, Y);
  orthonormalise(Y, n, l);
  const Z = new Float64Array(HASH_BUCKETS * l);
  for (let it = 0; it < 2; it++) {
    timesAt(Y, Z);
    orthonormalise(Z, HASH_BUCKETS, l);
    timesA(Z, Y);
    orthonormalise(Y, n, l);
  }
  // Bᵀ = Aᵀ Q (D × l); eigenvectors of B Bᵀ give the right singular vectors V = Bᵀ U Σ⁻¹.
  timesAt(Y, Z);
  const BBt = new Float64Array(l * l);
  for (let d = 0; d < HASH_BUCKETS; d++) {
    for (let a = 0; a < l; a++) {
      const za = Z[d * l + a];
      if (za === 0) continue;
      for (let b = 0; b < l; b++) BBt[a * l + b] += za * Z[d * l + b];
    }
  }
  const { values, vectors } = symmetricEigen(BBt, l);
  const kept = Math.max(1, Math.min(k, values.filter((v) => v > 1e-10).length));
  const components = new Float64Array(kept * HASH_BUCKETS);
  for (let j = 0; j < kept; j++) {
    const sigma = Math.sqrt(Math.max(values[j], 1e-300));
    for (let d = 0; d < HASH_BUCKETS; d++) {
      let s = 0;
      for (let a = 0; a < l; a++) s += Z[d * l + a] * vectors[a * l + j];
      components[j * HASH_BUCKETS + d] = s / sigma;
    }
  }
  return { idf, components, k: kept };
}

/** The k-dimensional LSA vector of one text (all zeros for empty text). */
export function textVector(vz: TextVectorizer, text: string): Float64Array {
  const row = tfidfRow(hashedCounts(text), vz.idf);
  const out = new Float64Array(vz.k);
  for (let j = 0; j < vz.k; j++) {
    let s = 0;
    for (let t = 0; t < row.idx.length; t++) s += row.val[t] * vz.components[j * HASH_BUCKETS + row.idx[t]];
    out[j] = s;
  }
  return out;
}
