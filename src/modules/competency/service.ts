// Competency assessment: the editable model, scorecards per rep and period (rubric or, where
// managers have rated enough reps, a supervised model), persisted, access-checked and audited.
import { ForbiddenError, NotFoundError } from '../../core/errors.ts';
import type { Text } from '../../core/i18n.ts';
import type { Db } from '../../db/client.ts';
import { assignableOwners, type Actor } from '../crm/access.ts';
import { writeAudit } from '../crm/audit.ts';
import { allDealHistories } from '../best-practices/deal-history.ts';
import { loadEvidence, loadReps, type Rep } from './evidence.ts';
import { computeRepMetrics, METRICS, type RepMetrics } from './metrics.ts';
import { DEFAULT_MODEL, validateModel, type CompetencyDef } from './model.ts';
import { parsePeriod, previousPeriod, type Period } from './period.ts';
import { metricStats, percentileOf, scoreCompetencies, type CompetencyScore } from './scoring.ts';
import { fitRatingModels, type RatingModelInfo } from './supervised.ts';

export interface ScoreLine extends Omit<CompetencyScore, 'z'> { percentile: number | null; team_percentile: number | null; trend: number | null; method: 'rubric' | 'supervised' }

export interface Scorecard {
  user_id: string;
  name: string;
  team_id: string | null;
  team: string | null;
  period: string;
  from: string;
  to: string;
  method: 'rubric' | 'supervised';
  overall: number | null;
  overall_percentile: number | null;
  overall_team_percentile: number | null;
  overall_trend: number | null;
  scores: ScoreLine[];
  metrics: Record<string, number | null>;
  model: { kind: 'rubric' | 'supervised'; supervised: RatingModelInfo[] };
  computed_at: string;
}

export async function currentModel(db: Db): Promise<{ version: number; updated_at: string | null; competencies: CompetencyDef[]; metrics: { metric: string; label: Text | string; source: string }[] }> {
  const { rows } = await db.query<{ version: number; competencies: CompetencyDef[]; updated_at: Date }>(
    'SELECT version, competencies, updated_at FROM competency_models ORDER BY version DESC LIMIT 1',
  );
  const metrics = Object.entries(METRICS).map(([metric, m]) => ({ metric, label: m.label, source: m.source }));
  if (!rows[0]) return { version: 0, updated_at: null, competencies: DEFAULT_MODEL, metrics };
  return { version: rows[0].version, updated_at: new Date(rows[0].updated_at).toISOString(), competencies: rows[0].competencies, metrics };
}

export function requireManager(actor: Actor): void {
  if (actor.role === 'rep') throw new ForbiddenError('only managers and admins can do this');
}

export async function updateModel(db: Db, actor: Actor, competencies: unknown) {
  requireManager(actor);
  const model = validateModel(competencies);
  const before = await currentModel(db);
  await db.query('INSERT INTO competency_models (version, competencies, updated_by) VALUES ($1, $2, $3)', [before.version + 1, JSON.stringify(model), actor.id]);
  await writeAudit(db, actor, { action: 'update', entity: 'competency_models', entityId: String(before.version + 1), before: before.competencies, after: model });
  return currentModel(db);
}

/** The user ids the actor may see assessments of (null = everyone). */
export async function visibleUsers(db: Db, actor: Actor): Promise<Set<string> | null> {
  return assignableOwners(db, actor);
}

export async function requireVisible(db: Db, actor: Actor, userId: string): Promise<void> {
  const visible = await visibleUsers(db, actor);
  if (visible && !visible.has(userId)) throw new NotFoundError('no such rep (or not yours to see)');
  const { rows } = await db.query('SELECT 1 FROM users WHERE id = $1', [userId]);
  if (!rows[0]) throw new NotFoundError('no such rep');
}

export interface ComputeOptions { now?: number }

