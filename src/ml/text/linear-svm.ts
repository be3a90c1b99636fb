// One-vs-rest linear support vector machine on sparse rows, trained by dual coordinate
// descent with shrinking for the squared hinge loss (Hsieh et al. 2008, the LIBLINEAR
// solver behind scikit-learn's LinearSVC). Written by hand: there is no maintained
// pure-JS LIBLINEAR, and this solver is ~80 lines over typed arrays.
import { Rng } from '../random.ts';
import type { CsrMatrix, SparseVector } from './sparse.ts';

export interface LinearSvmOptions {
  /** Inverse regularisation strength (default 1, as LinearSVC). */
  C?: number;
  /** Stop when the projected-gradient spread falls below this (default 0.1, as LIBLINEAR). */
  tolerance?: number;
  /** Epoch limit per class (default 1000). */
  maxIterations?: number;
  /** Constant feature value for the intercept, regularised like LIBLINEAR's (default 1). */
  bias?: number;
  seed?: number;
}

/** Weights stored feature-major (w[feature * classes + class]) so a sparse row is scored in one pass. */
export interface LinearSvm {
  readonly classes: number;
  readonly features: number;
  readonly weights: Float32Array;
  readonly intercepts: Float64Array;
  /** Decision values (margins), one per class. */
  decision(x: SparseVector, out?: Float64Array): Float64Array;
}

/**
 * Trains one binary squared-hinge SVM per class on rows X with class ids y in [0, classes).
 */
export function trainLinearSvm(X: CsrMatrix, y: ArrayLike<number>, classes: number, options: LinearSvmOptions = {}): LinearSvm {
  const C = options.C ?? 1;
  if (!(C > 0)) throw new RangeError(`C must be positive, got ${C}`);
  const bias = options.bias ?? 1;
  const weights = new Float32Array(X.cols * classes);
  const intercepts = new Float64Array(classes);
  const sqNorm = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) {
    let s = bias * bias;
    for (let p = X.indptr[i]; p < X.indptr[i + 1]; p++) s += X.values[p] * X.values[p];
    sqNorm[i] = s;
  }
  const w = new Float64Array(X.cols + 1); // last entry: intercept weight
  for (let c = 0; c < classes; c++) {
    w.fill(0);
    solveBinary(X, y, c, C, bias, sqNorm, w, options.tolerance ?? 0.1, options.maxIterations ?? 1000, new Rng((options.seed ?? 1) + c));
    for (let j = 0; j < X.cols; j++) weights[j * classes + c] = w[j];
    intercepts[c] = w[X.cols] * bias;
  }
  return {
    classes,
    features: X.cols,
    weights,
    intercepts,
    decision(x, out = new Float64Array(classes)) {
      out.set(intercepts);
      for (let i = 0; i < x.indices.length; i++) {
        const j = x.indices[i];
        if (j >= X.cols) continue;
        const v = x.values[i];
        const base = j * classes;
        for (let c = 0; c < classes; c++) out[c] += v * weights[base + c];
      }
      return out;
    },
  };
}

/** LIBLINEAR's solve_l2r_l1l2_svc for the L2 loss (upper bound ∞, diagonal 1/2C), with shrinking. */
function solveBinary(
  X: CsrMatrix, labels: ArrayLike<number>, positive: number, C: number, bias: number,
  sqNorm: Float64Array, w: Float64Array, eps: number, maxIter: number, rng: Rng,
): void {
  const n = X.rows;
  const d = X.cols;
  const diag = 0.5 / C;
  const alpha = new Float64Array(n);
  const y = new Int8Array(n);
  for (let i = 0; i < n; i++) y[i] = labels[i] === positive ? 1 : -1;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let active = n;
  let pgMaxOld = Infinity;
  let pgMinOld = -Infinity;
  const { indptr, indices, values } = X;
  for (let iter = 0; iter < maxIter; iter++) {
    let pgMax = -Infinity;
    let pgMin = Infinity;
    for (let s = 0; s < active; s++) {
      const t = s + rng.int(active - s);
      const tmp = order[s]; order[s] = order[t]; order[t] = tmp;
    }
    for (let s = 0; s < active; s++) {
      const i = order[s];
      const yi = y[i];
      let dot = w[d] * bias;
      for (let p = indptr[i]; p < indptr[i + 1]; p++) dot += w[indices[p]] * values[p];
      const G = yi * dot - 1 + diag * alpha[i];
      let PG = 0;
      if (alpha[i] === 0) {
        if (G > pgMaxOld) {
          // Shrink: this example is safely outside the margin, skip it until the final check.
          active--;
          order[s] = order[active]; order[active] = i;
          s--;
          continue;
        }
        if (G < 0) PG = G;
      } else PG = G;
      if (PG > pgMax) pgMax = PG;
      if (PG < pgMin) pgMin = PG;
      if (Math.abs(PG) > 1e-12) {
        const old = alpha[i];
        alpha[i] = Math.max(old - G / (sqNorm[i] + diag), 0);
        const delta = (alpha[i] - old) * yi;
        for (let p = indptr[i]; p < indptr[i + 1]; p++) w[indices[p]] += delta * values[p];
        w[d] += delta * bias;
      }
    }
    if (pgMax - pgMin <= eps) {
      if (active === n) break;
      active = n; // verify convergence on every example before stopping
      pgMaxOld = Infinity;
      pgMinOld = -Infinity;
      continue;
    }
    pgMaxOld = pgMax <= 0 ? Infinity : pgMax;
    pgMinOld = pgMin >= 0 ? -Infinity : pgMin;
  }
}
