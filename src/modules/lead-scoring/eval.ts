// `salesbloom eval leads`: train on one file, report on another, so users can measure a lead
// scorer on their own history before trusting it.
import { InputError } from '../../core/errors.ts';
import { cliLocale, render, type Locale, type Text, type TextParam } from '../../core/i18n.ts';
import { msg } from './messages.ts';
import { naSet } from '../../ml/features/infer.ts';
import { unseenCategories } from '../../ml/features/pipeline.ts';
import {
  accuracyAt, averagePrecision, brierScore, expectedCalibrationError, gradeOf, liftAt, logLoss, populationStabilityIndex,
  reliabilityTable, rocAuc, thresholdForCapacity, thresholdForPrecision, tradeoffCurve, tradeoffTable, type ReliabilityBin, type TradeoffRow,
} from '../../ml/metrics/classification.ts';
import { checkScoringTable, checkTrainingCells, extractLabels, readCsvTable, requireColumn, resolvePositive } from './csv.ts';
import { explainRecord, fitLeadScorer, prepareMatrix, scoreMatrix, type ModelChoice, type Reason } from './scorer.ts';

export interface LeadEvalOptions {
  train: string;
  test: string;
  target: string;
  positive?: string;
  drop?: string[];
  delimiter?: string;
  naValues?: string[];
  model?: ModelChoice;
  /** Records whose reason codes are shown and checked (default 200). */
  explainRows?: number;
  /** Milliseconds spent timing each throughput figure (default 300). */
  timingMs?: number;
  /** Report the cut-off that flags this many test leads (e.g. what a team can call). */
  capacity?: number;
  /** Report the lowest cut-off whose test precision reaches this. */
  targetPrecision?: number;
}

export interface OperatingPoint {
  rule: string;
  threshold: number;
  selected: number;
  precision: number;
  recall: number;
}

export interface LeadEvalReport {
  auc: number;
  pr_auc: number;
  log_loss: number;
  brier: number;
  threshold: number;
  accuracy: number;
  lift_top_decile: number;
  base_rate: number;
  calibration: ReliabilityBin[];
  calibration_error: number;
  model: string;
  calibration_method: string;
  cv_log_loss: Record<string, number>;
  train_seconds: number;
  /** Scoring from a prepared feature matrix (model + calibration). */
  score_rows_per_second: number;
  /** Including feature preparation from raw records. */
  score_rows_per_second_end_to_end: number;
  rows: { train: number; test: number };
  positive_value: string;
  features_used: string[];
  excluded_columns: { column: string; reason: string }[];
  grades: { grade: string; rows: number; conversion_rate: number }[];
  tradeoff: TradeoffRow[];
  score_psi: number;
  /** Rendered in the reader's language when printed. */
  low_confidence: Text | string | null;
  /** Largest |Σ reasons − (log-odds − base log-odds)| over the explained rows. */
  reason_sum_max_error: number;
  example: { probability: number; grade: string; reasons: Reason[] } | null;
  /** Cut-offs asked for with --capacity / --target-precision (empty otherwise). */
  operating_points: OperatingPoint[];
  warnings: (Text | string)[];
}

/** Rows per second of `fn(rows)`, repeated until at least `ms` milliseconds have been measured. */
function throughput(rows: number, fn: () => void, ms: number): number {
  fn(); // warm-up (JIT)
  let reps = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    fn();
    reps++;
    elapsed = performance.now() - started;
  } while (elapsed < ms);
  return Math.round((rows * reps) / (elapsed / 1000));
}

