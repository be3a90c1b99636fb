// Latent semantic analysis: TF-IDF followed by a truncated SVD computed by the randomized
// range finder of Halko, Martinsson & Tropp (2011) with power iterations, seeded. Gives dense
// "offline embeddings" with no neural model. Written by hand: no maintained JS library does
// randomized SVD on sparse input.
import { Rng } from '../random.ts';
import { orthonormalizeColumns, symmetricEigen } from '../linalg.ts';
import { l2NormalizeInPlace, type CsrMatrix, type SparseVector } from './sparse.ts';
import { featureUnionOf, fitFeatureUnion, vectorizerFromVocabulary, type FeatureUnion, type TfidfOptions } from './tfidf.ts';

export interface TruncatedSvd {
  /** Largest singular values, descending. */
  singularValues: Float64Array;
  /** Right singular vectors, feature-major: components[feature * k + j]. */
  components: Float64Array;
  k: number;
}

export interface RandomizedSvdOptions {
  /** Extra random directions beyond k (default 10). */
  oversample?: number;
  /** Power iterations sharpening the spectrum (default 4). */
  powerIterations?: number;
  seed?: number;
}

/** Y (n×l, column-major) = X · M where M is d×l row-major. */
function multiply(X: CsrMatrix, m: Float64Array, l: number): Float64Array {
  const y = new Float64Array(X.rows * l);
  for (let i = 0; i < X.rows; i++) {
    for (let p = X.indptr[i]; p < X.indptr[i + 1]; p++) {
      const base = X.indices[p] * l;
      const v = X.values[p];
      for (let c = 0; c < l; c++) y[c * X.rows + i] += v * m[base + c];
    }
  }
  return y;
}

/** Z (d×l row-major) = Xᵀ · Q where Q is n×l column-major. */
function multiplyTransposed(X: CsrMatrix, q: Float64Array, l: number): Float64Array {
  const z = new Float64Array(X.cols * l);
  for (let i = 0; i < X.rows; i++) {
    for (let p = X.indptr[i]; p < X.indptr[i + 1]; p++) {
      const base = X.indices[p] * l;
      const v = X.values[p];
      for (let c = 0; c < l; c++) z[base + c] += v * q[c * X.rows + i];
    }
  }
  return z;
}

/** Row-major d×l to column-major, for orthonormalising its columns. */
function toColumns(z: Float64Array, d: number, l: number): Float64Array {
  const out = new Float64Array(d * l);
  for (let j = 0; j < d; j++) for (let c = 0; c < l; c++) out[c * d + j] = z[j * l + c];
  return out;
}

function toRows(cols: Float64Array, d: number, l: number): Float64Array {
  const out = new Float64Array(d * l);
  for (let c = 0; c < l; c++) for (let j = 0; j < d; j++) out[j * l + c] = cols[c * d + j];
  return out;
}

/** The k leading singular values and right singular vectors of a sparse matrix. */
export function randomizedSvd(X: CsrMatrix, k: number, options: RandomizedSvdOptions = {}): TruncatedSvd {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`k must be a positive integer, got ${k}`);
  const n = X.rows;
  const d = X.cols;
  const l = Math.min(k + (options.oversample ?? 10), n, d);
  const rng = new Rng(options.seed ?? 1);
  const omega = new Float64Array(d * l);
  for (let i = 0; i < omega.length; i++) omega[i] = rng.normal();
  let q = multiply(X, omega, l);
  orthonormalizeColumns(q, n, l);
  for (let it = 0; it < (options.powerIterations ?? 4); it++) {
    const z = toColumns(multiplyTransposed(X, q, l), d, l);
    orthonormalizeColumns(z, d, l);
    q = multiply(X, toRows(z, d, l), l);
    orthonormalizeColumns(q, n, l);
  }
  // B = Qᵀ X is l×d; with Z = Xᵀ Q = Bᵀ, B Bᵀ = Zᵀ Z is l×l and its eigenvectors U give B's
  // left singular vectors, so the right ones are V = Z U / σ.
  const z = multiplyTransposed(X, q, l);
  const gram = new Float64Array(l * l);
  for (let j = 0; j < d; j++) {
    const base = j * l;
    for (let a = 0; a < l; a++) {
      const za = z[base + a];
      if (za === 0) continue;
      for (let b = a; b < l; b++) gram[a * l + b] += za * z[base + b];
    }
  }
  for (let a = 0; a < l; a++) for (let b = 0; b < a; b++) gram[a * l + b] = gram[b * l + a];
  const { values, vectors } = symmetricEigen(gram, l);
  const kk = Math.min(k, l);
  const singularValues = new Float64Array(k);
  const components = new Float64Array(d * k);
  for (let c = 0; c < kk; c++) {
    const sigma = Math.sqrt(Math.max(values[c], 0));
    singularValues[c] = sigma;
    if (sigma < 1e-12) continue; // rank-deficient input: leave that component zero
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let a = 0; a < l; a++) s += z[j * l + a] * vectors[a * l + c];
      components[j * k + c] = s / sigma;
    }
  }
  return { singularValues, components, k };
}

