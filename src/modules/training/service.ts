// Training plans: from a rep's largest competency gaps, concrete steps (articles to read,
// exemplary calls and e-mails from the team's top performers on similar deals, practice), spread
// over weeks; each step is a task, done when its task is done; the targeted KPIs before and after.
import { InputError, NotFoundError } from '../../core/errors.ts';
import { render, type Text } from '../../core/i18n.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../crm/access.ts';
import { writeAudit } from '../crm/audit.ts';
import { loadEvidence } from '../competency/evidence.ts';
import { computeRepMetrics } from '../competency/metrics.ts';
import { parsePeriod } from '../competency/period.ts';
import { requireVisible, storedOrCompute, visibleUsers, type Scorecard } from '../competency/service.ts';
import { createTask } from '../tasks/service.ts';
import { localizeStep, msg, practiceFor, TITLE_TEXT } from './messages.ts';

const DAY = 86_400_000;
/** The "after" KPIs wait for this much history since the plan started. */
export const AFTER_MIN_DAYS = 14;

const ARTICLE_TERMS: Record<string, string[]> = {
  discovery: ['discovery', 'question', 'needs', '需求'],
  objection_handling: ['objection', 'competitor', '异议'],
  product_knowledge: ['product', 'faq', 'pricing', '产品'],
  closing: ['closing', 'negotiation', 'pricing', 'discount'],
  communication: ['email', 'template', 'call', 'communication'],
  pipeline_discipline: ['pipeline', 'follow', 'process', 'forecast'],
  collaboration: ['playbook', 'team', 'executive'],
};


export interface PlanStep {
  id: string; position: number; week: number; competency: string; kind: string; title: Text | string;
  ref: Record<string, unknown>; due_at: string | null; task_id: string | null; status: string;
}

async function canSee(db: Db, actor: Actor, userId: string) {
  await requireVisible(db, actor, userId);
}

