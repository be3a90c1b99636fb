import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDb, type TestDb } from '../../db/testing.ts';
import type { Actor } from '../crm/access.ts';
import { generateDemo } from '../demo/generate.ts';
import { trainWinModel } from './model.ts';
import { dealWinProbability, pipelineForecast, scoreOpenDeals } from './service.ts';
import { simulateBookings } from './simulate.ts';

const NOW = new Date('2025-06-15T12:00:00Z');

test('Monte-Carlo bookings: seeded, ordered quantiles, expected value matches probability × amount', () => {
  const deals = [
    { amount: 1000, probability: 0.5, month: 0, slips: [] },
    { amount: 2000, probability: 0.9, month: 1, slips: [] },
    { amount: 500, probability: 0.2, month: 2, slips: [0, 1] },
  ];
  const a = simulateBookings(deals, 3, 4000, 7);
  assert.deepEqual(a, simulateBookings(deals, 3, 4000, 7));
  assert.notDeepEqual(a, simulateBookings(deals, 3, 4000, 8));
  for (const m of [...a.months, a.total]) assert.ok(m.p10 <= m.p50 && m.p50 <= m.p90);
  assert.ok(Math.abs(a.months[0].expected - 500) < 40);
  assert.ok(Math.abs(a.months[1].expected - 1800) < 40);
  // Half the third deal's wins slip beyond the window.
  assert.ok(Math.abs(a.months[2].expected - 50) < 15, String(a.months[2].expected));
});

describe('win probability and pipeline forecast over the demo company', () => {
  let db: TestDb;
  let admin: Actor;
  let rep: Actor;
  before(async () => {
    db = await createTestDb();
    await generateDemo(db, { seed: 5, size: 'small', now: NOW });
    const users = (await db.query<{ id: string; name: string; role: 'admin' | 'rep' | 'manager' }>(`SELECT id, name, role FROM users`)).rows;
    admin = users.find((u) => u.role === 'admin')!;
    const [top] = (await db.query<{ owner_id: string }>(`SELECT owner_id FROM opportunities WHERE stage NOT IN ('won','lost') GROUP BY owner_id ORDER BY count(*) DESC LIMIT 1`)).rows;
    rep = users.find((u) => u.id === top.owner_id)!;
  });
  after(async () => db?.close());

  test('trained on closed deals, the model beats chance on the time-ordered hold-out and is registered', async () => {
    const m = await trainWinModel(db, admin);
    assert.ok(m.metrics.holdout.deals >= 20, JSON.stringify(m.metrics));
    assert.ok(m.metrics.holdout.auc !== null && m.metrics.holdout.auc > 0.6, `AUC ${m.metrics.holdout.auc}`);
    assert.ok(m.metrics.holdout.brier !== null && m.metrics.holdout.brier < 0.25, `Brier ${m.metrics.holdout.brier}`);
    const again = await trainWinModel(db, admin);
    assert.equal(again.version, m.version + 1);
    const { rows } = await db.query<{ version: number; active: boolean }>(`SELECT version, active FROM models WHERE kind = 'win-probability' ORDER BY version`);
    assert.deepEqual(rows.map((r) => r.active), [false, true]);
    assert.deepEqual(again.metrics, m.metrics, 'deterministic');
  });

  test('open deals carry probability, category, reasons and risks; a rep sees only their own', async () => {
    const all = await scoreOpenDeals(db, admin);
    assert.ok(all.data.length >= 5);
    for (const d of all.data) {
      assert.ok(d.win_probability >= 0 && d.win_probability <= 1);
      assert.equal(d.category, d.win_probability >= 0.7 ? 'commit' : d.win_probability >= 0.4 ? 'best_case' : 'pipeline');
      assert.ok(d.reasons.length > 0 && d.reasons.every((r) => ['raises', 'lowers'].includes(r.effect)));
    }
    assert.ok(all.data.some((d) => d.risks.length > 0));
    const mine = await scoreOpenDeals(db, rep);
    assert.ok(mine.data.length > 0 && mine.data.every((d) => d.owner_id === rep.id));
    assert.ok(mine.data.length < all.data.length);
    const one = await dealWinProbability(db, rep, mine.data[0].id);
    assert.equal(one.win_probability, mine.data[0].win_probability);
    const other = all.data.find((d) => d.owner_id !== rep.id)!;
    await assert.rejects(dealWinProbability(db, rep, other.id), /not found/);
    const [won] = (await db.query<{ id: string }>(`SELECT id FROM opportunities WHERE stage = 'won' LIMIT 1`)).rows;
    await assert.rejects(dealWinProbability(db, admin, won.id), /already won/);
    await assert.rejects(scoreOpenDeals(db, admin, { stage: 'won' }), /open stage/);
  });

  test('pipeline forecast: P10 ≤ P50 ≤ P90 per month and quarter, seeded, categories add up, run-rate finite', async () => {
    const o = { months: 3, simulations: 2000, seed: 3, slip: true };
    const f = await pipelineForecast(db, admin, o);
    assert.equal(f.months.length, 3);
    assert.equal(f.months[0].month, '2025-06');
    for (const m of [...f.months, f.quarter]) assert.ok(m.p10 <= m.p50 && m.p50 <= m.p90, JSON.stringify(m));
    assert.deepEqual(await pipelineForecast(db, admin, o), f);
    const deals = await scoreOpenDeals(db, admin);
    const inWindow = f.quarter.commit + f.quarter.best_case + f.quarter.pipeline;
    assert.ok(inWindow <= deals.data.reduce((s, d) => s + d.amount, 0) + 0.01);
    assert.ok(f.quarter.expected <= inWindow + 0.01);
    assert.ok(f.run_rate.months.length === 3 && f.run_rate.months.every((m) => Number.isFinite(m.mean) && m.mean >= 0));
    assert.ok(f.run_rate.total > 0);
    assert.ok(!JSON.stringify(f).includes('NaN'));
    const mine = await pipelineForecast(db, rep, o);
    assert.ok(mine.deals_count < f.deals_count);
  });
});
