// Lead scoring: fit the feature pipeline and candidate models on training records, pick a model by
// cross-validated log loss, calibrate on out-of-fold predictions, and score/explain records.
// Pure (no I/O, no database): the service layer stores and serves what `fitLeadScorer` returns.
import type { Text } from '../../core/i18n.ts';
import { msg } from './messages.ts';
import type { RawRecord } from '../../ml/features/infer.ts';
import { coerceNumbers, fitFeaturePipeline, transformLinear, transformTree, describeColumn, type FeaturePipeline, type PipelineOptions } from '../../ml/features/pipeline.ts';
import type { DenseMatrix } from '../../ml/features/matrix.ts';
import { foldRows, stratifiedFolds } from '../../ml/features/folds.ts';
import { fitLogistic, logisticBaseMargin, logisticContributions, logisticMargins, sigmoid, type LogisticModel } from '../../ml/linear/logistic.ts';
import { crossValidateLogistic, rowsInFolds } from '../../ml/linear/logistic-cv.ts';
import { fitGbdt, type GbdtModel, type GbdtOptions } from '../../ml/trees/gbdt.ts';
import { forestMargins } from '../../ml/trees/forest.ts';
import { allRows } from '../../ml/features/matrix.ts';
import { prebin, type Prebinned } from '../../ml/trees/binning.ts';
import { expectedMargin, treeShap } from '../../ml/trees/treeshap.ts';
import { calibratedLogOdds, chooseCalibrator, rescaleContributions, type Calibrator } from '../../ml/calibration/calibrate.ts';
import { additionalOutcomesFor, quantile, shrinkageWeight, smoothedBaseRate } from '../../ml/calibration/small-data.ts';
import { gradeCutoffs, gradeOf, logLoss, type Grade } from '../../ml/metrics/classification.ts';
import { Rng } from '../../ml/random.ts';

export type ModelChoice = 'auto' | 'logistic' | 'gbdt';

export interface LeadScorerOptions {
  model?: ModelChoice;
  pipeline?: PipelineOptions;
  gbdt?: GbdtOptions;
  seed?: number;
}

export type FittedModel = { kind: 'logistic'; C: number; logistic: LogisticModel } | { kind: 'gbdt'; gbdt: GbdtModel };

export interface LowConfidence {
  /** Rendered in the reader's language (a plain string in models stored before texts were translated). */
  message: Text | string;
  /** Mean width of the 80 % bootstrap interval of training-row scores. */
  intervalWidth: number;
  moreOutcomesToHalve: number;
}

export interface LeadScorer {
  pipeline: FeaturePipeline;
  model: FittedModel;
  calibrator: Calibrator;
  /** Small-data shrinkage toward the base rate in log-odds: L = base + weight·(L − base); weight 1 when off. */
  shrinkWeight: number;
  shrinkBase: number;
  /** Model margin contributions are measured from (mean training margin for logistic, expected value for trees). */
  baseMargin: number;
  /** Score log-odds at the base margin: reason codes sum to log-odds(score) − baseLogOdds. */
  baseLogOdds: number;
  gradeCutoffs: [number, number, number];
  /** Calibrated out-of-fold training scores: the reference distribution for drift (PSI). */
  referenceScores: Float64Array;
  /** Bootstrap refits for score intervals (small-data mode only), each with its resample's base log-odds. */
  bootstrap: { model: LogisticModel; shrinkBase: number }[];
  lowConfidence: LowConfidence | null;
  training: {
    rows: number;
    positives: number;
    folds: number;
    /** True when model selection and calibration used one 20 % hold-out (large data) instead of k-fold CV. */
    holdout: boolean;
    cvLogLoss: Partial<Record<'logistic' | 'gbdt', number>>;
    calibrationCvLogLoss: Partial<Record<string, number>>;
    seconds: number;
  };
  warnings: (Text | string)[];
}

/** With fewer outcomes than this in the minority class, the scorer switches to small-data mode. */
export const SMALL_DATA_MINORITY = 50;

function minorityCount(y: ArrayLike<number>): { pos: number; minority: number } {
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i];
  return { pos, minority: Math.min(pos, y.length - pos) };
}

