// Lead scoring over stored data: training and the model registry, batch and on-write scoring,
// reading scores, and choosing grade thresholds. The pieces live in small files; this is the door.
import { NotFoundError } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../crm/access.ts';
import { writeAudit } from '../crm/audit.ts';
import { activeModel, MODEL_KIND } from './model-store.ts';
import { chooseThreshold, withGradeA, type ThresholdChoice, type ThresholdRule } from './thresholds.ts';

export { trainLeadModel, type TrainOptions, type TrainResult } from './train.ts';
export { scoreAllLeads, scoreLeadInTransaction, scorePayload, type BatchScoreSummary } from './scoring.ts';
export { activeModel, activeReport, activateModel, listModels, MODEL_KIND } from './model-store.ts';
export { leadScore, listLeadScores } from './queries.ts';

export interface ThresholdResult extends ThresholdChoice {
  model_version: number;
  grade_cutoffs: [number, number, number];
  stored: boolean;
}

/** Picks the grade-A cut-off on the active model's hold-out and (unless dryRun) stores it in its params. */
export async function setGradeThreshold(db: Db, actor: Actor | null, rule: ThresholdRule, dryRun = false): Promise<ThresholdResult> {
  const model = await activeModel(db);
  if (!model) throw new NotFoundError('no lead-scoring model is active: train one first (salesbloom leads train)');
  const { holdout } = model.artifact;
  const choice = chooseThreshold({ scores: holdout.scores, labels: holdout.labels, leadsPerWeek: holdout.leadsPerWeek }, rule);
  const original = model.artifact.scorer.gradeCutoffs;
  const cutoffs = withGradeA(original, choice.threshold);
  if (!dryRun) {
    const { tradeoff: _table, ...stored } = choice;
    await db.transaction(async (tx) => {
      await tx.query(
        `UPDATE models SET params = params || $3::jsonb WHERE kind = $1 AND version = $2`,
        [MODEL_KIND, model.version, JSON.stringify({ grade_cutoffs: cutoffs, threshold_choice: stored })],
      );
      await writeAudit(tx, actor, { action: 'set_threshold', entity: 'models', entityId: `${MODEL_KIND}:${model.version}`, before: model.params.grade_cutoffs, after: cutoffs, detail: stored });
    });
  }
  return { model_version: model.version, grade_cutoffs: cutoffs, stored: !dryRun, ...choice };
}