export function runLeadEval(opt: LeadEvalOptions, warn: (message: Text | string) => void = () => {}): LeadEvalReport {
  const delimiter = opt.delimiter ?? ',';
  const naValues = opt.naValues ?? [];
  const na = naSet(naValues);
  const train = readCsvTable(opt.train, delimiter);
  const test = readCsvTable(opt.test, delimiter);
  requireColumn(train, opt.target, 'target');
  requireColumn(test, opt.target, 'target');
  const drop = opt.drop ?? [];
  const unknownDrops = drop.filter((c) => !train.columns.includes(c));
  if (unknownDrops.length > 0) {
    throw new InputError(`${train.file}: --drop names column(s) that do not exist`, unknownDrops.map((column) => ({ file: train.file, column, reason: 'not a column of the training file' })));
  }
  const features = train.columns.filter((c) => c !== opt.target && !drop.includes(c));
  if (features.length === 0) throw new InputError(`${train.file}: no feature columns left after the target and --drop`, [{ file: train.file, reason: 'nothing to learn from' }]);
  const positive = resolvePositive(train, { column: opt.target, positive: opt.positive }, na);
  const trainValues = new Set(train.records.map((r) => r[opt.target].trim()));
  const yTrain = extractLabels(train, opt.target, positive, null, na);
  // With an explicit --positive every other test value is a non-conversion; otherwise they must match training.
  const yTest = extractLabels(test, opt.target, positive, opt.positive === undefined ? trainValues : null, na);
  const testPos = yTest.reduce((s, v) => s + v, 0);
  if (testPos === 0 || testPos === yTest.length) {
    throw new InputError(`${test.file}: every test row has the same outcome; AUC and the other ranking metrics need both classes`, [
      { file: test.file, column: opt.target, reason: 'only one class in the test file' },
    ]);
  }
  checkTrainingCells(train, features, na);

  const scorer = fitLeadScorer(train.records, yTrain, features, { model: opt.model ?? 'auto', pipeline: { naValues } });
  const pipeline = scorer.pipeline;
  if (pipeline.encoders.length === 0) {
    throw new InputError(`${train.file}: no usable feature columns`, pipeline.excluded.map((e) => ({ file: train.file, column: e.column, reason: e.reason })));
  }
  const warnings: (Text | string)[] = [...scorer.warnings, ...checkScoringTable(test, pipeline, train.columns)];
  const unseen = new Map<string, { value: string; count: number }[]>();
  for (const u of unseenCategories(pipeline, test.records)) unseen.set(u.column, [...(unseen.get(u.column) ?? []), u]);
  for (const [column, values] of unseen) {
    values.sort((a, b) => b.count - a.count);
    const shown = values.slice(0, 5).map((v) => `"${v.value}" ×${v.count}`).join(', ');
    const rows = values.reduce((s, v) => s + v.count, 0);
    warnings.push(`${test.file}: column "${column}" has ${values.length} value(s) in ${rows} row(s) unseen or too rare in training (${shown}${values.length > 5 ? ', …' : ''}); scored as "other"`);
  }
  for (const w of warnings) warn(w);

  const X = prepareMatrix(scorer, test.records);
  const probs = scoreMatrix(scorer, X);
  const timingMs = opt.timingMs ?? 300;
  const matrixRate = throughput(X.rows, () => scoreMatrix(scorer, X), timingMs);
  const endToEndRate = throughput(X.rows, () => scoreMatrix(scorer, prepareMatrix(scorer, test.records)), timingMs);
  const threshold = 0.5;
  const calibration = reliabilityTable(yTest, probs, 10);

  const nExplain = Math.min(test.records.length, opt.explainRows ?? 200);
  let reasonError = 0;
  let example: LeadEvalReport['example'] = null;
  for (let i = 0; i < nExplain; i++) {
    const ex = explainRecord(scorer, test.records[i]);
    const sum = ex.reasons.reduce((s, r) => s + r.contribution, 0);
    reasonError = Math.max(reasonError, Math.abs(sum - (ex.logOdds - ex.baseLogOdds)), Math.abs(ex.probability - probs[i]));
    if (i === 0) example = { probability: ex.probability, grade: ex.grade, reasons: ex.reasons.slice(0, 5) };
  }
  const grades = (['A', 'B', 'C', 'D'] as const).map((grade) => {
    let rows = 0;
    let conv = 0;
    probs.forEach((p, i) => {
      if (gradeOf(p, scorer.gradeCutoffs) === grade) (rows++, (conv += yTest[i]));
    });
    return { grade, rows, conversion_rate: rows ? conv / rows : 0 };
  });
  const used = new Set(pipeline.encoders.map((e) => e.column));
  const operatingPoints: OperatingPoint[] = [];
  const curve = opt.capacity !== undefined || opt.targetPrecision !== undefined ? tradeoffCurve(yTest, probs) : [];
  if (opt.capacity !== undefined) {
    const threshold = thresholdForCapacity(probs, opt.capacity);
    const row = curve.filter((r) => r.threshold >= threshold).pop()!;
    operatingPoints.push({ rule: `capacity ${opt.capacity}`, threshold, selected: row.selected, precision: row.precision, recall: row.recall });
  }
  if (opt.targetPrecision !== undefined) {
    const row = thresholdForPrecision(yTest, probs, opt.targetPrecision);
    if (row) operatingPoints.push({ rule: `precision ≥ ${opt.targetPrecision}`, threshold: row.threshold, selected: row.selected, precision: row.precision, recall: row.recall });
    else warnings.push(`no cut-off reaches precision ${opt.targetPrecision} on the test file`);
  }
  return {
    auc: rocAuc(yTest, probs),
    pr_auc: averagePrecision(yTest, probs),
    log_loss: logLoss(yTest, probs),
    brier: brierScore(yTest, probs),
    threshold,
    accuracy: accuracyAt(yTest, probs, threshold),
    lift_top_decile: liftAt(yTest, probs, 0.1),
    base_rate: testPos / yTest.length,
    calibration,
    calibration_error: expectedCalibrationError(calibration),
    model: scorer.model.kind === 'logistic' ? `logistic (C=${scorer.model.C})` : `gbdt (${scorer.model.gbdt.nTrees} trees)`,
    calibration_method: scorer.calibrator.kind,
    cv_log_loss: scorer.training.cvLogLoss as Record<string, number>,
    train_seconds: scorer.training.seconds,
    score_rows_per_second: matrixRate,
    score_rows_per_second_end_to_end: endToEndRate,
    rows: { train: train.records.length, test: test.records.length },
    positive_value: positive,
    features_used: features.filter((c) => used.has(c)),
    excluded_columns: pipeline.excluded,
    grades,
    tradeoff: tradeoffTable(yTest, probs),
    score_psi: scorer.referenceScores.length > 0 ? populationStabilityIndex(scorer.referenceScores, probs) : 0,
    low_confidence: scorer.lowConfidence?.message ?? null,
    reason_sum_max_error: reasonError,
    example,
    operating_points: operatingPoints,
    warnings,
  };
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

export function formatLeadEvalReport(r: LeadEvalReport, locale: Locale = cliLocale()): string {
  const t = (key: Parameters<typeof msg>[0], params?: Record<string, TextParam>) => render(msg(key, params), locale);
  const lines = [
    t('score.eval.head', { train: String(r.rows.train), test: String(r.rows.test), positive: r.positive_value, baseRate: pct(r.base_rate) }),
    ...(r.low_confidence ? [t('score.warning', { text: r.low_confidence })] : []),
    t('score.eval.model', { model: r.model, calibration: r.calibration_method, cv: Object.entries(r.cv_log_loss).map(([k, v]) => `${k} ${v.toFixed(4)}`).join(', ') }),
    t('score.eval.features', { n: String(r.features_used.length), list: r.features_used.join(', ') }),
    ...r.excluded_columns.map((e) => `  ${t('score.eval.excluded', { column: e.column, reason: e.reason })}`),
    '',
    `ROC AUC            ${r.auc.toFixed(4)}`,
    `PR AUC (avg prec.) ${r.pr_auc.toFixed(4)}`,
    `Log loss           ${r.log_loss.toFixed(4)}`,
    `Brier score        ${r.brier.toFixed(4)}`,
    `Accuracy at ${r.threshold.toFixed(2)}    ${pct(r.accuracy)}`,
    `Lift, top decile   ${r.lift_top_decile.toFixed(2)}×`,
    `Calibration error  ${r.calibration_error.toFixed(4)} (expected |predicted − observed|)`,
    `Train time         ${r.train_seconds.toFixed(2)} s`,
    `Scoring            ${Math.round(r.score_rows_per_second).toLocaleString('en-US')} rows/s from a prepared matrix, ${Math.round(r.score_rows_per_second_end_to_end).toLocaleString('en-US')} rows/s from raw rows`,
    `Score drift (PSI, train out-of-fold vs test) ${r.score_psi.toFixed(3)}`,
    '',
    t('score.eval.calibration'),
    ...r.calibration.map((b) => `  ${b.lower.toFixed(1)}–${b.upper.toFixed(1)}           ${pct(b.meanPredicted).padStart(6)}     ${pct(b.observedRate).padStart(6)}   ${b.count}`),
    '',
    t('score.eval.grades'),
    ...r.grades.map((g) => `  ${g.grade}                               ${String(g.rows).padStart(5)}   ${pct(g.conversion_rate)}`),
    '',
    t('score.eval.tradeoff'),
    ...r.tradeoff.map((row) => `  ${String(row.selected).padStart(5)} ${t('score.eval.leads').padEnd(5)}                    ${row.threshold.toFixed(3)}     ${pct(row.precision).padStart(6)}   ${pct(row.recall).padStart(6)}`),
  ];
  if (r.operating_points.length > 0) {
    lines.push('', t('score.eval.chosen'));
    for (const o of r.operating_points) lines.push(`  ${o.rule.padEnd(30)}   ${o.threshold.toFixed(3)}   ${String(o.selected).padStart(5)}     ${pct(o.precision).padStart(6)}   ${pct(o.recall).padStart(6)}`);
  }
  if (r.example) {
    lines.push('', t('score.eval.example', { probability: pct(r.example.probability), grade: r.example.grade }));
    for (const reason of r.example.reasons) lines.push(`  ${reason.contribution >= 0 ? '+' : ''}${reason.contribution.toFixed(3)}  ${reason.label}`);
    lines.push(`  ${t('score.eval.sum', { error: r.reason_sum_max_error.toExponential(1) })}`);
  }
  return lines.join('\n');
}
