import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDb, type TestDb } from '../../db/testing.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { runDemo } from './cli.ts';
import { generateDemo, type DemoSummary } from './generate.ts';
import { DEMO_PASSWORD } from './logins.ts';

const NOW = new Date('2025-06-15T12:00:00Z');
const SEED = 7;


describe('demo company (small)', () => {
  let db: TestDb;
  let summary: DemoSummary;
  const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => (await db.query<T>(sql, params)).rows;

  before(async () => {
    db = await createTestDb();
    summary = await generateDemo(db, { seed: SEED, size: 'small', now: NOW });
  });
  after(async () => db?.close());

  test('loads every table with sensible counts', () => {
    const c = summary.counts;
    assert.equal(summary.created, true);
    assert.equal(c.teams, 3);
    assert.equal(c.users, 1 + 3 + 8, 'demo admin, a manager per team, 8 reps');
    assert.equal(c.products, 12);
    assert.equal(c.accounts, 120);
    assert.equal(c.leads, 1000);
    assert.ok(c.contacts > 300, `contacts ${c.contacts}`);
    assert.ok(c.opportunities > 120 && c.opportunities < 400, `opportunities ${c.opportunities}`);
    assert.ok(c.opportunity_stage_history > 3 * c.opportunities, `history ${c.opportunity_stage_history}`);
    assert.ok(c.activities > 3000, `activities ${c.activities}`);
    assert.ok(c.orders > 500 && c.order_lines > c.orders, `orders ${c.orders}, lines ${c.order_lines}`);
    assert.ok(c.knowledge_articles >= 6);
    assert.equal(c.demo_ground_truth, 10);
  });

  test('organisation: managers lead their teams, some reps speak Chinese, logins work', async () => {
    const teams = await q<{ n: number }>(`SELECT count(*) AS n FROM teams t JOIN users u ON u.id = t.manager_id AND u.role = 'manager' AND u.team_id = t.id`);
    assert.equal(teams[0].n, 3);
    const zh = await q<{ n: number }>(`SELECT count(*) AS n FROM users WHERE role = 'rep' AND locale = 'zh'`);
    assert.ok(zh[0].n >= 1);
    assert.deepEqual(summary.logins.map((l) => l.role).slice(0, 4), ['admin', 'manager', 'manager', 'manager']);
    assert.ok(summary.logins.some((l) => l.role === 'rep'));
    const [rep] = await q<{ password_hash: string }>(`SELECT password_hash FROM users WHERE email = $1`, [summary.logins.find((l) => l.role === 'rep')!.email]);
    assert.equal(await verifyPassword(DEMO_PASSWORD, rep.password_hash), true);
  });

  test('text comes in English and Chinese, calls carry transcripts', async () => {
    const notes = await q<{ language: string; notes: string }>(`SELECT language, notes FROM leads WHERE language = 'zh' LIMIT 20`);
    assert.ok(notes.length > 0 && notes.every((n) => /\p{Script=Han}/u.test(n.notes)));
    const sources = await q<{ n: number }>(`SELECT count(DISTINCT source) AS n FROM leads`);
    assert.equal(sources[0].n, 6);
    const [call] = await q<{ transcript: { speaker: string; role: string; start: number; end: number; text: string }[] }>(
      `SELECT transcript FROM activities WHERE type = 'call' AND transcript IS NOT NULL LIMIT 1`,
    );
    assert.ok(call.transcript.length >= 4);
    for (const t of call.transcript) assert.ok((t.role === 'rep' || t.role === 'customer') && t.end > t.start && t.text.length > 0);
    const defs = await q<{ n: number }>(`SELECT count(*) AS n FROM field_definitions WHERE entity = 'leads' AND key IN ('website_visits', 'pages_viewed', 'employees_band')`);
    assert.equal(defs[0].n, 3);
  });

  test('stage history is a chain that ends at each opportunity\'s stage', async () => {
    const rows = await q<{ id: string; stage: string; closed_at: Date | null; from_stage: string | null; to_stage: string; changed_at: Date }>(
      `SELECT o.id, o.stage, o.closed_at, h.from_stage, h.to_stage, h.changed_at
       FROM opportunities o JOIN opportunity_stage_history h ON h.opportunity_id = o.id ORDER BY o.id, h.changed_at, h.id`,
    );
    const byOpp = new Map<string, typeof rows>();
    for (const r of rows) byOpp.set(r.id, [...(byOpp.get(r.id) ?? []), r]);
    assert.equal(byOpp.size, summary.counts.opportunities);
    for (const chain of byOpp.values()) {
      assert.equal(chain[0].from_stage, null);
      assert.equal(chain[0].to_stage, 'prospecting');
      for (let i = 1; i < chain.length; i++) assert.equal(chain[i].from_stage, chain[i - 1].to_stage);
      const last = chain[chain.length - 1];
      assert.equal(last.to_stage, last.stage);
      if (last.stage === 'won' || last.stage === 'lost') assert.equal(last.closed_at?.getTime(), last.changed_at.getTime());
      else assert.equal(last.closed_at, null);
      assert.ok(last.changed_at.getTime() <= NOW.getTime());
    }
    const open = await q<{ n: number }>(`SELECT count(*) AS n FROM opportunities WHERE stage NOT IN ('won', 'lost')`);
    assert.ok(open[0].n > 0, 'some deals remain open');
  });

  test('the hidden conversion propensity is learnable: top quintile converts far more than the bottom', async () => {
    const [truth] = await q<{ value: Record<string, number> }>(`SELECT value FROM demo_ground_truth WHERE key = 'lead_propensity'`);
    const leads = await q<{ external_id: string; converted: boolean }>(`SELECT external_id, converted FROM leads WHERE converted IS NOT NULL`);
    const scored = leads.map((l) => ({ p: truth.value[l.external_id], y: l.converted ? 1 : 0 })).sort((a, b) => a.p - b.p);
    const fifth = Math.floor(scored.length / 5);
    const rate = (xs: typeof scored) => xs.reduce((s, x) => s + x.y, 0) / xs.length;
    const low = rate(scored.slice(0, fifth));
    const high = rate(scored.slice(-fifth));
    assert.ok(high > 0.35 && high > 4 * low, `top quintile ${high.toFixed(3)}, bottom ${low.toFixed(3)}`);
  });

  test('planted practice: deals with a demo within 10 days of first contact win more often', async () => {
    const deals = await q<{ external_id: string; won: boolean; early: boolean }>(
      `SELECT o.external_id, o.stage = 'won' AS won,
              EXISTS (SELECT 1 FROM activities d WHERE d.opportunity_id = o.id AND d.subtype = 'demo' AND d.status = 'done'
                        AND d.occurred_at <= (SELECT min(f.occurred_at) FROM activities f WHERE f.lead_id = o.lead_id AND f.direction = 'outbound') + interval '10 days') AS early
       FROM opportunities o WHERE o.stage IN ('won', 'lost')`,
    );
    const [truth] = await q<{ value: Record<string, { early_demo: boolean }> }>(`SELECT value FROM demo_ground_truth WHERE key = 'deal_practices'`);
    for (const d of deals) assert.equal(d.early, truth.value[d.external_id].early_demo, `${d.external_id}: observed early demo matches the truth`);
    const rate = (xs: typeof deals) => xs.filter((d) => d.won).length / xs.length;
    const early = deals.filter((d) => d.early);
    const late = deals.filter((d) => !d.early);
    assert.ok(early.length >= 15 && late.length >= 15, `early ${early.length}, late ${late.length}`);
    assert.ok(rate(early) > rate(late) + 0.15, `early ${rate(early).toFixed(2)} vs ${rate(late).toFixed(2)}`);
  });

  test('calls reflect skill: reps with better communication talk less', async () => {
    const rows = await q<{ communication: number; talk: number }>(
      `SELECT (g.value -> u.external_id -> 'competencies' ->> 'communication')::float AS communication, avg((a.attributes ->> 'talk_ratio')::float) AS talk
       FROM activities a JOIN users u ON u.id = a.owner_id, demo_ground_truth g
       WHERE g.key = 'rep_skill' AND a.attributes ? 'talk_ratio' GROUP BY 1 ORDER BY 1`,
    );
    assert.ok(rows.length >= 6);
    const n = rows.length;
    const mx = rows.reduce((s, r) => s + r.communication, 0) / n;
    const my = rows.reduce((s, r) => s + r.talk, 0) / n;
    const cov = rows.reduce((s, r) => s + (r.communication - mx) * (r.talk - my), 0);
    assert.ok(cov < 0, 'talk ratio falls as communication skill rises');
  });

  test('orders peak in Q4 (planted seasonality)', async () => {
    const rows = await q<{ m: number; n: number }>(
      `SELECT extract(month FROM ordered_at)::int AS m, count(*)::int AS n FROM orders WHERE attributes ->> 'source' = 'repeat' GROUP BY 1`,
    );
    const by = new Map(rows.map((r) => [r.m, r.n]));
    const q4 = (by.get(10) ?? 0) + (by.get(11) ?? 0) + (by.get(12) ?? 0);
    const q3 = (by.get(7) ?? 0) + (by.get(8) ?? 0) + (by.get(9) ?? 0);
    assert.ok(q4 > 1.25 * q3, `Q4 ${q4} vs Q3 ${q3}`);
    const weekend = await q<{ share: number }>(`SELECT avg((extract(dow FROM ordered_at) IN (0, 6))::int)::float AS share FROM orders`);
    assert.ok(weekend[0].share < 0.12, `weekend share ${weekend[0].share}`);
  });

  test('running again writes nothing; --if-empty skips a database with leads', async () => {
    const again = await generateDemo(db, { seed: SEED, size: 'small', now: NOW });
    assert.equal(again.created, false);
    assert.match(again.note ?? '', /already present/);
    assert.deepEqual(again.counts, summary.counts);
    const skipped = await runDemo(db, { seed: 1, size: 'small', ifEmpty: true });
    assert.equal(skipped.created, false);
    assert.match(skipped.note ?? '', /already holds leads/);
  });
});