/** Scorecards of every active rep for a period, normalised against all of them. */
export async function computeScorecards(db: Db, periodKey: string | undefined, options: ComputeOptions = {}): Promise<{ period: Period; cards: Scorecard[]; metrics: Map<string, RepMetrics> }> {
  const now = options.now ?? Date.now();
  const period = parsePeriod(periodKey, now);
  const previous = previousPeriod(period);
  const [reps, model, deals] = await Promise.all([loadReps(db), currentModel(db), allDealHistories(db)]);
  const evidence = await loadEvidence(db, [period, previous], deals);
  const ids = reps.map((r) => r.id);
  const current = computeRepMetrics({ ...evidence, from: period.from, to: period.to }, ids);
  const before = computeRepMetrics({ ...evidence, from: previous.from, to: previous.to }, ids);
  const ratingModels = await fitRatingModels(db, model.competencies, current, period.key);
  const score = (metrics: Map<string, RepMetrics>) => {
    const stats = metricStats([...metrics.values()]);
    return new Map(ids.map((id) => [id, scoreCompetencies(metrics.get(id)!, stats, model.competencies)]));
  };
  const now_ = score(current);
  const then = score(before);
  // Supervised predictions replace the rubric score where a rating model beat it in cross-validation.
  const supervised = new Set<string>();
  for (const rm of ratingModels) {
    if (!rm.used) continue;
    supervised.add(rm.competency);
    for (const id of ids) {
      const line = now_.get(id)!.find((s) => s.competency === rm.competency)!;
      const predicted = rm.predict(current.get(id)!);
      if (predicted !== null) line.score = Math.round(predicted);
    }
  }
  const overallOf = (lines: CompetencyScore[]) => {
    const xs = lines.map((l) => l.score).filter((x): x is number => x !== null);
    return xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : null;
  };
  const teamOf = new Map(reps.map((r) => [r.id, r.team_id]));
  const pct = (id: string, value: number | null, pick: (rep: string) => number | null, team: boolean) => {
    if (value === null) return null;
    const peers = ids.filter((o) => !team || teamOf.get(o) === teamOf.get(id)).map(pick).filter((x): x is number => x !== null);
    return percentileOf(value, peers);
  };
  const computedAt = new Date().toISOString();
  const cards = reps.map((rep: Rep): Scorecard => {
    const lines = now_.get(rep.id)!;
    const prev = then.get(rep.id)!;
    const overall = overallOf(lines);
    const prevOverall = overallOf(prev);
    const scoreOf = (c: string) => (o: string) => now_.get(o)!.find((l) => l.competency === c)!.score;
    const m = current.get(rep.id)!;
    return {
      user_id: rep.id, name: rep.name, team_id: rep.team_id, team: rep.team, period: period.key,
      from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString(),
      method: supervised.size ? 'supervised' : 'rubric',
      overall,
      overall_percentile: pct(rep.id, overall, (o) => overallOf(now_.get(o)!), false),
      overall_team_percentile: pct(rep.id, overall, (o) => overallOf(now_.get(o)!), true),
      overall_trend: overall !== null && prevOverall !== null ? overall - prevOverall : null,
      scores: lines.map((l, i) => ({
        competency: l.competency, label: l.label, score: l.score, method: supervised.has(l.competency) ? 'supervised' : 'rubric',
        percentile: pct(rep.id, l.score, scoreOf(l.competency), false),
        team_percentile: pct(rep.id, l.score, scoreOf(l.competency), true),
        trend: l.score !== null && prev[i].score !== null ? l.score - prev[i].score! : null,
        evidence: l.evidence, to_raise: l.to_raise,
      })),
      metrics: Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.value === null ? null : Math.round(v.value * 1000) / 1000])),
      model: { kind: supervised.size ? 'supervised' : 'rubric', supervised: ratingModels.map(({ predict: _predict, ...info }: { predict: unknown } & RatingModelInfo) => info) },
      computed_at: computedAt,
    };
  });
  return { period, cards, metrics: current };
}

