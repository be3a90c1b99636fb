// Scoring stored leads with the active model: batch (`leads score`, POST score-all) with drift
// records for Monitor, one lead inside a CRM write's transaction, and what-if payloads.
import type { Db } from '../../db/client.ts';
import { getModelProvider } from '../providers/service.ts';
import { transformTree } from '../../ml/features/pipeline.ts';
import { populationStabilityIndex } from '../../ml/metrics/classification.ts';
import type { Actor } from '../crm/access.ts';
import { applyNoteEmbeddings } from './embeddings.ts';
import { explainLead, type ScoreResult } from './explain.ts';
import { activeModel, MODEL_KIND, type ActiveModel } from './model-store.ts';
import { leadToRecord, loadLeadRows, toLeadRecords, type LeadRecord, type LeadRow } from './records.ts';
import { prepareMatrix, scoreIntervals } from './scorer.ts';
import { driftValue } from './train.ts';

const INSERT_BATCH = 500;

export interface ScoredLead extends ScoreResult {
  lead_id: string;
}

/** Appends scores to the history, moving each lead's `latest` flag to the new row. */
export async function insertScores(tx: Db, version: number, scored: readonly ScoredLead[]): Promise<void> {
  for (let i = 0; i < scored.length; i += INSERT_BATCH) {
    const batch = scored.slice(i, i + INSERT_BATCH);
    const ids = batch.map((s) => s.lead_id);
    await tx.query(`UPDATE lead_scores SET latest = false WHERE latest AND lead_id = ANY($1::uuid[])`, [ids]);
    await tx.query(
      `INSERT INTO lead_scores (lead_id, model_version, score, grade, log_odds, reasons, interval_low, interval_high)
       SELECT u.lead_id, $2, u.score, u.grade, u.log_odds, u.reasons::jsonb, u.lo, u.hi
         FROM unnest($1::uuid[], $3::float8[], $4::text[], $5::float8[], $6::text[], $7::float8[], $8::float8[])
              AS u(lead_id, score, grade, log_odds, reasons, lo, hi)`,
      [
        ids, version, batch.map((s) => s.score), batch.map((s) => s.grade), batch.map((s) => s.log_odds),
        batch.map((s) => JSON.stringify(s.reasons)), batch.map((s) => s.interval?.low ?? null), batch.map((s) => s.interval?.high ?? null),
      ],
    );
  }
}

async function scoreRecordsOf(db: Db, actor: Actor | null, model: ActiveModel, leads: LeadRecord[]): Promise<ScoredLead[]> {
  await applyNoteEmbeddings(db, actor, leads, model.artifact.embedding);
  const { scorer } = model.artifact;
  const cutoffs = model.params.grade_cutoffs;
  const out = leads.map((l) => ({ lead_id: l.id, ...explainLead(scorer, cutoffs, l.record, false) }));
  if (scorer.bootstrap.length > 0 && leads.length > 0) {
    const iv = scoreIntervals(scorer, prepareMatrix(scorer, leads.map((l) => l.record)));
    if (iv) out.forEach((s, i) => (s.interval = { low: iv.low[i], high: iv.high[i] }));
  }
  return out;
}

export interface BatchScoreSummary {
  model_version: number;
  scored: number;
  grades: Record<'A' | 'B' | 'C' | 'D', number>;
  psi_score: number | null;
  psi_features: { feature: string; psi: number }[];
  seconds: number;
}

