// TF-IDF vectorisers over word n-grams and within-word character n-grams, with the same
// formulas as scikit-learn (smooth idf, optional sublinear tf, L2 norm, min_df) so figures
// are comparable. Written by hand: no maintained JS library offers char_wb n-grams with
// fitted vocabularies on typed arrays, and the whole thing is a hundred lines.
import { charNgramsOfTokens, tokenize, wordNgrams } from './tokenize.ts';
import { concatSparse, csrFromRows, l2NormalizeInPlace, type CsrMatrix, type SparseVector } from './sparse.ts';

export type Analyzer = 'word' | 'char_wb';

export interface TfidfOptions {
  analyzer: Analyzer;
  /** Smallest and largest n of the n-grams. */
  ngramRange: [number, number];
  /** Keep n-grams seen in at least this many training texts (default 1). */
  minDf?: number;
  /** Replace tf by 1 + ln(tf) (default true). */
  sublinearTf?: boolean;
  /** Scale each vector to unit length (default true). */
  l2Norm?: boolean;
}

export interface TfidfVectorizer {
  readonly options: Required<TfidfOptions>;
  /** n-gram → feature index; fitted on training text only. */
  readonly vocabulary: Map<string, number>;
  readonly idf: Float64Array;
  readonly size: number;
  transform(text: string): SparseVector;
  /** Vector of a text already split by `analyze` with this vectoriser's options. */
  transformGrams(grams: readonly string[]): SparseVector;
  transformMany(texts: readonly string[]): CsrMatrix;
}

/** The n-grams a text yields under these options, repeated as often as they occur. */
export function analyze(text: string, options: Pick<TfidfOptions, 'analyzer' | 'ngramRange'>): string[] {
  const [lo, hi] = options.ngramRange;
  return options.analyzer === 'word' ? wordNgrams(tokenize(text), lo, hi) : charNgramsOfTokens(tokenize(text), lo, hi);
}

function withDefaults(o: TfidfOptions): Required<TfidfOptions> {
  const [lo, hi] = o.ngramRange;
  if (!(Number.isInteger(lo) && Number.isInteger(hi) && lo >= 1 && hi >= lo)) {
    throw new RangeError(`ngramRange must be integers 1 ≤ min ≤ max, got [${lo}, ${hi}]`);
  }
  return { minDf: 1, sublinearTf: true, l2Norm: true, ...o };
}

/** Learns the vocabulary and idf weights from the training texts. */
export function fitTfidf(texts: readonly string[], options: TfidfOptions): TfidfVectorizer {
  return fitTfidfFromGrams(texts.map((t) => analyze(t, options)), options);
}

/**
 * The same from texts already split into n-grams by `analyze` (lets callers that refit on
 * many subsets, such as cross-validation, analyse each text once).
 */
export function fitTfidfFromGrams(gramLists: readonly (readonly string[])[], options: TfidfOptions): TfidfVectorizer {
  const opts = withDefaults(options);
  const df = new Map<string, number>();
  for (const grams of gramLists) {
    for (const gram of new Set(grams)) df.set(gram, (df.get(gram) ?? 0) + 1);
  }
  // Sorted vocabulary: feature indices do not depend on the order of the training rows.
  const kept = [...df.keys()].filter((g) => df.get(g)! >= opts.minDf).sort();
  const vocabulary = new Map<string, number>();
  const idf = new Float64Array(kept.length);
  const n = gramLists.length;
  kept.forEach((g, i) => {
    vocabulary.set(g, i);
    idf[i] = Math.log((1 + n) / (1 + df.get(g)!)) + 1; // smooth idf, as scikit-learn
  });
  return makeVectorizer(opts, vocabulary, idf);
}