async function persist(db: Db, cards: readonly Scorecard[]): Promise<void> {
  for (const c of cards) {
    await db.query(
      `INSERT INTO competency_assessments (user_id, period, method, overall, scorecard, computed_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (user_id, period) DO UPDATE SET method = EXCLUDED.method, overall = EXCLUDED.overall, scorecard = EXCLUDED.scorecard, computed_at = now()`,
      [c.user_id, c.period, c.method, c.overall, JSON.stringify(c)],
    );
  }
}

export async function assess(db: Db, actor: Actor, options: { period?: string; now?: number } = {}) {
  requireManager(actor);
  const started = performance.now();
  const { period, cards } = await computeScorecards(db, options.period, options);
  await db.transaction((tx) => persist(tx, cards));
  await writeAudit(db, actor, { action: 'create', entity: 'competency_assessments', detail: { period: period.key, reps: cards.length } });
  const visible = await visibleUsers(db, actor);
  const mine = cards.filter((c) => !visible || visible.has(c.user_id));
  return {
    period: period.key, assessed: cards.length, method: cards[0]?.method ?? 'rubric', seconds: Math.round((performance.now() - started) / 10) / 100,
    data: mine.map((c) => ({ user_id: c.user_id, name: c.name, team_id: c.team_id, team: c.team, overall: c.overall, overall_percentile: c.overall_percentile })),
  };
}

const RELATIVE_TTL_MS = 3_600_000;

/** Stored scorecards for a period, computing (and storing) them for everyone when missing or stale. */
export async function storedOrCompute(db: Db, userIds: readonly string[], periodKey: string | undefined, now?: number): Promise<Map<string, Scorecard>> {
  const period = parsePeriod(periodKey, now);
  const { rows } = await db.query<{ user_id: string; scorecard: Scorecard; computed_at: Date }>(
    'SELECT user_id, scorecard, computed_at FROM competency_assessments WHERE period = $1 AND user_id = ANY($2::uuid[])',
    [period.key, userIds],
  );
  const fresh = rows.filter((r) => !period.key.startsWith('last-') || Date.now() - new Date(r.computed_at).getTime() < RELATIVE_TTL_MS);
  if (fresh.length === userIds.length) return new Map(fresh.map((r) => [r.user_id, r.scorecard]));
  const { cards } = await computeScorecards(db, period.key, { now });
  await db.transaction((tx) => persist(tx, cards));
  return new Map(cards.map((c) => [c.user_id, c]));
}

export async function repScorecard(db: Db, actor: Actor, userId: string, options: { period?: string; now?: number; requestId?: string } = {}): Promise<Scorecard> {
  await requireVisible(db, actor, userId);
  const card = (await storedOrCompute(db, [userId], options.period, options.now)).get(userId);
  if (!card) throw new NotFoundError('this user is not an active rep; only reps are assessed');
  await writeAudit(db, actor, { action: 'read', entity: 'competency_assessments', entityId: userId, detail: { period: card.period }, requestId: options.requestId });
  return card;
}

export async function teamScorecards(db: Db, actor: Actor, teamId: string, options: { period?: string; now?: number; requestId?: string } = {}) {
  const { rows } = await db.query<{ manager_id: string | null }>('SELECT manager_id FROM teams WHERE id = $1', [teamId]);
  if (!rows[0] || (actor.role !== 'admin' && rows[0].manager_id !== actor.id)) throw new NotFoundError('no such team (or not yours)');
  const reps = (await loadReps(db)).filter((r) => r.team_id === teamId);
  const cards = reps.length ? await storedOrCompute(db, reps.map((r) => r.id), options.period, options.now) : new Map<string, Scorecard>();
  for (const r of reps) await writeAudit(db, actor, { action: 'read', entity: 'competency_assessments', entityId: r.id, detail: { period: parsePeriod(options.period, options.now).key, via: 'team' }, requestId: options.requestId });
  return { team_id: teamId, period: parsePeriod(options.period, options.now).key, data: reps.map((r) => cards.get(r.id)!).filter(Boolean) };
}