function crossValidateGbdt(X: DenseMatrix, y: ArrayLike<number>, categorical: boolean[], fold: Int32Array, evalFolds: readonly number[], opt: GbdtOptions): { oof: Float64Array; iterations: number[]; models: GbdtModel[] } {
  const oof = new Float64Array(X.rows);
  const iterations: number[] = [];
  const models: GbdtModel[] = [];
  for (const f of evalFolds) {
    const { train, test } = foldRows(fold, f);
    const m = fitGbdt(X, y, categorical, { maxIter: 500, ...opt, rows: train, validationFraction: 0.1 });
    iterations.push(m.nTrees);
    models.push(m);
    const testX = { data: new Float64Array(test.length * X.cols), rows: test.length, cols: X.cols };
    test.forEach((r, i) => testX.data.set(X.data.subarray(r * X.cols, (r + 1) * X.cols), i * X.cols));
    const margins = forestMargins(m.forest, testX);
    test.forEach((r, i) => (oof[r] = margins[i]));
  }
  return { oof, iterations, models };
}

/** Above this many rows, model selection and calibration use one 20 % hold-out instead of k-fold CV. */
export const HOLDOUT_ROWS = 20_000;

export function fitLeadScorer(rawRecords: readonly RawRecord[], labels: Float64Array, columns: readonly string[], options: LeadScorerOptions = {}): LeadScorer {
  const started = performance.now();
  const records = coerceNumbers(rawRecords, columns, options.pipeline?.naValues);
  const seed = options.seed ?? 7;
  const warnings: (Text | string)[] = [];
  const pipeline = fitFeaturePipeline(records, columns, labels, options.pipeline);
  warnings.push(...pipeline.warnings);
  const n = records.length;
  const { pos, minority } = minorityCount(labels);
  const smallData = minority < SMALL_DATA_MINORITY;
  let choice: ModelChoice = options.model ?? 'auto';
  if (smallData && choice !== 'logistic') {
    if (choice === 'gbdt') warnings.push(msg('score.gbdtTooFew', { minority }));
    choice = 'logistic';
  }
  const holdout = n > HOLDOUT_ROWS;
  const k = holdout ? 5 : Math.max(2, Math.min(5, minority));
  const evalFolds = holdout ? [0] : Array.from({ length: k }, (_, f) => f);
  const fold = stratifiedFolds(labels, k, seed);
  const scored = rowsInFolds(fold, evalFolds);
  const yScored = Float64Array.from(scored, (r) => labels[r]);
  const scoredLogLoss = (margins: Float64Array) => logLoss(yScored, Array.from(scored, (r) => sigmoid(margins[r])));
  const cvLogLoss: LeadScorer['training']['cvLogLoss'] = {};
  // The linear design is built only if a logistic model is fitted.
  let XlCache: DenseMatrix | null = null;
  const linear = () => (XlCache ??= transformLinear(pipeline, records));
  let logisticCv: ReturnType<typeof crossValidateLogistic> | null = null;
  if (choice !== 'gbdt') {
    logisticCv = minority >= 2 ? crossValidateLogistic(linear(), labels, fold, k, undefined, evalFolds) : null;
    if (logisticCv) cvLogLoss.logistic = scoredLogLoss(logisticCv.oofMargins);
  }
  let gbdtCv: ReturnType<typeof crossValidateGbdt> | null = null;
  let Xt: DenseMatrix | null = null;
  let binned: Prebinned | null = null;
  const categorical = pipeline.treeColumns.map((c) => c.categorical);
  if (choice !== 'logistic') {
    Xt = transformTree(pipeline, records);
    // Bin edges depend on feature values only (never labels), so one binning serves every fold.
    binned = prebin(Xt, categorical, allRows(n));
    gbdtCv = crossValidateGbdt(Xt, labels, categorical, fold, evalFolds, { seed, ...options.gbdt, prebinned: binned });
    cvLogLoss.gbdt = scoredLogLoss(gbdtCv.oof);
  }
  const useGbdt = gbdtCv !== null && (cvLogLoss.logistic === undefined || cvLogLoss.gbdt! < cvLogLoss.logistic);

  let model: FittedModel;
  let oof: Float64Array | null;
  let baseMargin: number;
  if (useGbdt) {
    // Hold-out mode keeps the model trained on 80 % (early-stopped, then calibrated on the untouched
    // 20 %): with this many rows a refit on all of them gains little and would double the training time.
    // Otherwise refit on every row with the median early-stopping tree count of the folds.
    const iters = gbdtCv!.iterations.slice().sort((a, b) => a - b);
    const nTrees = Math.max(1, iters[iters.length >> 1]);
    const gbdt = holdout ? gbdtCv!.models[0] : fitGbdt(Xt!, labels, categorical, { seed, ...options.gbdt, maxIter: nTrees, validationFraction: 0, prebinned: binned! });
    model = { kind: 'gbdt', gbdt };
    oof = Float64Array.from(scored, (r) => gbdtCv!.oof[r]);
    baseMargin = expectedMargin(gbdt.forest);
  } else {
    // Too few outcomes to cross-validate: a strong prior (C = 0.1) keeps the fit near the base rate.
    const C = logisticCv?.bestC ?? 0.1;
    const logistic = fitLogistic(linear(), labels, { l2: 1 / C });
    model = { kind: 'logistic', C, logistic };
    oof = logisticCv ? Float64Array.from(scored, (r) => logisticCv!.oofMargins[r]) : null;
    baseMargin = logisticBaseMargin(logistic);
  }
  const calibration = oof ? chooseCalibrator(oof, yScored) : { calibrator: { kind: 'none' } as Calibrator, cvLogLoss: {} };
  const baseRate = smoothedBaseRate(pos, n);
  const shrinkWeight = smallData ? shrinkageWeight(minority) : 1;
  const shrinkBase = Math.log(baseRate / (1 - baseRate));
  const scorer: LeadScorer = {
    pipeline, model, calibrator: calibration.calibrator, shrinkWeight, shrinkBase, baseMargin, baseLogOdds: 0,
    gradeCutoffs: [0, 0, 0], referenceScores: new Float64Array(0), bootstrap: [], lowConfidence: null,
    training: { rows: n, positives: pos, folds: k, holdout, cvLogLoss, calibrationCvLogLoss: calibration.cvLogLoss, seconds: 0 },
    warnings,
  };
  scorer.baseLogOdds = finalLogOdds(scorer, baseMargin);
  const reference = oof ?? (model.kind === 'logistic' ? logisticMargins(model.logistic, linear()) : new Float64Array(0));
  scorer.referenceScores = reference.map((m) => sigmoid(finalLogOdds(scorer, m)));
  scorer.gradeCutoffs = gradeCutoffs(scorer.referenceScores);
  if (smallData && model.kind === 'logistic') {
    scorer.bootstrap = bootstrapModels(linear(), labels, model.C, 50, seed);
    scorer.lowConfidence = describeLowConfidence(scorer, linear(), n, pos, minority);
    warnings.push(scorer.lowConfidence.message);
  }
  scorer.training.seconds = (performance.now() - started) / 1000;
  return scorer;
}

