// The win-probability model: lead scoring's calibrated scorer fitted on closed deals seen at a
// moment of their open life; a time-ordered hold-out (the latest quarter of closes) reports AUC
// and Brier; the model refitted on all closed deals goes to the registry (kind 'win-probability').
import type { Db } from '../../db/client.ts';
import { InputError } from '../../core/errors.ts';
import { brierScore, rocAuc } from '../../ml/metrics/classification.ts';
import { fitLeadScorer, scoreRecords, type LeadScorer } from '../lead-scoring/scorer.ts';
import type { Actor } from '../crm/access.ts';
import { writeAudit } from '../crm/audit.ts';
import { fromArtifactJson, toArtifactJson } from '../lead-scoring/artifact.ts';
import { loadDeals, type Deal } from './data.ts';
import { dealRecord, FEATURE_COLUMNS, median, OwnerRecords, snapshotTime } from './features.ts';

export const KIND = 'win-probability';
export const HOLDOUT_SHARE = 0.25;
export const MIN_CLOSED = 30;
const SEED = 11;

export interface WinModel {
  version: number;
  scorer: LeadScorer;
  typicalWon: number;
  metrics: TrainMetrics;
}

export interface TrainMetrics {
  trained_on: number;
  holdout: { deals: number; auc: number | null; brier: number | null; base_rate: number };
  model: string;
}

const isClosed = (d: Deal) => d.closedAt !== null && (d.stage === 'won' || d.stage === 'lost');
const finiteOrNull = (v: number) => (Number.isFinite(v) ? Math.round(v * 10000) / 10000 : null);

function fit(deals: Deal[], owners: OwnerRecords): { scorer: LeadScorer; typicalWon: number } {
  const typicalWon = median(deals.filter((d) => d.stage === 'won').map((d) => d.amount));
  const records = deals.map((d) => dealRecord(d, snapshotTime(d, SEED), typicalWon, owners));
  const labels = Float64Array.from(deals, (d) => (d.stage === 'won' ? 1 : 0));
  return { scorer: fitLeadScorer(records, labels, FEATURE_COLUMNS, { seed: SEED }), typicalWon };
}

/** Fits, evaluates on the latest closes, refits on all, and stores an active registry version. */
export async function trainWinModel(db: Db, actor: Actor | null): Promise<WinModel> {
  const { deals } = await loadDeals(db);
  const closed = deals.filter(isClosed).sort((a, b) => a.closedAt! - b.closedAt! || a.id.localeCompare(b.id));
  const wins = closed.filter((d) => d.stage === 'won').length;
  if (closed.length < MIN_CLOSED || wins === 0 || wins === closed.length) {
    throw new InputError(`the win-probability model needs at least ${MIN_CLOSED} closed deals, won and lost`, [
      { column: 'opportunities', value: `${closed.length} closed, ${wins} won`, reason: 'close more deals (or import their history) before training' },
    ]);
  }
  const owners = new OwnerRecords(closed);
  const cut = Math.floor(closed.length * (1 - HOLDOUT_SHARE));
  const train = closed.slice(0, cut);
  const test = closed.slice(cut);
  const heldOut = fit(train, owners);
  const testRecords = test.map((d) => dealRecord(d, snapshotTime(d, SEED), heldOut.typicalWon, owners));
  const p = scoreRecords(heldOut.scorer, testRecords);
  const y = Float64Array.from(test, (d) => (d.stage === 'won' ? 1 : 0));
  const both = y.some((v) => v === 1) && y.some((v) => v === 0);
  const final = fit(closed, owners);
  const metrics: TrainMetrics = {
    trained_on: closed.length,
    holdout: { deals: test.length, auc: both ? finiteOrNull(rocAuc(y, p)) : null, brier: finiteOrNull(brierScore(y, p)), base_rate: finiteOrNull(y.reduce((a, b) => a + b, 0) / y.length) ?? 0 },
    model: final.scorer.model.kind,
  };
  const version = await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ v: number }>(`SELECT COALESCE(max(version), 0)::int + 1 AS v FROM models WHERE kind = $1`, [KIND]);
    const v = rows[0].v;
    await tx.query(`UPDATE models SET active = false WHERE kind = $1 AND active`, [KIND]);
    const params = { features: FEATURE_COLUMNS, holdout_share: HOLDOUT_SHARE, seed: SEED, typical_won: final.typicalWon };
    await tx.query(
      `INSERT INTO models (kind, version, params, metrics, artifact, active, notes, created_by) VALUES ($1, $2, $3::jsonb, $4::jsonb, $5::jsonb, true, $6, $7)`,
      [KIND, v, JSON.stringify(params), JSON.stringify(metrics), JSON.stringify({ scorer: toArtifactJson(final.scorer), typicalWon: final.typicalWon }),
        'win probability of open opportunities; hold-out = latest 25% of closed deals by close date', actor?.id ?? null],
    );
    await writeAudit(tx, actor, { action: 'train', entity: 'models', entityId: `${KIND}:${v}`, detail: metrics });
    return v;
  });
  return { version, scorer: final.scorer, typicalWon: final.typicalWon, metrics };
}

/** The active model, or a freshly trained one when none is stored. */
export async function activeWinModel(db: Db, actor: Actor | null): Promise<WinModel> {
  const { rows } = await db.query<{ version: number; metrics: TrainMetrics; artifact: { scorer: unknown; typicalWon: number } }>(
    `SELECT version, metrics, artifact FROM models WHERE kind = $1 AND active`,
    [KIND],
  );
  if (!rows[0]) return trainWinModel(db, actor);
  return { version: rows[0].version, scorer: fromArtifactJson<LeadScorer>(rows[0].artifact.scorer), typicalWon: rows[0].artifact.typicalWon, metrics: rows[0].metrics };
}
