// Reading scores: one lead's latest score with its history, and the visible leads ranked by score.
import type { Db } from '../../db/client.ts';
import { scopePredicate, type Actor } from '../crm/access.ts';
import { ENTITIES } from '../crm/entities.ts';
import type { ReasonCode } from './explain.ts';
import { MODEL_KIND } from './model-store.ts';

interface ScoreRow {
  model_version: number;
  score: number;
  grade: string;
  log_odds: number;
  reasons: ReasonCode[];
  interval_low: number | null;
  interval_high: number | null;
  scored_at: Date;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Latest score, all reasons and the history of one lead (the caller has checked access). */
export async function leadScore(db: Db, leadId: string, historyLimit = 50): Promise<Record<string, unknown>> {
  const { rows } = await db.query<ScoreRow>(
    `SELECT model_version, score, grade, log_odds, reasons, interval_low, interval_high, scored_at
       FROM lead_scores WHERE lead_id = $1 ORDER BY scored_at DESC, id DESC LIMIT ${historyLimit}`,
    [leadId],
  );
  const latest = rows[0];
  if (!latest) return { lead_id: leadId, model_version: null, score: null, grade: null, log_odds: null, base_rate: null, base_log_odds: null, interval: null, scored_at: null, reasons: [], history: [] };
  const reasons = latest.reasons ?? [];
  const sum = reasons.reduce((s, r) => s + r.contribution, 0);
  const baseLogOdds = latest.log_odds - sum;
  const { rows: model } = await db.query<{ base_rate: number | null }>(
    `SELECT (metrics->>'base_rate')::float8 AS base_rate FROM models WHERE kind = $1 AND version = $2`,
    [MODEL_KIND, latest.model_version],
  );
  return {
    lead_id: leadId,
    model_version: latest.model_version,
    score: latest.score,
    grade: latest.grade,
    log_odds: latest.log_odds,
    base_rate: model[0]?.base_rate ?? sigmoid(baseLogOdds),
    base_log_odds: baseLogOdds,
    interval: latest.interval_low === null || latest.interval_high === null ? null : { low: latest.interval_low, high: latest.interval_high },
    scored_at: latest.scored_at,
    reasons,
    history: rows.map((r) => ({ score: r.score, grade: r.grade, model_version: r.model_version, scored_at: r.scored_at })),
  };
}

export interface ListScoresQuery {
  grade?: string;
  ownerId?: string;
  limit?: number;
  offset?: number;
}

/** The actor's visible leads with a latest score, best first. */
export async function listLeadScores(db: Db, actor: Actor, q: ListScoresQuery): Promise<{ data: unknown[]; total: number }> {
  const params: unknown[] = [];
  const scope = scopePredicate(ENTITIES.leads, actor, 'l', 1);
  params.push(...scope.params);
  const where = [scope.sql];
  if (q.grade) (params.push(q.grade), where.push(`s.grade = $${params.length}`));
  if (q.ownerId) (params.push(q.ownerId), where.push(`l.owner_id = $${params.length}`));
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 1000);
  const offset = Math.max(q.offset ?? 0, 0);
  const from = `FROM lead_scores s JOIN leads l ON l.id = s.lead_id WHERE s.latest AND ${where.join(' AND ')}`;
  const [page, count] = await Promise.all([
    db.query<{ reasons: ReasonCode[] } & Record<string, unknown>>(
      `SELECT s.lead_id, l.name, l.company, l.status, l.owner_id, u.name AS owner_name, s.score, s.grade, s.model_version, s.scored_at,
              jsonb_path_query_array(s.reasons, '$[0 to 2]') AS top_reasons
         ${from.replace('JOIN leads l ON l.id = s.lead_id', 'JOIN leads l ON l.id = s.lead_id LEFT JOIN users u ON u.id = l.owner_id')}
        ORDER BY s.score DESC, s.lead_id LIMIT ${limit} OFFSET ${offset}`,
      params,
    ),
    // Without a scope or owner filter the leads table is not needed to count (a join of every row is slow on PGlite).
    scope.sql === 'TRUE' && !q.ownerId
      ? db.query<{ n: number }>(`SELECT count(*)::int AS n FROM lead_scores s WHERE s.latest${q.grade ? ' AND s.grade = $1' : ''}`, q.grade ? [q.grade] : [])
      : db.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, params),
  ]);
  return { data: page.rows, total: count.rows[0].n };
}