export interface LsaOptions {
  /** Embedding dimension. */
  dim: number;
  /** TF-IDF blocks (default: word 1–2-grams, sublinear tf). */
  features?: readonly TfidfOptions[];
  powerIterations?: number;
  seed?: number;
}

export interface LsaModel {
  readonly dim: number;
  readonly singularValues: Float64Array;
  /** Unit-length dense vector of a text (all zeros when it shares no term with the corpus). */
  embed(text: string): Float32Array;
  /** Everything needed to rebuild the model (vocabularies, idf, components) as plain JSON. */
  toArtifact(): LsaArtifact;
}

/** A fitted LSA model as JSON: per feature block its terms in feature order and idf; components as base64 float32. */
export interface LsaArtifact {
  dim: number;
  singularValues: number[];
  blocks: { options: TfidfOptions; terms: string[]; idf: number[] }[];
  components: string;
}

function lsaModel(features: FeatureUnion, svd: TruncatedSvd): LsaModel {
  const projected = (x: SparseVector): Float32Array => {
    const out = new Float64Array(svd.k);
    for (let i = 0; i < x.indices.length; i++) {
      const base = x.indices[i] * svd.k;
      for (let c = 0; c < svd.k; c++) out[c] += x.values[i] * svd.components[base + c];
    }
    l2NormalizeInPlace(out);
    return Float32Array.from(out);
  };
  return {
    dim: svd.k,
    singularValues: svd.singularValues,
    embed: (text) => projected(features.transform(text)),
    toArtifact: () => ({
      dim: svd.k,
      singularValues: Array.from(svd.singularValues),
      blocks: features.blocks.map((b) => {
        const terms = new Array<string>(b.size);
        for (const [term, i] of b.vocabulary) terms[i] = term;
        return { options: b.options, terms, idf: Array.from(b.idf) };
      }),
      components: Buffer.from(Float32Array.from(svd.components).buffer).toString('base64'),
    }),
  };
}

/** Rebuilds a model saved with `toArtifact` (embeddings equal up to float32 rounding of the components). */
export function loadLsa(artifact: LsaArtifact): LsaModel {
  const features = featureUnionOf(artifact.blocks.map((b) => vectorizerFromVocabulary(b.options, b.terms, b.idf)));
  const bytes = Buffer.from(artifact.components, 'base64');
  const components = Float64Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4));
  if (components.length !== features.size * artifact.dim) throw new RangeError(`components hold ${components.length} values, expected ${features.size} × ${artifact.dim}`);
  return lsaModel(features, { singularValues: Float64Array.from(artifact.singularValues), components, k: artifact.dim });
}

export const LSA_FEATURES: readonly TfidfOptions[] = [{ analyzer: 'word', ngramRange: [1, 2], sublinearTf: true }];

/** Fits TF-IDF and a `dim`-dimensional truncated SVD on a corpus. */
export function fitLsa(docs: readonly string[], options: LsaOptions): LsaModel {
  if (docs.length === 0) throw new RangeError('LSA needs at least one document');
  const features = fitFeatureUnion(docs, options.features ?? LSA_FEATURES);
  const X = features.transformMany(docs);
  const svd = randomizedSvd(X, options.dim, { powerIterations: options.powerIterations, seed: options.seed });
  return lsaModel(features, svd);
}
