// Per-agent KPIs and anomaly detection over every agent's monthly bookings on the public
// Maven "CRM + Sales Opportunities" data set (Oct 2016 – Dec 2017), imported as a user would.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { createTestDb } from '../../db/testing.ts';
import { detectAnomalies } from '../../ml/anomaly/detector.ts';
import { importFile } from '../import/importer.ts';
import { computeKpi } from './compute.ts';

const crm = resolve(process.cwd(), '../shared/data/crm-sales-opportunities');

test('per-agent KPIs and monthly bookings anomaly detection on crm-sales-opportunities', { skip: !existsSync(crm) && 'shared data absent', timeout: 120_000 }, async () => {
  const db = await createTestDb();
  try {
    for (const [entity, file] of [['products', 'products.csv'], ['accounts', 'accounts.csv'], ['users', 'sales_teams.csv'], ['opportunities', 'sales_pipeline.csv']] as const) {
      await importFile(db, { entity, file: join(crm, file) });
    }
    const range = { frequency: 'month' as const, from: Date.parse('2016-10-01'), to: Date.parse('2017-12-31'), groupBy: 'rep' as const };
    const bookings = await computeKpi(db, 'bookings', range);
    assert.equal(bookings.periods.length, 15);
    const agents = await db.query<{ id: string; name: string }>(`SELECT DISTINCT u.id, u.name FROM opportunities o JOIN users u ON u.id = o.owner_id`);
    assert.equal(agents.rows.length, 30, '30 of the 35 agents have deals');
    assert.equal(bookings.groups.size, agents.rows.filter(() => true).length - (await agentsWithoutWins(db)));

    // Per-agent totals equal the data set's won close_value per agent.
    const truth = await db.query<{ owner_id: string; v: number }>(`SELECT owner_id, sum(amount)::float8 AS v FROM opportunities WHERE stage = 'won' GROUP BY 1`);
    for (const t of truth.rows) {
      const total = (bookings.groups.get(t.owner_id) ?? []).reduce<number>((s, v) => s + (v ?? 0), 0);
      assert.ok(Math.abs(total - t.v) < 0.01, `agent ${t.owner_id}: ${total} vs ${t.v}`);
    }

    for (const key of ['win_rate', 'cycle_time', 'avg_deal_size', 'pipeline_created'] as const) {
      const set = await computeKpi(db, key, range);
      assert.ok(set.groups.size >= 30, `${key} for every agent`);
      for (const series of set.groups.values()) {
        for (const v of series) assert.ok(v === null || (Number.isFinite(v) && v >= 0 && (key !== 'win_rate' || v <= 1)), `${key} value ${v}`);
      }
    }

    // Anomaly detection over every agent's monthly bookings: every point judged, never NaN.
    let flagged = 0;
    for (const [agent, series] of bookings.groups) {
      const report = detectAnomalies(Float64Array.from(series, (v) => v ?? Number.NaN), { candidatePeriods: [12] });
      assert.equal(report.points.length, 15, agent);
      for (const p of report.points) assert.ok(Number.isFinite(p.expected) && Number.isFinite(p.lower) && Number.isFinite(p.upper) && Number.isFinite(p.score));
      flagged += report.points.filter((p) => p.kind).length;
    }
    // The pipeline starts closing deals in 2017-03 (the first months are ramp-up): those zeros and
    // the jump out of them are what a detector may flag; most agent-months are ordinary.
    assert.ok(flagged < 0.2 * bookings.groups.size * 15, `${flagged} flagged agent-months`);
  } finally {
    await db.close();
  }
});

async function agentsWithoutWins(db: Awaited<ReturnType<typeof createTestDb>>): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(DISTINCT owner_id)::int AS n FROM opportunities o WHERE NOT EXISTS (SELECT 1 FROM opportunities w WHERE w.owner_id = o.owner_id AND w.stage = 'won' AND w.closed_at >= '2016-10-01' AND w.closed_at < '2018-01-01')`,
  );
  return rows[0].n;
}