export async function createPlan(db: Db, actor: Actor, body: { user_id: string; period?: string; weeks?: number; gaps?: number }, options: { now?: number } = {}) {
  await canSee(db, actor, body.user_id);
  const weeks = body.weeks ?? 6;
  const gapCount = body.gaps ?? 3;
  if (!Number.isInteger(weeks) || weeks < 2 || weeks > 26) throw new InputError('weeks must be 2–26', [{ column: 'weeks', value: body.weeks, reason: 'an integer from 2 to 26' }]);
  if (!Number.isInteger(gapCount) || gapCount < 1 || gapCount > 7) throw new InputError('gaps must be 1–7', [{ column: 'gaps', value: body.gaps, reason: 'an integer from 1 to 7' }]);
  const now = options.now ?? Date.now();
  const period = parsePeriod(body.period, now);
  const { rows: reps } = await db.query<{ id: string }>(`SELECT id FROM users WHERE role = 'rep' AND active`);
  const cards = await storedOrCompute(db, reps.map((r) => r.id), period.key, now);
  const card = cards.get(body.user_id);
  if (!card) throw new InputError('training plans are for active reps', [{ column: 'user_id', value: body.user_id, reason: 'not an active rep' }]);
  const gaps = card.scores.filter((s) => s.score !== null).sort((a, b) => a.score! - b.score!).slice(0, gapCount);
  if (gaps.length === 0) throw new InputError('the rep has no scored competencies in this period: nothing to plan from', [{ column: 'period', value: period.key, reason: 'no evidence' }]);
  const startsAt = now;
  const steps: Omit<PlanStep, 'id' | 'task_id' | 'status'>[] = [];
  for (const [g, gap] of gaps.entries()) {
    const week = (w: number) => Math.min(weeks, w + g);
    const add = (kind: string, w: number, title: Text, ref: Record<string, unknown>) =>
      steps.push({ position: steps.length + 1, week: week(w), competency: gap.competency, kind, title, ref, due_at: new Date(startsAt + week(w) * 7 * DAY).toISOString() });
    for (const a of await articlesFor(db, gap.competency)) add('read', 1, msg('training.step.read', { title: a.title }), { article_id: a.id });
    const top = topPerformer(cards, gap.competency, body.user_id);
    if (top) {
      const call = await exemplar(db, top.user_id, body.user_id, 'call');
      if (call) add('study_call', 2, msg('training.step.studyCall', { name: top.name, subject: call.subject ?? msg('training.recordedCall') }), { activity_id: call.id, opportunity_id: call.opportunity_id, from_user_id: top.user_id });
      const mail = await exemplar(db, top.user_id, body.user_id, 'email');
      if (mail) add('study_email', 2, msg('training.step.studyEmail', { name: top.name, subject: mail.subject ?? msg('training.email') }), { activity_id: mail.id, opportunity_id: mail.opportunity_id, from_user_id: top.user_id });
    }
    add('practice', 3, msg('training.step.practice', { competency: gap.label, what: practiceFor(gap.competency) ?? gap.to_raise ?? msg('training.applyStudied') }), { to_raise: gap.to_raise });
  }
  const baseline = gaps.flatMap((g) => g.evidence.map((e) => ({ competency: g.competency, metric: e.metric, label: e.label, before: e.value, team_median: e.team_median })));
  const planId = await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO training_plans (user_id, created_by, period, gaps, baseline, starts_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [body.user_id, actor.id, period.key, JSON.stringify(gaps.map((g) => ({ competency: g.competency, label: g.label, score: g.score, percentile: g.percentile, to_raise: g.to_raise }))),
        JSON.stringify(baseline), new Date(startsAt).toISOString()],
    );
    const id = rows[0].id;
    for (const s of steps) {
      const task = await createTask(tx, actor, {
        title: s.title, ownerId: body.user_id, dueAt: s.due_at, source: 'training-plan', sourceKey: `${id}:${s.position}`,
        opportunityId: (s.ref.opportunity_id as string | undefined) ?? null, attributes: { plan_id: id, competency: s.competency, kind: s.kind },
      });
      await tx.query(
        `INSERT INTO training_plan_steps (plan_id, position, week, competency, kind, title, ref, due_at, task_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        // The title column holds the English; the ref keeps the Text for readers of either language.
        [id, s.position, s.week, s.competency, s.kind, render(s.title, 'en'), JSON.stringify({ ...s.ref, [TITLE_TEXT]: s.title }), s.due_at, task.id],
      );
    }
    await writeAudit(tx, actor, { action: 'create', entity: 'training_plans', entityId: id, detail: { user_id: body.user_id, steps: steps.length } });
    return id;
  });
  return getPlan(db, actor, planId, { now, audit: false });
}

async function articlesFor(db: Db, competency: string) {
  const terms = ARTICLE_TERMS[competency] ?? [competency];
  const { rows } = await db.query<{ id: string; title: string }>(
    `SELECT id, title FROM knowledge_articles WHERE status = 'published'
       AND (tags && $1::text[] OR EXISTS (SELECT 1 FROM unnest($1::text[]) t WHERE lower(title) LIKE '%' || t || '%'))
     ORDER BY (language = 'en') DESC NULLS LAST, updated_at DESC, id LIMIT 2`,
    [terms],
  );
  return rows;
}

function topPerformer(cards: Map<string, Scorecard>, competency: string, except: string) {
  let best: { user_id: string; name: string; score: number } | null = null;
  for (const c of cards.values()) {
    if (c.user_id === except) continue;
    const s = c.scores.find((x) => x.competency === competency)?.score;
    if (s !== null && s !== undefined && (!best || s > best.score)) best = { user_id: c.user_id, name: c.name, score: s };
  }
  return best;
}

/** A won deal's call or e-mail by the top performer, preferring the product the rep sells most. */
async function exemplar(db: Db, from: string, forRep: string, type: 'call' | 'email') {
  const { rows } = await db.query<{ id: string; subject: string | null; opportunity_id: string }>(
    `WITH mine AS (SELECT product_id FROM opportunities WHERE owner_id = $2 AND product_id IS NOT NULL GROUP BY product_id ORDER BY count(*) DESC LIMIT 1)
     SELECT a.id, a.subject, a.opportunity_id FROM activities a JOIN opportunities o ON o.id = a.opportunity_id
     WHERE a.owner_id = $1 AND a.type = $3 AND a.status = 'done' AND o.stage = 'won'
       AND ($3 <> 'call' OR a.transcript IS NOT NULL) AND ($3 <> 'email' OR a.direction = 'outbound')
     ORDER BY (o.product_id IN (SELECT product_id FROM mine)) DESC, a.occurred_at DESC, a.id LIMIT 1`,
    [from, forRep, type],
  );
  return rows[0] ?? null;
}

export async function getPlan(db: Db, actor: Actor, id: string, options: { now?: number; audit?: boolean; requestId?: string } = {}) {
  const { rows } = await db.query<{ id: string; user_id: string; created_by: string | null; period: string; status: string; gaps: unknown; baseline: { competency: string; metric: string; label: Text | string; before: number | null; team_median: number | null }[]; starts_at: Date; created_at: Date }>(
    'SELECT * FROM training_plans WHERE id = $1', [id],
  );
  const plan = rows[0];
  if (!plan) throw new NotFoundError('no such training plan');
  const visible = await visibleUsers(db, actor);
  if (visible && !visible.has(plan.user_id)) throw new NotFoundError('no such training plan');
  const steps = (await db.query<PlanStep>(
    `SELECT s.id, s.position, s.week, s.competency, s.kind, s.title, s.ref, s.due_at, s.task_id, coalesce(t.status, 'cancelled') AS status
     FROM training_plan_steps s LEFT JOIN tasks t ON t.id = s.task_id WHERE s.plan_id = $1 ORDER BY s.position`, [id],
  )).rows.map((s) => localizeStep({ ...s, due_at: s.due_at ? new Date(s.due_at).toISOString() : null }));
  const done = steps.filter((s) => s.status === 'done').length;
  const now = options.now ?? Date.now();
  const start = new Date(plan.starts_at).getTime();
  let after: Map<string, number | null> | null = null;
  if (now - start >= AFTER_MIN_DAYS * DAY) {
    const window = { from: start, to: now };
    const metrics = computeRepMetrics({ ...(await loadEvidence(db, [window])), ...window }, [plan.user_id]).get(plan.user_id)!;
    after = new Map(Object.entries(metrics).map(([k, v]) => [k, v.value]));
  }
  if (options.audit !== false) await writeAudit(db, actor, { action: 'read', entity: 'training_plans', entityId: id, requestId: options.requestId });
  const r = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 1000) / 1000);
  return {
    id: plan.id, user_id: plan.user_id, created_by: plan.created_by, period: plan.period,
    status: steps.length > 0 && done === steps.length ? 'completed' : plan.status,
    starts_at: new Date(plan.starts_at).toISOString(), created_at: new Date(plan.created_at).toISOString(), gaps: plan.gaps, steps,
    progress: { done, total: steps.length },
    kpis: plan.baseline.map((b) => {
      const a = after?.get(b.metric) ?? null;
      return { competency: b.competency, metric: b.metric, label: b.label, before: r(b.before), team_median: r(b.team_median), after: r(a), change: a !== null && b.before !== null ? r(a - b.before) : null };
    }),
    after_available_from: new Date(start + AFTER_MIN_DAYS * DAY).toISOString(),
  };
}

export async function listPlans(db: Db, actor: Actor, userId?: string) {
  const visible = await visibleUsers(db, actor);
  if (userId && visible && !visible.has(userId)) return [];
  const { rows } = await db.query<{ id: string; user_id: string; status: string; period: string; created_at: Date; done: number; total: number }>(
    `SELECT p.id, p.user_id, p.status, p.period, p.created_at,
            count(*) FILTER (WHERE t.status = 'done')::int AS done, count(s.id)::int AS total
     FROM training_plans p LEFT JOIN training_plan_steps s ON s.plan_id = p.id LEFT JOIN tasks t ON t.id = s.task_id
     WHERE ($1::uuid IS NULL OR p.user_id = $1) GROUP BY p.id ORDER BY p.created_at DESC, p.id`,
    [userId ?? null],
  );
  return rows.filter((p) => !visible || visible.has(p.user_id)).map((p) => ({
    id: p.id, user_id: p.user_id, period: p.period, status: p.total > 0 && p.done === p.total ? 'completed' : p.status,
    created_at: new Date(p.created_at).toISOString(), progress: { done: p.done, total: p.total },
  }));
}
