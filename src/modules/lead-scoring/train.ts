// `leads train`: fit a scorer on stored leads, evaluate it on the most recent 20 % (by created_at),
// record the version in the model registry, and promote it only if it is no worse than the active one.
import { InputError } from '../../core/errors.ts';
import { render, type Text } from '../../core/i18n.ts';
import { msg } from './messages.ts';
import type { Db } from '../../db/client.ts';
import { transformTree } from '../../ml/features/pipeline.ts';
import type { RawRecord } from '../../ml/features/infer.ts';
import {
  averagePrecision, brierScore, expectedCalibrationError, gradeOf, liftByDecile, logLoss, reliabilityTable, rocAuc, rocCurve,
} from '../../ml/metrics/classification.ts';
import type { Actor } from '../crm/access.ts';
import { writeAudit } from '../crm/audit.ts';
import { addNoteEmbeddings, applyNoteEmbeddings } from './embeddings.ts';
import { explainLead } from './explain.ts';
import { activeModel, encodeArtifact, MODEL_KIND, type FeatureReference, type LeadModelArtifact, type LeadModelParams } from './model-store.ts';
import { ENGAGEMENT_WINDOW_DAYS, featureColumns, loadLeadRows, plainName, toLeadRecords } from './records.ts';
import { fitLeadScorer, scoreRecords, type LeadScorer, type ModelChoice } from './scorer.ts';

export const HOLDOUT_SHARE = 0.2;
const DAY_MS = 86_400_000;

export interface TrainOptions {
  model?: ModelChoice;
  forcePromote?: boolean;
  seed?: number;
  /** Use only these feature columns (tests use it to build a deliberately weak model). */
  columns?: string[];
  asOf?: Date;
}

export interface TrainResult {
  version: number;
  model: string;
  promoted: boolean;
  /** Why the model was or was not activated (rendered in the reader's language). */
  promotion_reason: Text;
  metrics: Record<string, unknown>;
  warnings: (Text | string)[];
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
const modelName = (s: LeadScorer) => (s.model.kind === 'logistic' ? `logistic (C=${s.model.C})` : `gbdt (${s.model.gbdt.nTrees} trees)`);

/** Up to `max` evenly spaced rows: importances and drift references need a sample, not every row. */
function spread<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  return Array.from({ length: max }, (_, k) => items[Math.floor((k * items.length) / max)]);
}