function makeVectorizer(opts: Required<TfidfOptions>, vocabulary: Map<string, number>, idf: Float64Array): TfidfVectorizer {
  const transformGrams = (grams: readonly string[]): SparseVector => {
    // Sorting the feature ids and counting runs is faster than a Map per text.
    const ids = new Int32Array(grams.length);
    let m = 0;
    for (const gram of grams) {
      const j = vocabulary.get(gram);
      if (j !== undefined) ids[m++] = j;
    }
    const sorted = ids.subarray(0, m).sort();
    let distinct = 0;
    for (let i = 0; i < m; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
    const indices = new Int32Array(distinct);
    const values = new Float64Array(distinct);
    for (let i = 0, at = -1; i < m; i++) {
      if (i === 0 || sorted[i] !== sorted[i - 1]) indices[++at] = sorted[i];
      values[at]++;
    }
    for (let i = 0; i < distinct; i++) {
      const tf = values[i];
      values[i] = (opts.sublinearTf ? 1 + Math.log(tf) : tf) * idf[indices[i]];
    }
    if (opts.l2Norm) l2NormalizeInPlace(values);
    return { indices, values };
  };
  const transform = (text: string) => transformGrams(analyze(text, opts));
  return {
    options: opts,
    vocabulary,
    idf,
    size: idf.length,
    transform,
    transformGrams,
    transformMany: (texts) => csrFromRows(texts.map(transform), idf.length),
  };
}

/** Several vectorisers side by side (like scikit-learn's FeatureUnion): each block is normalised on its own. */
export interface FeatureUnion {
  readonly blocks: readonly TfidfVectorizer[];
  readonly size: number;
  transform(text: string): SparseVector;
  transformMany(texts: readonly string[]): CsrMatrix;
  /** Vector of a text already analysed per block (`gramsPerBlock[k]` from block k's options). */
  transformGrams(gramsPerBlock: readonly (readonly string[])[]): SparseVector;
}

export function fitFeatureUnion(texts: readonly string[], blocks: readonly TfidfOptions[]): FeatureUnion {
  return fitFeatureUnionFromGrams(blocks.map((b) => texts.map((t) => analyze(t, b))), blocks);
}

/** The same from `gramsByBlock[block][text]`, as `analyze` gives for each block's options. */
export function fitFeatureUnionFromGrams(gramsByBlock: readonly (readonly (readonly string[])[])[], blocks: readonly TfidfOptions[]): FeatureUnion {
  return featureUnionOf(blocks.map((b, k) => fitTfidfFromGrams(gramsByBlock[k], b)));
}

/** A vectoriser from a saved vocabulary (terms in feature order) and idf weights. */
export function vectorizerFromVocabulary(options: TfidfOptions, terms: readonly string[], idf: ArrayLike<number>): TfidfVectorizer {
  if (terms.length !== idf.length) throw new RangeError(`${terms.length} terms but ${idf.length} idf weights`);
  return makeVectorizer(withDefaults(options), new Map(terms.map((t, i) => [t, i])), Float64Array.from(idf));
}

/** Fitted vectorisers side by side. */
export function featureUnionOf(fitted: readonly TfidfVectorizer[]): FeatureUnion {
  const offsets: number[] = [];
  let size = 0;
  for (const v of fitted) {
    offsets.push(size);
    size += v.size;
  }
  const transform = (text: string) => concatSparse(fitted.map((v) => v.transform(text)), offsets);
  return {
    blocks: fitted,
    size,
    transform,
    transformMany: (texts) => csrFromRows(texts.map(transform), size),
    transformGrams: (gramsPerBlock) => concatSparse(fitted.map((v, k) => v.transformGrams(gramsPerBlock[k])), offsets),
  };
}

/** The feature set that matches scikit-learn's strong intent baseline: word 1–2-grams + char_wb 2–5-grams. */
export const INTENT_FEATURES: readonly TfidfOptions[] = [
  { analyzer: 'word', ngramRange: [1, 2], sublinearTf: true },
  { analyzer: 'char_wb', ngramRange: [2, 5], sublinearTf: true },
];
