// Next-best-action: learn a conservative policy from logged deal histories, evaluate it off-policy
// against what reps did, store it in the model registry, and recommend actions for open deals.
import { render, type Locale, type Text } from '../../core/i18n.ts';
import { actionLabel, msg, taskTitleText } from './messages.ts';
import { ForbiddenError, InputError, NotFoundError } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import { upliftOf, upliftSe } from '../../ml/rl/fitted-q.ts';
import type { Episode } from '../../ml/rl/mdp.ts';
import { crossFittedEvaluation, learnPolicy } from '../../ml/rl/offline-policy.ts';
import type { OffPolicyEvaluation } from '../../ml/rl/ope.ts';
import type { Actor } from '../crm/access.ts';
import { writeAudit } from '../crm/audit.ts';
import { allDealHistories, isClosed, loadDealHistories, type DealHistory } from '../best-practices/deal-history.ts';
import { dealEpisode, NBA_ACTIONS, REWARD_KINDS, rewardSpec, sizeCuts, stateAt, WIN_REWARD, type NbaState, type RewardKind, type RewardSpec } from './mdp.ts';

export const MODEL_KIND = 'next-best-action';
/** Logged cases of an action in a state before it may be recommended. */
export const MIN_SUPPORT = 20;
const Z = 1.96;

interface Artifact {
  sizeCuts: [number, number];
  /** state → action → [n, mean return, standard error] */
  table: Record<string, Record<string, [number, number, number]>>;
  preferred: Record<string, string>;
  /** Absent in models trained before the reward option: a win reward. */
  reward?: RewardSpec;
}

/** The reward unit in words, for reports and API answers. */
export function rewardInfo(spec: RewardSpec) {
  return spec.kind === 'win'
    ? { kind: spec.kind, unit: msg('nba.reward.win') as Text | string, scale: 1, cap: 1 }
    : {
      kind: spec.kind, scale: round(spec.scale, 2), cap: spec.cap,
      unit: msg('nba.reward.value', { scale: String(round(spec.scale, 2)), cap: String(spec.cap) }) as Text | string,
    };
}

export function parseRewardKind(value: unknown, column = 'reward'): RewardKind {
  if (value === undefined || value === null) return 'win';
  if (typeof value === 'string' && (REWARD_KINDS as readonly string[]).includes(value)) return value as RewardKind;
  throw new InputError(`unknown reward "${String(value)}"`, [{ column, value, reason: `must be one of ${REWARD_KINDS.join(', ')}` }]);
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
const interval = (i: { value: number; ci: [number, number] }) => ({ value: round(i.value), ci: [round(i.ci[0]), round(i.ci[1])] as [number, number] });

export function evaluationJson(e: OffPolicyEvaluation) {
  return {
    held_out_episodes: e.episodes,
    behaviour: interval(e.behaviour),
    policy: { is: interval(e.is), wis: interval(e.wis), dr: interval(e.dr) },
    uplift_dr: interval(e.upliftDr),
    uplift_wis: interval(e.upliftWis),
    effective_sample_size: Math.round(e.effectiveSampleSize),
    max_weight: round(e.maxWeight, 2),
    method: msg('nba.method'),
  };
}

export function buildEpisodes(deals: readonly DealHistory[], kind: RewardKind = 'win') {
  const closed = deals.filter(isClosed);
  const cuts = sizeCuts(closed);
  const reward = rewardSpec(kind, closed);
  const episodes = deals.map((d) => dealEpisode(d, cuts, reward)).filter((e): e is Episode => e !== null);
  return { cuts, episodes, reward };
}

export async function trainNba(db: Db, actor: Actor | null, options: { resamples?: number; seed?: number; reward?: RewardKind } = {}) {
  if (actor && actor.role === 'rep') throw new ForbiddenError('only managers and admins can train the policy');
  const kind = parseRewardKind(options.reward);
  const started = performance.now();
  const { cuts, episodes, reward } = buildEpisodes(await allDealHistories(db), kind);
  if (episodes.length < 50) throw new InputError(`too few closed deals to learn from (${episodes.length}; need at least 50)`, [{ column: 'opportunities', value: episodes.length, reason: 'need ≥ 50 won or lost deals with history' }]);
  const evaluation = { reward: rewardInfo(reward), ...evaluationJson(crossFittedEvaluation(episodes, { minSupport: MIN_SUPPORT, z: Z, seed: options.seed ?? 1, resamples: options.resamples ?? 500 })) };
  const learned = learnPolicy(episodes, { minSupport: MIN_SUPPORT, z: Z });
  const table: Artifact['table'] = {};
  for (const [s, qs] of learned.qBehaviour.q) {
    table[s] = {};
    for (const [a, q] of qs) table[s][a] = [learned.qBehaviour.n.get(s)!.get(a)!, round(q, 5), round(learned.qBehaviour.se.get(s)!.get(a)!, 5)];
  }
  const artifact: Artifact = { sizeCuts: cuts, table, preferred: Object.fromEntries(learned.improved.preferred), reward };
  const metrics = { episodes: episodes.length, states: learned.qBehaviour.q.size, ...evaluation };
  const id = await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ v: number }>('SELECT coalesce(max(version), 0) + 1 AS v FROM models WHERE kind = $1', [MODEL_KIND]);
    await tx.query('UPDATE models SET active = false WHERE kind = $1 AND active', [MODEL_KIND]);
    const ins = await tx.query<{ id: string }>(
      `INSERT INTO models (kind, version, params, metrics, artifact, active, notes, created_by) VALUES ($1, $2, $3, $4, $5, true, $6, $7) RETURNING id`,
      [MODEL_KIND, rows[0].v, JSON.stringify({ min_support: MIN_SUPPORT, z: Z, step: 0.5, state: 'stage|age|since_last|size', actions: NBA_ACTIONS, reward: reward.kind, reward_scale: reward.scale, reward_cap: reward.cap }), JSON.stringify(metrics), JSON.stringify(artifact),
        'Conservative one-step policy improvement over the estimated behaviour policy (Monte Carlo Q).', actor?.id ?? null],
    );
    return { id: ins.rows[0].id, version: rows[0].v };
  });
  await writeAudit(db, actor, { action: 'create', entity: 'models', entityId: id.id, detail: { kind: MODEL_KIND, version: id.version } });
  return { model_id: id.id, version: id.version, reward: rewardInfo(reward), episodes: episodes.length, states: learned.qBehaviour.q.size, deviating_states: learned.improved.preferred.size, seconds: round((performance.now() - started) / 1000, 2), evaluation };
}