/** Scores open (or all) leads with the active model; null when no model is active. */
export async function scoreAllLeads(db: Db, actor: Actor | null, scope: 'open' | 'all' = 'open', asOf = new Date()): Promise<BatchScoreSummary | null> {
  const started = performance.now();
  const model = await activeModel(db);
  if (!model) return null;
  const where = scope === 'open' ? `l.converted IS NULL AND l.status NOT IN ('converted', 'disqualified')` : 'TRUE';
  const leads = toLeadRecords(await loadLeadRows(db, asOf, where));
  const scored = await scoreRecordsOf(db, actor, model, leads);
  const grades = { A: 0, B: 0, C: 0, D: 0 };
  for (const s of scored) grades[s.grade]++;
  const { scorer } = model.artifact;
  const psiScore = scored.length > 0 && scorer.referenceScores.length > 0
    ? populationStabilityIndex(scorer.referenceScores, scored.map((s) => s.score)) : null;
  const psiFeatures: BatchScoreSummary['psi_features'] = [];
  if (scored.length > 0 && model.artifact.featureReference.length > 0) {
    const X = transformTree(scorer.pipeline, leads.map((l) => l.record));
    for (const ref of model.artifact.featureReference) {
      const current = Float64Array.from({ length: X.rows }, (_, i) => driftValue(X.data[i * X.cols + ref.treeIndex]));
      psiFeatures.push({ feature: ref.column, psi: populationStabilityIndex(ref.values, current) });
    }
  }
  await db.transaction(async (tx) => {
    await insertScores(tx, model.version, scored);
    const detail = JSON.stringify({ scope, scored: scored.length, reference: 'training out-of-fold scores' });
    if (psiScore !== null) {
      await tx.query(`INSERT INTO model_monitoring (model_kind, model_version, metric, value, detail) VALUES ($1, $2, 'psi_score', $3, $4)`, [MODEL_KIND, model.version, psiScore, detail]);
    }
    for (const f of psiFeatures) {
      await tx.query(`INSERT INTO model_monitoring (model_kind, model_version, metric, feature, value, detail) VALUES ($1, $2, 'psi_feature', $3, $4, $5)`, [MODEL_KIND, model.version, f.feature, f.psi, detail]);
    }
  });
  return { model_version: model.version, scored: scored.length, grades, psi_score: psiScore, psi_features: psiFeatures, seconds: (performance.now() - started) / 1000 };
}

/**
 * Scores one stored lead as part of the caller's transaction (score-on-write); false when no
 * model is active. A model that reads note embeddings from an HTTP provider scores after the
 * commit instead: a network call must not hold the lead's row lock (nor the connection).
 */
export async function scoreLeadInTransaction(tx: Db, cacheDb: Db, actor: Actor | null, leadId: string, asOf = new Date()): Promise<boolean> {
  const model = await activeModel(tx, cacheDb);
  if (!model) return false;
  if (model.artifact.embedding && (await getModelProvider(tx, actor))?.kind === 'openai') {
    tx.afterCommit(async () => {
      const leads = toLeadRecords(await loadLeadRows(cacheDb, asOf, 'l.id = $2', [leadId]));
      if (leads.length === 0) return; // deleted meanwhile
      const scored = await scoreRecordsOf(cacheDb, actor, model, leads);
      await cacheDb.transaction((t) => insertScores(t, model.version, scored));
    });
    return true;
  }
  const leads = toLeadRecords(await loadLeadRows(tx, asOf, 'l.id = $2', [leadId]));
  if (leads.length === 0) return false;
  await insertScores(tx, model.version, await scoreRecordsOf(tx, actor, model, leads));
  return true;
}

/** What-if: a lead payload (lead fields and optional engagement counts) scored without storing it. */
export async function scorePayload(db: Db, actor: Actor | null, model: ActiveModel, payload: Record<string, unknown>): Promise<ScoreResult> {
  const row: LeadRow = {
    id: 'what-if',
    title: str(payload.title), industry: str(payload.industry), country: str(payload.country), city: str(payload.city),
    language: str(payload.language), source: str(payload.source), status: null, owner_id: null, owner_name: str(payload.owner_name),
    email: str(payload.email), phone: str(payload.phone), notes: str(payload.notes), converted: null, converted_at: null,
    attributes: payload.attributes && typeof payload.attributes === 'object' ? (payload.attributes as Record<string, unknown>) : {},
    created_at: payload.created_at ? new Date(String(payload.created_at)) : new Date(),
  };
  const record = leadToRecord(row);
  for (const key of ['calls', 'emails', 'meetings', 'notes_logged', 'tasks', 'inbound', 'first_response_hours', 'days_since_last_activity']) {
    if (typeof payload[key] === 'number' && Number.isFinite(payload[key])) record[key] = payload[key] as number;
  }
  const lead: LeadRecord = { id: row.id, createdAt: row.created_at, ownerId: null, label: null, record };
  await applyNoteEmbeddings(db, actor, [lead], model.artifact.embedding);
  return explainLead(model.artifact.scorer, model.params.grade_cutoffs, lead.record, true);
}

const str = (v: unknown): string | null => (v === undefined || v === null || v === '' ? null : String(v));
