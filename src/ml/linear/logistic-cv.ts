// Chooses the inverse penalty C of logistic regression by k-fold cross-validated log loss,
// walking each fold's regularisation path from strong to weak with warm starts.
// Written by hand: a loop over our own solver; no JS library does penalised-path CV.
import type { DenseMatrix } from '../features/matrix.ts';
import { foldRows } from '../features/folds.ts';
import { logLoss } from '../metrics/classification.ts';
import { curvatureOf, fitLogistic, logisticMargins, sigmoid } from './logistic.ts';

export const DEFAULT_CS = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 10, 100];

export interface LogisticCvResult {
  bestC: number;
  path: { C: number; logLoss: number }[];
  /** Out-of-fold log-odds at the chosen C, for the rows of the evaluated folds (others are 0). */
  oofMargins: Float64Array;
}

/** Rows whose fold is one of `evalFolds`. */
export function rowsInFolds(fold: Int32Array, evalFolds: readonly number[]): Uint32Array {
  const out: number[] = [];
  fold.forEach((f, r) => {
    if (evalFolds.includes(f)) out.push(r);
  });
  return Uint32Array.from(out);
}

/**
 * `evalFolds` (default all k) lets large data use a single hold-out: k = 5 with evalFolds [0] trains
 * on 80 % and scores 20 % once instead of five times.
 */
export function crossValidateLogistic(X: DenseMatrix, y: ArrayLike<number>, fold: Int32Array, k: number, Cs: readonly number[] = DEFAULT_CS, evalFolds?: readonly number[]): LogisticCvResult {
  const sortedCs = [...Cs].sort((a, b) => a - b);
  const oof = sortedCs.map(() => new Float64Array(X.rows));
  const folds = evalFolds ?? Array.from({ length: k }, (_, f) => f);
  const scored = rowsInFolds(fold, folds);
  const yScored = Array.from(scored, (r) => y[r]);
  for (const f of folds) {
    const { train, test } = foldRows(fold, f);
    if (test.length === 0) continue;
    let init: { coef: Float64Array; intercept: number; curvature?: Float64Array } | undefined;
    sortedCs.forEach((C, c) => {
      const model = fitLogistic(X, y, { l2: 1 / C, rows: train, init, tol: 1e-6, gradTol: 1e-7, keepCurvature: true });
      init = { coef: model.coef, intercept: model.intercept, curvature: curvatureOf(model) };
      const m = logisticMargins(model, X, test);
      for (let i = 0; i < test.length; i++) oof[c][test[i]] = m[i];
    });
  }
  const path = sortedCs.map((C, c) => ({ C, logLoss: logLoss(yScored, Array.from(scored, (r) => sigmoid(oof[c][r]))) }));
  let best = 0;
  // Ties (within 1e-4) go to the stronger penalty: the simpler model.
  for (let c = 1; c < path.length; c++) if (path[c].logLoss < path[best].logLoss - 1e-4) best = c;
  return { bestC: sortedCs[best], path, oofMargins: oof[best] };
}
