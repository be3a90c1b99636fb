// Team development on a 200-rep, 2-year demo company (size large): competency assessment of every
// rep (with trend), playbook mining, next-best-action training with cross-fitted off-policy
// evaluation, deals-like-this and a training plan. Target: all of it in under 60 s.
// Baseline in the same process: the naive conversation evidence — the full analyzeConversation
// (sentiment, trackers with phrase similarity) on every recorded call of the two windows — timed on
// a sample and scaled to the call count; the ratio is naive ÷ ours for the whole assessment.
import { createTestDb } from '../src/db/testing.ts';
import { analyzeConversation } from '../src/ml/conversation/analyze.ts';
import type { Turn } from '../src/ml/conversation/transcript.ts';
import { playbooks, similarDeals } from '../src/modules/best-practices/service.ts';
import { assess, computeScorecards } from '../src/modules/competency/service.ts';
import { spearman } from '../src/modules/competency/scoring.ts';
import { generateDemo } from '../src/modules/demo/generate.ts';
import { SIZE_PLANS } from '../src/modules/demo/sizes.ts';
import { trainNba } from '../src/modules/next-best-action/service.ts';
import { createPlan } from '../src/modules/training/service.ts';

const secs = (t: number) => (performance.now() - t) / 1000;
/** CPU seconds of this process since a process.cpuUsage() reading (PGlite runs in-process): fair on a busy machine. */
const cpuSecs = (c: NodeJS.CpuUsage) => { const u = process.cpuUsage(c); return (u.user + u.system) / 1e6; };

export default async function run(): Promise<void> {
  const db = await createTestDb();
  try {
    const now = new Date('2026-06-01T00:00:00Z');
    let t = performance.now();
    const demo = await generateDemo(db, { seed: 7, size: 'large', now, plan: { ...SIZE_PLANS.large, orderMonths: 2 } });
    console.log(`demo company: ${demo.counts.opportunities} opportunities, ${demo.counts.activities} activities, ${demo.counts.leads} leads (${secs(t).toFixed(1)} s to generate)`);
    const admin = (await db.query<{ id: string; name: string }>(`SELECT id, name FROM users WHERE role = 'admin' LIMIT 1`)).rows[0];
    const actor = { ...admin, role: 'admin' as const };

    const cpu = process.cpuUsage();
    t = performance.now();
    // As `POST /competency/assess` does: compute, then store (the training plan reads what is stored).
    await assess(db, actor, { period: 'last-365d', now: now.getTime() });
    const assessSeconds = secs(t);
    const { cards } = await computeScorecards(db, 'last-365d', { now: now.getTime() });
    const skills = (await db.query<{ value: Record<string, { email: string; competencies: Record<string, number> }> }>(`SELECT value FROM demo_ground_truth WHERE key = 'rep_skill'`)).rows[0].value;
    const byEmail = new Map(Object.values(skills).map((s) => [s.email, s.competencies]));
    const emails = new Map((await db.query<{ id: string; email: string }>('SELECT id, email FROM users')).rows.map((r) => [r.id, r.email]));
    const truth = cards.map((c) => byEmail.get(emails.get(c.user_id)!)!);
    const meanTruth = truth.map((x) => Object.values(x).reduce((a, b) => a + b, 0) / 7);
    console.log(`competency assessment: ${cards.length} reps × 7 competencies (+ previous period for trends) in ${assessSeconds.toFixed(1)} s; Spearman(overall, true mean skill) = ${spearman(cards.map((c) => c.overall ?? 50), meanTruth).toFixed(3)}`);
    console.log(`  per competency: ${Object.keys(truth[0]).map((k) => `${k} ${spearman(cards.map((c) => c.scores.find((s) => s.competency === k)!.score ?? 50), truth.map((x) => x[k])).toFixed(2)}`).join(', ')}`);

    t = performance.now();
    const books = await playbooks(db, actor);
    const mineSeconds = secs(t);
    console.log(`playbooks: ${books.deals} closed deals, ${books.tested} patterns tested, ${books.playbooks.length} significant in ${mineSeconds.toFixed(1)} s; planted: ${['demo_within_10d', 'executive_before_stage:proposal', 'silence_over_21d'].map((k) => { const p = books.playbooks.find((x) => x.pattern === k); return `${k} ${p ? `lift ${p.lift} q ${p.q_value.toExponential(1)}` : 'not found'}`; }).join('; ')}`);

    t = performance.now();
    const nba = await trainNba(db, actor);
    const nbaSeconds = secs(t);
    const e = nba.evaluation;
    console.log(`next-best-action: ${nba.episodes} deals, ${nba.states} states in ${nbaSeconds.toFixed(1)} s; behaviour ${e.behaviour.value} [${e.behaviour.ci.join(', ')}], policy DR ${e.policy.dr.value} [${e.policy.dr.ci.join(', ')}], WIS ${e.policy.wis.value}; uplift DR ${e.uplift_dr.value} [${e.uplift_dr.ci.join(', ')}]`);

    t = performance.now();
    const open = (await db.query<{ id: string; owner_id: string }>(`SELECT id, owner_id FROM opportunities WHERE stage = 'demo' ORDER BY id LIMIT 1`)).rows[0];
    await similarDeals(db, actor, open.id, 5);
    const plan = await createPlan(db, actor, { user_id: cards[0].user_id }, { now: now.getTime() });
    const restSeconds = secs(t);
    console.log(`deals like this + one training plan (${plan.steps.length} steps) in ${restSeconds.toFixed(1)} s`);

    const total = assessSeconds + mineSeconds + nbaSeconds + restSeconds;
    console.log(`total: ${total.toFixed(1)} s (target < 60 s) ${total < 60 ? 'OK' : 'TOO SLOW'}; CPU ${cpuSecs(cpu).toFixed(1)} s (includes the second scorecard computation for the Spearman figures)`);

    // Baseline: the full conversation analysis on every recorded call of the two windows.
    const { rows: calls } = await db.query<{ turns: Turn[] }>(
      `SELECT transcript AS turns FROM activities WHERE type = 'call' AND transcript IS NOT NULL AND occurred_at >= $1 ORDER BY id LIMIT 300`,
      [new Date(now.getTime() - 730 * 86_400_000).toISOString()],
    );
    const { rows: [{ n }] } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM activities WHERE type = 'call' AND transcript IS NOT NULL AND occurred_at >= $1`, [new Date(now.getTime() - 730 * 86_400_000).toISOString()]);
    t = performance.now();
    for (const c of calls) analyzeConversation(c.turns, { summary: false });
    const perCall = secs(t) / Math.max(1, calls.length);
    const naive = assessSeconds + perCall * n;
    console.log(`baseline (full analysis of all ${n} recorded calls, ${(perCall * 1000).toFixed(1)} ms each, scaled from ${calls.length}): assessment ≈ ${naive.toFixed(1)} s; ratio naive/ours = ${(naive / assessSeconds).toFixed(1)}×`);
  } finally {
    await db.close();
  }
}