async function activeModel(db: Db) {
  const { rows } = await db.query<{ id: string; version: number; metrics: Record<string, unknown>; artifact: Artifact; created_at: Date }>(
    'SELECT id, version, metrics, artifact, created_at FROM models WHERE kind = $1 AND active', [MODEL_KIND],
  );
  if (!rows[0]) throw new NotFoundError('no next-best-action model yet: train one (POST /api/v1/next-best-action/train or `salesbloom nba train`)');
  return rows[0];
}

export async function latestEvaluation(db: Db) {
  const m = await activeModel(db);
  return { model_id: m.id, version: m.version, trained_at: new Date(m.created_at).toISOString(), reward: rewardInfo(m.artifact.reward ?? WIN_REWARD), ...m.metrics };
}

export interface Recommendation {
  opportunity_id: string;
  state: NbaState;
  /** `label` is the action's name in the reader's language. */
  actions: { action: string; label: Text | string; expected_uplift: number | null; ci: [number, number] | null; support: number; supported: boolean }[];
  recommended: string | null;
  recommended_label: Text | string | null;
  /** Why nothing is recommended (rendered in the reader's language). */
  note: Text | null;
  /** The unit of expected_uplift and ci (for 'value': multiply by reward.scale for currency). */
  reward: ReturnType<typeof rewardInfo>;
  model: { id: string; version: number };
}

/** Recommendations for an open deal the caller has already been allowed to see. */
export async function recommend(db: Db, opportunityId: string, options: { now?: number } = {}): Promise<Recommendation> {
  const m = await activeModel(db);
  const [deal] = await loadDealHistories(db, { ids: [opportunityId] });
  if (!deal) throw new NotFoundError('no such opportunity');
  if (isClosed(deal)) throw new InputError('the opportunity is closed; next-best-action is for open deals', [{ column: 'stage', value: deal.stage, reason: 'must be an open stage' }]);
  const state = stateAt(deal, options.now ?? Date.now(), m.artifact.sizeCuts);
  const row = m.artifact.table[state.key] ?? {};
  const q = new Map(Object.entries(row).map(([a, v]) => [a, v[1]]));
  const se = new Map(Object.entries(row).map(([a, v]) => [a, v[2]]));
  const n = new Map(Object.entries(row).map(([a, v]) => [a, v[0]]));
  const total = [...n.values()].reduce((a, b) => a + b, 0);
  const actions = NBA_ACTIONS.map((action) => {
    const support = n.get(action) ?? 0;
    const supported = support >= MIN_SUPPORT;
    const label = actionLabel(action);
    if (!supported) return { action, label, expected_uplift: null, ci: null, support, supported };
    const u = upliftOf(q, se, n, total, action, q.get(action)!);
    const s = upliftSe(se, n, total, action);
    return { action, label, expected_uplift: round(u), ci: [round(u - Z * s), round(u + Z * s)] as [number, number], support, supported };
  }).sort((a, b) => (b.expected_uplift ?? -Infinity) - (a.expected_uplift ?? -Infinity) || b.support - a.support);
  const recommended = m.artifact.preferred[state.key] ?? null;
  let note: Text | null = null;
  if (total < MIN_SUPPORT) note = msg('nba.note.tooFew', { total: String(total), needed: String(MIN_SUPPORT) });
  else if (!recommended) note = msg('nba.note.noBetter');
  return { opportunity_id: opportunityId, state, actions, recommended, recommended_label: recommended ? actionLabel(recommended) : null, note, reward: rewardInfo(m.artifact.reward ?? WIN_REWARD), model: { id: m.id, version: m.version } };
}

/** A task's title in the locale of the user who creates it (tasks are CRM records: stored as plain text). */
export function taskTitle(action: string, dealName: string | null, locale: Locale = 'en'): string {
  return render(taskTitleText(action, dealName), locale);
}
