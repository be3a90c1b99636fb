// Forecast reconciliation for hierarchies (team → region → company): bottom-up and MinT with the
// shrinkage covariance of Wickramasuriya, Athanasopoulos & Hyndman (2019), as R's hts/fable.
// Written by hand: a summing-matrix product and one small SPD solve; no JS package does this.

/** Dense row-major matrix. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

export function matrix(rows: number[][]): Matrix {
  return { rows: rows.length, cols: rows[0]?.length ?? 0, data: Float64Array.from(rows.flat()) };
}

export function multiply(a: Matrix, b: Matrix): Matrix {
  const out = new Float64Array(a.rows * b.cols);
  for (let i = 0; i < a.rows; i++)
    for (let k = 0; k < a.cols; k++) {
      const v = a.data[i * a.cols + k];
      if (v === 0) continue;
      for (let j = 0; j < b.cols; j++) out[i * b.cols + j] += v * b.data[k * b.cols + j];
    }
  return { rows: a.rows, cols: b.cols, data: out };
}

export function transpose(a: Matrix): Matrix {
  const out = new Float64Array(a.rows * a.cols);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out[j * a.rows + i] = a.data[i * a.cols + j];
  return { rows: a.cols, cols: a.rows, data: out };
}

/** Solves A X = B for symmetric positive definite A by Cholesky; throws if A is not SPD. */
function solveSpd(a: Matrix, b: Matrix): Matrix {
  const n = a.rows;
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a.data[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      if (i === j) {
        if (!(s > 0)) throw new RangeError('reconciliation covariance is not positive definite');
        L[i * n + i] = Math.sqrt(s);
      } else L[i * n + j] = s / L[j * n + j];
    }
  }
  const x = Float64Array.from(b.data);
  for (let c = 0; c < b.cols; c++) {
    for (let i = 0; i < n; i++) {
      let s = x[i * b.cols + c];
      for (let k = 0; k < i; k++) s -= L[i * n + k] * x[k * b.cols + c];
      x[i * b.cols + c] = s / L[i * n + i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = x[i * b.cols + c];
      for (let k = i + 1; k < n; k++) s -= L[k * n + i] * x[k * b.cols + c];
      x[i * b.cols + c] = s / L[i * n + i];
    }
  }
  return { rows: n, cols: b.cols, data: x };
}

/**
 * Bottom-up: every level is the sum of its bottom series' forecasts. `summing` is S (all series ×
 * bottom series, 0/1), `base` the base forecasts (all series × horizon); the bottom series are the
 * last S.cols rows, as in hts.
 */
export function reconcileBottomUp(summing: Matrix, base: Matrix): Matrix {
  const nb = summing.cols;
  const bottom: Matrix = { rows: nb, cols: base.cols, data: base.data.slice((base.rows - nb) * base.cols) };
  return multiply(summing, bottom);
}

/**
 * Schäfer–Strimmer shrinkage of the residual covariance towards its diagonal (hts's shrink.estim):
 * residuals are (observations × series), assumed mean-zero (one-step in-sample forecast errors).
 */
export function shrinkageCovariance(residuals: Matrix): { covariance: Matrix; lambda: number } {
  const n = residuals.rows;
  const p = residuals.cols;
  const r = residuals.data;
  const cov = new Float64Array(p * p);
  for (let t = 0; t < n; t++) for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) cov[i * p + j] += (r[t * p + i] * r[t * p + j]) / n;
  const sd = Float64Array.from({ length: p }, (_, i) => Math.sqrt(cov[i * p + i]));
  // Scaled residuals; lambda = Σ Var(r̂_ij) / Σ r̂_ij² over i ≠ j.
  let num = 0;
  let den = 0;
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) {
      if (i === j) continue;
      let s1 = 0;
      let s2 = 0;
      for (let t = 0; t < n; t++) {
        const w = (r[t * p + i] / sd[i]) * (r[t * p + j] / sd[j]);
        s1 += w;
        s2 += w * w;
      }
      num += (s2 - (s1 * s1) / n) / (n * (n - 1));
      den += (s1 / n) ** 2;
    }
  const lambda = den > 0 ? Math.max(0, Math.min(1, num / den)) : 1;
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) out[i * p + j] = i === j ? cov[i * p + j] : (1 - lambda) * cov[i * p + j];
  return { covariance: { rows: p, cols: p, data: out }, lambda };
}

/**
 * MinT: ỹ = S (S'W⁻¹S)⁻¹ S'W⁻¹ ŷ with W the shrinkage covariance of the base models' in-sample
 * one-step residuals (observations × all series, same order as the rows of S).
 */
export function reconcileMinT(summing: Matrix, base: Matrix, residuals: Matrix): { forecasts: Matrix; lambda: number } {
  const { covariance, lambda } = shrinkageCovariance(residuals);
  const st = transpose(summing);
  const wInvS = solveSpd(covariance, summing); // W⁻¹S (all × bottom)
  const wInvY = solveSpd(covariance, base); // W⁻¹ŷ (all × horizon)
  const lhs = multiply(st, wInvS); // S'W⁻¹S (bottom × bottom)
  const rhs = multiply(st, wInvY); // S'W⁻¹ŷ (bottom × horizon)
  const bottom = solveSpd(lhs, rhs);
  return { forecasts: multiply(summing, bottom), lambda };
}

/**
 * The MinT projection G = (S'W⁻¹S)⁻¹S'W⁻¹ (bottom × all series) for a covariance W of the base
 * forecast errors: reconciled forecasts are S·G·ŷ and, for base forecasts with error covariance Σ,
 * the reconciled ones have covariance S·G·Σ·G'·S' (Wickramasuriya et al. 2019, eq. 4).
 */
export function mintProjection(summing: Matrix, covariance: Matrix): Matrix {
  const wInvS = solveSpd(covariance, summing); // W⁻¹S (all × bottom)
  const lhs = multiply(transpose(summing), wInvS); // S'W⁻¹S (bottom × bottom)
  return solveSpd(lhs, transpose(wInvS)); // (S'W⁻¹S)⁻¹ S'W⁻¹, W symmetric
}

/** S·G·Σ·G'·S': the covariance of reconciled forecasts whose base errors have covariance Σ. */
export function reconciledCovariance(summing: Matrix, projection: Matrix, sigma: Matrix): Matrix {
  const sg = multiply(summing, projection); // all × all
  return multiply(multiply(sg, sigma), transpose(sg));
}