/** Model margin → score log-odds: calibration, then (small data) shrinkage toward the base rate. */
export function finalLogOdds(scorer: LeadScorer, margin: number): number {
  const calibrated = calibratedLogOdds(scorer.calibrator, margin);
  return scorer.shrinkBase + scorer.shrinkWeight * (calibrated - scorer.shrinkBase);
}

/** The design matrix this scorer's model reads (linear or tree design). */
export function prepareMatrix(scorer: LeadScorer, records: readonly RawRecord[]): DenseMatrix {
  return scorer.model.kind === 'logistic' ? transformLinear(scorer.pipeline, records) : transformTree(scorer.pipeline, records);
}

export function modelMargins(scorer: LeadScorer, X: DenseMatrix): Float64Array {
  return scorer.model.kind === 'logistic' ? logisticMargins(scorer.model.logistic, X) : forestMargins(scorer.model.gbdt.forest, X);
}

/** Calibrated conversion probabilities from a prepared matrix (the fast batch path). */
export function scoreMatrix(scorer: LeadScorer, X: DenseMatrix): Float64Array {
  const m = modelMargins(scorer, X);
  if (scorer.calibrator.kind !== 'isotonic' && scorer.shrinkWeight === 1) {
    // Affine map: no per-row function call.
    const a = scorer.calibrator.kind === 'platt' ? scorer.calibrator.slope : 1;
    const b = scorer.calibrator.kind === 'platt' ? scorer.calibrator.intercept : 0;
    for (let i = 0; i < m.length; i++) m[i] = 1 / (1 + Math.exp(-(a * m[i] + b)));
    return m;
  }
  for (let i = 0; i < m.length; i++) m[i] = sigmoid(finalLogOdds(scorer, m[i]));
  return m;
}