export async function trainLeadModel(db: Db, actor: Actor | null, options: TrainOptions = {}): Promise<TrainResult> {
  const asOf = options.asOf ?? new Date();
  const seed = options.seed ?? 7;
  const all = toLeadRecords(await loadLeadRows(db, asOf));
  const labelled = all.filter((l) => l.label !== null);
  if (labelled.length === 0) {
    throw new InputError('no labelled leads to learn from: set converted (true/false) or status converted/disqualified on past leads', [
      { file: 'leads', column: 'converted', reason: `all ${all.length} leads are still open` },
    ]);
  }
  const positives = labelled.filter((l) => l.label === 1).length;
  if (positives === 0 || positives === labelled.length) {
    throw new InputError(`every labelled lead has the same outcome (${positives === 0 ? 'none converted' : 'all converted'}); a scorer needs both`, [
      { file: 'leads', column: 'converted', value: positives === 0 ? false : true, reason: `only one class among ${labelled.length} labelled leads` },
    ]);
  }
  const cut = Math.max(1, Math.min(labelled.length - 1, Math.round(labelled.length * (1 - HOLDOUT_SHARE))));
  // The hold-out as stored (before any embedding features), for scoring with the active model.
  const rawHoldout = labelled.slice(cut).map((l) => ({ ...l, record: { ...l.record } }));
  const embedding = await addNoteEmbeddings(db, actor, labelled, cut);
  const train = labelled.slice(0, cut);
  const holdout = labelled.slice(cut);
  const trainPos = train.filter((l) => l.label === 1).length;
  if (trainPos === 0 || trainPos === train.length) {
    throw new InputError('the older 80 % of labelled leads has only one outcome class; add more history', [
      { file: 'leads', column: 'converted', reason: `train rows ${train.length}, converted ${trainPos}` },
    ]);
  }
  const columns = options.columns ?? featureColumns(labelled.map((l) => l.record));
  const y = Float64Array.from(train, (l) => l.label!);
  const scorer = fitLeadScorer(train.map((l) => l.record), y, columns, { model: options.model ?? 'auto', seed });
  if (scorer.pipeline.encoders.length === 0) {
    throw new InputError('no usable lead fields to learn from', scorer.pipeline.excluded.map((e) => ({ file: 'leads', column: e.column, reason: e.reason })));
  }

  const yHold = Uint8Array.from(holdout, (l) => l.label!);
  const holdRecords = holdout.map((l) => l.record);
  const scores = scoreRecords(scorer, holdRecords);
  const holdoutFrom = holdout[0].createdAt;
  const holdoutTo = holdout[holdout.length - 1].createdAt;
  const weeks = Math.max(1 / 7, (holdoutTo.getTime() - holdoutFrom.getTime()) / (7 * DAY_MS));
  const leadsInPeriod = all.filter((l) => l.createdAt >= holdoutFrom && l.createdAt <= holdoutTo).length;
  const leadsPerWeek = leadsInPeriod / weeks;
  const gradeCutoffs = scorer.gradeCutoffs;

  // Importance: mean |reason contribution| over hold-out leads (log-odds, the units of the reasons).
  const importance = new Map<string, number>();
  const explained = spread(holdRecords, 300);
  for (const r of explained) for (const reason of explainLead(scorer, gradeCutoffs, r, false).reasons) importance.set(reason.column, (importance.get(reason.column) ?? 0) + Math.abs(reason.contribution));
  const importances = [...importance]
    .map(([column, total]) => ({ column, label: plainName(column), importance: total / explained.length }))
    .sort((a, b) => b.importance - a.importance);
  const featureReference = referenceValues(scorer, train.map((l) => l.record), importances.slice(0, 10).map((i) => i.column));

  const reliability = reliabilityTable(yHold, scores, 10);
  const grades = (['A', 'B', 'C', 'D'] as const).map((grade) => {
    let rows = 0;
    let conv = 0;
    scores.forEach((p, i) => {
      if (gradeOf(p, gradeCutoffs) === grade) (rows++, (conv += yHold[i]));
    });
    return { grade, rows, conversion_rate: rows ? conv / rows : 0 };
  });
  const metrics = {
    auc: finite(rocAuc(yHold, scores)),
    pr_auc: finite(averagePrecision(yHold, scores)),
    log_loss: logLoss(yHold, scores),
    brier: brierScore(yHold, scores),
    base_rate: positives / labelled.length,
    train_rows: train.length,
    holdout_rows: holdout.length,
    holdout_from: holdoutFrom.toISOString(),
    calibration_method: scorer.calibrator.kind,
    calibration: reliability,
    reliability: reliability.map((b) => ({ lower: b.lower, upper: b.upper, count: b.count, predicted: b.meanPredicted, observed: b.observedRate })),
    calibration_error: expectedCalibrationError(reliability),
    roc: rocCurve(yHold, scores, 100),
    lift: liftByDecile(yHold, scores),
    grades,
    grade_cutoffs: gradeCutoffs,
    importances,
    leads_per_week: leadsPerWeek,
    cv_log_loss: scorer.training.cvLogLoss,
    train_seconds: scorer.training.seconds,
    features: scorer.pipeline.encoders.map((e) => e.column),
    excluded: scorer.pipeline.excluded,
    low_confidence: scorer.lowConfidence?.message ?? null,
  };

  // Promotion: compare with the active model on this same hold-out.
  const active = await activeModel(db);
  let promoted = true;
  let reason: Text = msg('score.promoted.first');
  if (active) {
    let activeLoss = Infinity;
    try {
      await applyNoteEmbeddings(db, actor, rawHoldout, active.artifact.embedding);
      activeLoss = logLoss(yHold, scoreRecords(active.artifact.scorer, rawHoldout.map((l) => l.record)));
    } catch {
      /* an unreadable active model loses */
    }
    const better = metrics.log_loss <= activeLoss + 1e-12;
    const comparison = msg('score.comparison', {
      loss: metrics.log_loss.toFixed(4), sign: better ? '≤' : '>', version: String(active.version),
      activeLoss: Number.isFinite(activeLoss) ? activeLoss.toFixed(4) : msg('score.unreadable'),
    });
    promoted = better || options.forcePromote === true;
    reason = msg(better ? 'score.promoted' : options.forcePromote ? 'score.promoted.forced' : 'score.notPromoted', { comparison });
  }

  const artifact: LeadModelArtifact = {
    scorer,
    columns,
    holdout: { scores, labels: yHold, leadsPerWeek },
    featureReference,
    ...(embedding ? { embedding } : {}),
  };
  const params: LeadModelParams = {
    model_choice: options.model ?? 'auto',
    model: modelName(scorer),
    grade_cutoffs: gradeCutoffs,
    threshold_choice: null,
    engagement_window_days: ENGAGEMENT_WINDOW_DAYS,
    holdout_share: HOLDOUT_SHARE,
    seed,
  };
  const version = await db.transaction(async (tx) => {
    const v = (await tx.query<{ v: number }>(`SELECT COALESCE(max(version), 0) + 1 AS v FROM models WHERE kind = $1`, [MODEL_KIND])).rows[0].v;
    if (promoted) await tx.query(`UPDATE models SET active = false WHERE kind = $1 AND active`, [MODEL_KIND]);
    // models.notes (plain text, read by the generic model registry) keeps the English sentence; the
    // translatable reason goes with the metrics and is what the lead-scoring endpoints show.
    await tx.query(
      `INSERT INTO models (kind, version, params, metrics, artifact, active, notes, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [MODEL_KIND, v, JSON.stringify(params), JSON.stringify({ ...metrics, promotion_reason: reason }), encodeArtifact(artifact), promoted, render(reason, 'en'), actor?.id ?? null],
    );
    await writeAudit(tx, actor, { action: 'train', entity: 'models', entityId: `${MODEL_KIND}:${v}`, detail: { promoted, reason, auc: metrics.auc, log_loss: metrics.log_loss } });
    return v;
  });
  return { version, model: params.model, promoted, promotion_reason: reason, metrics, warnings: scorer.warnings };
}

/** Training values of the top inputs (first tree-design column each): the reference for feature drift. */
function referenceValues(scorer: LeadScorer, records: readonly RawRecord[], columns: readonly string[]): FeatureReference[] {
  const p = scorer.pipeline;
  const sample = spread(records, 5000);
  const X = transformTree(p, sample);
  const out: FeatureReference[] = [];
  for (const column of columns) {
    const e = p.encoders.findIndex((enc) => enc.column === column);
    const treeIndex = p.treeSource.indexOf(e);
    if (e < 0 || treeIndex < 0) continue;
    out.push({ column, treeIndex, values: Float64Array.from({ length: X.rows }, (_, i) => driftValue(X.data[i * X.cols + treeIndex])) });
  }
  return out;
}

/** Missing values form their own (lowest) bin in the PSI. */
export const driftValue = (v: number): number => (v === v ? v : -1e300);
