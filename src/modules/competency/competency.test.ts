import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { TestDb } from '../../db/testing.ts';
import { render } from '../../core/i18n.ts';
import { spearman } from './scoring.ts';
import { computeScorecards, type Scorecard } from './service.ts';
import { DEMO_NOW, teamDemoDb } from './testing.ts';

let db: TestDb;
let cards: Scorecard[];
let truth: Record<string, number>[];
before(async () => {
  db = await teamDemoDb();
  ({ cards } = await computeScorecards(db, '2023-06-15..2025-06-15', { now: DEMO_NOW.getTime() }));
  const skills = (await db.query<{ value: Record<string, { email: string; competencies: Record<string, number> }> }>(`SELECT value FROM demo_ground_truth WHERE key = 'rep_skill'`)).rows[0].value;
  const byEmail = new Map(Object.values(skills).map((s) => [s.email, s.competencies]));
  const emails = new Map((await db.query<{ id: string; email: string }>('SELECT id, email FROM users')).rows.map((r) => [r.id, r.email]));
  truth = cards.map((c) => byEmail.get(emails.get(c.user_id)!)!);
});
after(async () => db?.close());

const scoreOf = (c: Scorecard, k: string) => c.scores.find((s) => s.competency === k)!.score ?? 50;

test('overall scores rank reps like their hidden true skill (Spearman ≥ 0.7)', () => {
  assert.equal(cards.length, 14);
  const meanTruth = truth.map((t) => Object.values(t).reduce((a, b) => a + b, 0) / Object.values(t).length);
  const rho = spearman(cards.map((c) => c.overall!), meanTruth);
  assert.ok(rho >= 0.7, `overall Spearman ${rho.toFixed(3)}`);
});

test('competencies with direct evidence rank reps like the true competency (Spearman ≥ 0.7)', () => {
  // Conversation evidence (discovery, communication), timing (pipeline discipline), practices (product knowledge, collaboration).
  for (const k of ['discovery', 'communication', 'pipeline_discipline', 'product_knowledge', 'collaboration']) {
    const rho = spearman(cards.map((c) => scoreOf(c, k)), truth.map((t) => t[k]));
    assert.ok(rho >= 0.7, `${k}: Spearman ${rho.toFixed(3)}`);
  }
  // Closing and objection handling only show through win rates, which mix both with segment skill.
  for (const k of ['closing', 'objection_handling']) {
    const rho = spearman(cards.map((c) => scoreOf(c, k)), truth.map((t) => t[k]));
    assert.ok(rho >= 0.4, `${k}: Spearman ${rho.toFixed(3)}`);
  }
});

test('every score explains itself: evidence with team medians and effects, percentiles, trends, what would raise it; no NaN', () => {
  for (const c of cards) {
    assert.ok(!JSON.stringify(c).includes('NaN'));
    for (const s of c.scores) {
      assert.ok(s.score === null || (s.score >= 0 && s.score <= 100));
      assert.ok(s.percentile === null || (s.percentile >= 0 && s.percentile <= 100));
      assert.ok(s.evidence.length > 0 && s.evidence.every((e) => typeof e.effect === 'number'));
      assert.ok(s.to_raise && render(s.to_raise, 'en').length > 10 && render(s.to_raise, 'zh').length > 5);
      assert.ok(s.trend === null || Number.isInteger(s.trend));
    }
  }
  // The evidence points sum roughly to the distance from 50: the weakest metric is what to_raise names.
  const weakest = cards.flatMap((c) => c.scores).find((s) => s.score !== null && s.score < 30)!;
  const worst = [...weakest.evidence].sort((a, b) => a.effect - b.effect)[0];
  assert.ok(render(weakest.to_raise!, 'en').startsWith(render(worst.label, 'en')), render(weakest.to_raise!, 'en'));
  assert.ok(render(weakest.to_raise!, 'zh').startsWith(render(worst.label, 'zh')), render(weakest.to_raise!, 'zh'));
});

test('with manager ratings for enough reps, a supervised model is fitted and its cross-validated accuracy reported', async () => {
  // Ratings that follow the true closing skill, as a good manager's would.
  const admin = (await db.query<{ id: string }>(`SELECT id FROM users WHERE role = 'admin' LIMIT 1`)).rows[0].id;
  for (const [i, c] of cards.entries()) {
    await db.query(`INSERT INTO competency_ratings (user_id, competency, period, rating, rated_by) VALUES ($1, 'closing', 'x', $2, $3)`, [c.user_id, Math.round(truth[i].closing * 100), admin]);
  }
  try {
    const { cards: rated } = await computeScorecards(db, '2023-06-15..2025-06-15', { now: DEMO_NOW.getTime() });
    const info = rated[0].model.supervised.find((m) => m.competency === 'closing')!;
    assert.equal(info.rated_reps, 14);
    assert.ok(Number.isFinite(info.cv_mae) && Number.isFinite(info.rubric_mae) && info.cv_spearman > 0, JSON.stringify(info));
    assert.equal(info.used, info.cv_mae < info.rubric_mae);
    const line = rated[0].scores.find((s) => s.competency === 'closing')!;
    assert.equal(line.method, info.used ? 'supervised' : 'rubric');
    // Too few rated reps for the other competencies: they stay on the rubric.
    assert.ok(rated[0].scores.filter((s) => s.competency !== 'closing').every((s) => s.method === 'rubric'));
  } finally {
    await db.query(`DELETE FROM competency_ratings`);
  }
});