export function scoreRecords(scorer: LeadScorer, records: readonly RawRecord[]): Float64Array {
  return scoreMatrix(scorer, prepareMatrix(scorer, records));
}

export interface Reason {
  /** Input column the reason is about. */
  column: string;
  /** Its value in this record, e.g. "Lead Source = Referral". */
  label: string;
  /** Log-odds contribution; all of a record's contributions sum to logOdds − baseLogOdds. */
  contribution: number;
}

export interface Explanation {
  probability: number;
  logOdds: number;
  baseLogOdds: number;
  grade: Grade;
  /** Every input column's contribution, largest magnitude first. */
  reasons: Reason[];
}

/** Score and reason codes for one record. */
export function explainRecord(scorer: LeadScorer, record: RawRecord): Explanation {
  const X = prepareMatrix(scorer, [record]);
  const margin = modelMargins(scorer, X)[0];
  const p = scorer.pipeline;
  const perColumn = new Float64Array(p.encoders.length);
  if (scorer.model.kind === 'logistic') {
    const c = logisticContributions(scorer.model.logistic, X.data);
    c.forEach((v, j) => (perColumn[p.linearSource[j]] += v));
  } else {
    const phi = treeShap(scorer.model.gbdt.forest, X.data);
    phi.forEach((v, j) => (perColumn[p.treeSource[j]] += v));
  }
  const scaled = rescaleContributions(perColumn, margin, scorer.baseMargin, (m) => finalLogOdds(scorer, m));
  const logOdds = finalLogOdds(scorer, margin);
  const probability = sigmoid(logOdds);
  const reasons = Array.from(scaled, (contribution, e) => ({ column: p.encoders[e].column, label: describeColumn(p, e, record), contribution }))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  return { probability, logOdds, baseLogOdds: scorer.baseLogOdds, grade: gradeOf(probability, scorer.gradeCutoffs), reasons };
}

function bootstrapModels(X: DenseMatrix, y: Float64Array, C: number, B: number, seed: number): LeadScorer['bootstrap'] {
  const rng = new Rng(seed + 101);
  const out: LeadScorer['bootstrap'] = [];
  for (let b = 0; b < B; b++) {
    const weights = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) weights[rng.int(X.rows)] += 1;
    let pos = 0;
    for (let i = 0; i < X.rows; i++) pos += weights[i] * y[i];
    const rate = smoothedBaseRate(pos, X.rows);
    out.push({ model: fitLogistic(X, y, { l2: 1 / C, weights, maxIter: 50 }), shrinkBase: Math.log(rate / (1 - rate)) });
  }
  return out;
}

/**
 * 10th–90th percentile of the bootstrap scores per row (small-data mode; null otherwise). Each
 * replicate refits the model and re-estimates the base rate it shrinks toward, so the interval
 * carries the uncertainty of both.
 */
export function scoreIntervals(scorer: LeadScorer, X: DenseMatrix): { low: Float64Array; high: Float64Array } | null {
  if (scorer.bootstrap.length === 0) return null;
  const draws = scorer.bootstrap.map(({ model, shrinkBase }) =>
    logisticMargins(model, X).map((v) => sigmoid(shrinkBase + scorer.shrinkWeight * (calibratedLogOdds(scorer.calibrator, v) - shrinkBase))),
  );
  const low = new Float64Array(X.rows);
  const high = new Float64Array(X.rows);
  const col = new Float64Array(draws.length);
  for (let i = 0; i < X.rows; i++) {
    draws.forEach((d, b) => (col[b] = d[i]));
    col.sort();
    low[i] = quantile(col, 0.1);
    high[i] = quantile(col, 0.9);
  }
  return { low, high };
}

function describeLowConfidence(scorer: LeadScorer, X: DenseMatrix, n: number, pos: number, minority: number): LowConfidence {
  const iv = scoreIntervals(scorer, X)!;
  let width = 0;
  for (let i = 0; i < X.rows; i++) width += iv.high[i] - iv.low[i];
  width /= X.rows;
  const more = additionalOutcomesFor(width, width / 2, n);
  const rate = pos / n;
  const moreMinority = Math.ceil(more * Math.min(rate, 1 - rate));
  const message = msg('score.lowConfidence', {
    rows: n, minority, weight: scorer.shrinkWeight.toFixed(2), halfWidth: (width / 2).toFixed(2), more, moreMinority,
  });
  return { message, intervalWidth: width, moreOutcomesToHalve: more };
}
