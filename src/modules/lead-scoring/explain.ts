// Turning a scorer's explanation into what people read: reason codes in plain words with points,
// the grade from the model's current cut-offs, and an interval when the model is low-confidence.
import type { Text } from '../../core/i18n.ts';
import { isMissing, naSet, type RawRecord } from '../../ml/features/infer.ts';
import { sigmoid } from '../../ml/linear/logistic.ts';
import type { Grade } from '../../ml/metrics/classification.ts';
import { gradeWith } from './model-store.ts';
import { msg } from './messages.ts';
import { plainName, plainValue } from './records.ts';
import { explainRecord, prepareMatrix, scoreIntervals, type LeadScorer } from './scorer.ts';

export interface ReasonCode {
  code: string;
  /** Plain words, e.g. "Lead source: Referral", as a Text rendered in the reader's language (old rows: a string). */
  label: Text | string;
  column: string;
  direction: 'up' | 'down';
  /** Log-odds; all of a score's reasons sum to log_odds − base_log_odds. */
  contribution: number;
  /** contribution × 10, rounded to 0.1. */
  points: number;
}

export interface ScoreResult {
  score: number;
  grade: Grade;
  log_odds: number;
  base_log_odds: number;
  base_rate: number;
  reasons: ReasonCode[];
  interval: { low: number; high: number } | null;
}

function describe(scorer: LeadScorer, column: string, value: RawRecord[string]): Text {
  const field = plainName(column);
  const enc = scorer.pipeline.encoders.find((e) => e.column === column);
  if (isMissing(value, naSet(scorer.pipeline.naValues))) return msg('score.reason.unknown', { field });
  if (enc?.kind === 'text') return msg('score.reason.text', { field });
  if (typeof value === 'number') return msg('score.reason.value', { field, value: String(Number.isInteger(value) ? value : value.toFixed(1)) });
  const s = String(value).trim();
  const pooled = enc?.kind === 'categorical' && !enc.levels.includes(s);
  const shown = plainValue(column, s.length > 60 ? `${s.slice(0, 57)}…` : s);
  return msg(pooled ? 'score.reason.rare' : 'score.reason.value', { field, value: shown });
}

export function baseRateOf(scorer: LeadScorer): number {
  return scorer.training.rows > 0 ? scorer.training.positives / scorer.training.rows : sigmoid(scorer.baseLogOdds);
}

export function explainLead(scorer: LeadScorer, cutoffs: readonly [number, number, number], record: RawRecord, withInterval = true): ScoreResult {
  const ex = explainRecord(scorer, record);
  const reasons = ex.reasons.map((r) => ({
    code: r.column,
    label: describe(scorer, r.column, record[r.column]),
    column: r.column,
    direction: r.contribution >= 0 ? ('up' as const) : ('down' as const),
    contribution: r.contribution,
    points: Math.round(r.contribution * 100) / 10,
  }));
  let interval: ScoreResult['interval'] = null;
  if (withInterval && scorer.bootstrap.length > 0) {
    const iv = scoreIntervals(scorer, prepareMatrix(scorer, [record]));
    if (iv) interval = { low: iv.low[0], high: iv.high[0] };
  }
  return {
    score: ex.probability,
    grade: gradeWith(ex.probability, cutoffs),
    log_odds: ex.logOdds,
    base_log_odds: ex.baseLogOdds,
    base_rate: baseRateOf(scorer),
    reasons,
    interval,
  };
}
