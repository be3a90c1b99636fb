// The lead-scoring entries of the model registry (`models`, kind 'lead-scoring'): the active model
// kept deserialised in memory and reloaded only when the active version changes.
import { isText, type Text } from '../../core/i18n.ts';
import { NotFoundError } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import type { Grade } from '../../ml/metrics/classification.ts';
import { fromArtifactJson, toArtifactJson } from './artifact.ts';
import type { LeadScorer } from './scorer.ts';
import type { ThresholdChoice } from './thresholds.ts';
import type { NoteEmbedding } from './embeddings.ts';

export const MODEL_KIND = 'lead-scoring';

export interface FeatureReference {
  column: string;
  /** Tree-design column whose values are compared (the first one of that input). */
  treeIndex: number;
  values: Float64Array;
}

export interface LeadModelArtifact {
  scorer: LeadScorer;
  columns: string[];
  holdout: { scores: Float64Array; labels: Uint8Array; leadsPerWeek: number };
  featureReference: FeatureReference[];
  /** Set when note embeddings from a provider were used as features. */
  embedding?: NoteEmbedding;
}

export interface LeadModelParams {
  model_choice: string;
  model: string;
  grade_cutoffs: [number, number, number];
  threshold_choice?: Omit<ThresholdChoice, 'tradeoff'> | null;
  engagement_window_days: number;
  seed: number;
  [key: string]: unknown;
}

export interface ActiveModel {
  version: number;
  params: LeadModelParams;
  artifact: LeadModelArtifact;
}

export function encodeArtifact(artifact: LeadModelArtifact): string {
  return JSON.stringify(toArtifactJson(artifact));
}

export function decodeArtifact(json: unknown): LeadModelArtifact {
  return fromArtifactJson<LeadModelArtifact>(typeof json === 'string' ? JSON.parse(json) : json);
}

// Deserialised artifacts by version: an artifact never changes once stored.
const cache = new Map<string, { version: number; artifact: LeadModelArtifact }>();
const cacheKey = (db: Db, version: number) => `${cacheIdOf(db)}:${version}`;
const dbIds = new WeakMap<Db, number>();
let nextDbId = 1;
function cacheIdOf(db: Db): number {
  let id = dbIds.get(db);
  if (id === undefined) dbIds.set(db, (id = nextDbId++));
  return id;
}

/**
 * The active model (null when none). One small indexed query per call; the artifact is read and
 * deserialised only the first time a version is seen. `cacheDb` names the database the cache
 * belongs to when `db` is a transaction on it.
 */
export async function activeModel(db: Db, cacheDb: Db = db): Promise<ActiveModel | null> {
  const { rows } = await db.query<{ version: number; params: LeadModelParams }>(
    `SELECT version, params FROM models WHERE kind = $1 AND active`,
    [MODEL_KIND],
  );
  if (!rows[0]) return null;
  const { version, params } = rows[0];
  return { version, params, artifact: await artifactOf(db, version, cacheDb) };
}

export async function artifactOf(db: Db, version: number, cacheDb: Db = db): Promise<LeadModelArtifact> {
  const key = cacheKey(cacheDb, version);
  const hit = cache.get(key);
  if (hit) return hit.artifact;
  const { rows } = await db.query<{ artifact: unknown }>(`SELECT artifact FROM models WHERE kind = $1 AND version = $2`, [MODEL_KIND, version]);
  if (!rows[0]) throw new NotFoundError(`lead-scoring model version ${version} not found`);
  const artifact = decodeArtifact(rows[0].artifact);
  if (cache.size > 8) cache.delete(cache.keys().next().value!);
  cache.set(key, { version, artifact });
  return artifact;
}

export function gradeWith(score: number, cutoffs: readonly [number, number, number]): Grade {
  return score >= cutoffs[0] ? 'A' : score >= cutoffs[1] ? 'B' : score >= cutoffs[2] ? 'C' : 'D';
}

export interface ModelSummary {
  version: number;
  active: boolean;
  model: string;
  created_at: Date;
  metrics: Record<string, unknown>;
  grade_cutoffs: [number, number, number];
  /** The promotion reason, rendered per reader (from metrics.promotion_reason; older rows: the plain notes). */
  notes: Text | string | null;
}

const HEADLINE = ['auc', 'pr_auc', 'log_loss', 'brier', 'base_rate', 'train_rows', 'holdout_rows', 'holdout_from'];

export async function listModels(db: Db): Promise<ModelSummary[]> {
  const { rows } = await db.query<{ version: number; active: boolean; params: LeadModelParams; metrics: Record<string, unknown>; created_at: Date; notes: string | null }>(
    `SELECT version, active, params, metrics, created_at, notes FROM models WHERE kind = $1 ORDER BY version DESC`,
    [MODEL_KIND],
  );
  return rows.map((r) => ({
    version: r.version,
    active: r.active,
    model: r.params.model,
    created_at: r.created_at,
    metrics: Object.fromEntries(HEADLINE.filter((k) => k in r.metrics).map((k) => [k, r.metrics[k]])),
    grade_cutoffs: r.params.grade_cutoffs,
    notes: isText(r.metrics.promotion_reason) ? r.metrics.promotion_reason : r.notes,
  }));
}

export async function activateModel(db: Db, version: number): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.query(`SELECT 1 FROM models WHERE kind = $1 AND version = $2`, [MODEL_KIND, version]);
    if (!rows[0]) throw new NotFoundError(`lead-scoring model version ${version} not found`);
    await tx.query(`UPDATE models SET active = false WHERE kind = $1 AND active`, [MODEL_KIND]);
    await tx.query(`UPDATE models SET active = true WHERE kind = $1 AND version = $2`, [MODEL_KIND, version]);
  });
}

/** The active model's stored evaluation report. */
export async function activeReport(db: Db): Promise<Record<string, unknown>> {
  const { rows } = await db.query<{ version: number; params: LeadModelParams; metrics: Record<string, unknown>; created_at: Date }>(
    `SELECT version, params, metrics, created_at FROM models WHERE kind = $1 AND active`,
    [MODEL_KIND],
  );
  if (!rows[0]) throw new NotFoundError('no lead-scoring model is active: train one first (salesbloom leads train)');
  const { version, params, metrics, created_at } = rows[0];
  const { auc, pr_auc, log_loss, brier, base_rate, train_rows, holdout_rows, holdout_from, ...rest } = metrics;
  return {
    version,
    model: params.model,
    created_at,
    metrics: { auc, pr_auc, log_loss, brier, base_rate, train_rows, holdout_rows, holdout_from },
    ...rest,
    grade_cutoffs: params.grade_cutoffs,
    threshold_choice: params.threshold_choice ?? null,
  };
}
