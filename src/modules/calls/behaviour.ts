// Conversation behaviours per rep and period, and which of them go with won deals. The outcome
// analysis uses one row per closed opportunity (its calls' behaviours averaged), so several calls
// on one deal do not count as independent evidence.
import { render } from '../../core/i18n.ts';
import { msg } from './messages.ts';
import type { Db } from '../../db/client.ts';
import { InputError } from '../../core/errors.ts';
import { analyzeBehaviourOutcomes } from '../../ml/conversation/outcome.ts';
import { scopePredicate, type Actor } from '../crm/access.ts';
import { ENTITIES } from '../crm/entities.ts';

type Row = Record<string, any>;

/** Per-call behaviours used for aggregates and outcomes (names are the API's). */
/** The outcome analysis's note for a constant behaviour (src/ml writes it in English). */
const CONSTANT_EN = render(msg('calls.outcome.constant'), 'en');

export function behavioursOf(m: Row): Record<string, number> {
  const t = m.trackers ?? {};
  return {
    talk_ratio: m.talk_ratio,
    questions: m.questions.total,
    open_questions: m.questions.open,
    longest_monologue: m.longest_monologue.length,
    interruptions: m.interruptions.by_rep,
    customer_sentiment: m.sentiment.customer,
    customer_trend: m.sentiment.customer_trend,
    pricing: t.pricing ?? 0,
    competitors: t.competitors ?? 0,
    objections: t.objections ?? 0,
    next_steps: t['next-steps'] ?? 0,
  };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const r3 = (x: number) => Math.round(x * 1000) / 1000;

function summarise(rows: Row[]): Row {
  const b = rows.map((r) => behavioursOf(r.metrics));
  const avg = (k: string) => r3(mean(b.map((x) => x[k])));
  const trackerRate: Record<string, number> = {};
  for (const k of ['pricing', 'competitors', 'objections', 'next_steps']) trackerRate[k] = r3(b.filter((x) => x[k] > 0).length / Math.max(1, b.length));
  return {
    calls: rows.length, talk_ratio: avg('talk_ratio'), questions_per_call: avg('questions'), open_questions_per_call: avg('open_questions'),
    longest_monologue: avg('longest_monologue'), interruptions_per_call: avg('interruptions'), customer_sentiment: avg('customer_sentiment'), tracker_rate: trackerRate,
  };
}

export interface BehaviourQuery {
  ownerId?: string;
  teamId?: string;
  period?: 'week' | 'month' | 'quarter';
  from?: string;
  to?: string;
  permutations?: number;
}

export async function behaviourReport(db: Db, actor: Actor, q: BehaviourQuery): Promise<Row> {
  const period = q.period ?? 'month';
  if (!['week', 'month', 'quarter'].includes(period)) throw new InputError('period must be week, month or quarter', [{ column: 'period', value: period, reason: 'must be week, month or quarter' }]);
  for (const [column, v] of [['from', q.from], ['to', q.to]] as const) {
    if (v !== undefined && Number.isNaN(Date.parse(v))) throw new InputError(`${column} is not a date`, [{ column, value: v, reason: 'must be a date like 2026-01-31' }]);
  }
  const scope = scopePredicate(ENTITIES.activities, actor, 'a', 5);
  const { rows } = await db.query<Row>(
    `SELECT a.owner_id, u.name AS owner_name, a.opportunity_id, o.stage, c.metrics, date_trunc('${period}', a.occurred_at) AS period
     FROM call_analyses c JOIN activities a ON a.id = c.activity_id
     LEFT JOIN users u ON u.id = a.owner_id LEFT JOIN opportunities o ON o.id = a.opportunity_id
     WHERE ($1::uuid IS NULL OR a.owner_id = $1) AND ($2::uuid IS NULL OR u.team_id = $2)
       AND ($3::timestamptz IS NULL OR a.occurred_at >= $3) AND ($4::timestamptz IS NULL OR a.occurred_at < $4) AND ${scope.sql}
     ORDER BY a.occurred_at LIMIT 50000`,
    [q.ownerId ?? null, q.teamId ?? null, q.from ?? null, q.to ?? null, ...scope.params],
  );

  const byOwner = new Map<string, Row[]>();
  for (const r of rows) byOwner.set(String(r.owner_id), [...(byOwner.get(String(r.owner_id)) ?? []), r]);
  const reps = [...byOwner.values()].map((rs) => {
    const deals = new Map(rs.filter((r) => r.opportunity_id).map((r) => [String(r.opportunity_id), r.stage]));
    return { owner_id: rs[0].owner_id, owner_name: rs[0].owner_name, ...summarise(rs), won: [...deals.values()].filter((s) => s === 'won').length, lost: [...deals.values()].filter((s) => s === 'lost').length };
  });

  const byPeriod = new Map<string, Row[]>();
  for (const r of rows) {
    const key = `${new Date(r.period).toISOString().slice(0, 10)}|${r.owner_id}`;
    byPeriod.set(key, [...(byPeriod.get(key) ?? []), r]);
  }
  const periods = [...byPeriod.entries()].map(([key, rs]) => {
    const s = summarise(rs);
    return { period: key.split('|')[0], owner_id: rs[0].owner_id, calls: s.calls, talk_ratio: s.talk_ratio, questions_per_call: s.questions_per_call, customer_sentiment: s.customer_sentiment };
  });

  return { period, reps, periods, outcomes: outcomeRelations(rows, q.permutations ?? 1000) };
}

/** Behaviours averaged per closed opportunity, related to won (1) / lost (0). */
export function outcomeRelations(rows: Row[], permutations: number): Row {
  const deals = new Map<string, { won: number; behaviours: Record<string, number>[] }>();
  for (const r of rows) {
    if (!r.opportunity_id || (r.stage !== 'won' && r.stage !== 'lost')) continue;
    const d = deals.get(String(r.opportunity_id)) ?? { won: r.stage === 'won' ? 1 : 0, behaviours: [] };
    d.behaviours.push(behavioursOf(r.metrics));
    deals.set(String(r.opportunity_id), d);
  }
  const list = [...deals.values()];
  const won = list.filter((d) => d.won).length;
  if (list.length < 10 || won === 0 || won === list.length) {
    return { n: list.length, outcome: 'won', effects: [], note: msg('calls.outcome.tooFew', { n: list.length, won }) };
  }
  const names = Object.keys(list[0].behaviours[0]);
  const behaviours: Record<string, number[]> = {};
  for (const name of names) behaviours[name] = list.map((d) => mean(d.behaviours.map((b) => b[name])));
  const analysis = analyzeBehaviourOutcomes(behaviours, list.map((d) => d.won), { permutations, seed: 1, outcomeKind: 'binary' });
  return {
    n: analysis.n,
    outcome: 'won',
    confidence: analysis.confidence,
    permutations: analysis.permutations,
    note: msg('calls.outcome.note'),
    effects: analysis.effects.map((e) => ({
      behaviour: e.behaviour, effect: r3(e.effect), ci: e.ci.map(r3), odds_ratio: e.oddsRatio === undefined ? null : r3(e.oddsRatio),
      odds_ratio_ci: e.oddsRatioCi ? e.oddsRatioCi.map(r3) : null, correlation: r3(e.correlation), p_value: r3(e.pPermutation), q_value: r3(e.qValue),
      significant: e.significant, mean: r3(e.mean), sd: r3(e.sd), ...(e.note ? { note: e.note === CONSTANT_EN ? msg('calls.outcome.constant') : e.note } : {}),
    })),
  };
}
