// The whole KPI catalogue and the anomaly scan on a 200-rep, 2-year demo company (size large).
// Target: everything computes in under 60 s. Baseline in the same process: the naive way, one
// query per rep and KPI, for the same rep-level weekly series; the ratio is naive ÷ grouped.
// Generating the large demo takes minutes and is not part of the timed figures.
import { createTestDb } from '../src/db/testing.ts';
import { generateDemo } from '../src/modules/demo/generate.ts';
import { KPI_CATALOG, type KpiKey } from '../src/modules/kpis/catalog.ts';
import { computeKpi, computeKpiLevels } from '../src/modules/kpis/compute.ts';
import { addPeriods, periodStart, type Frequency } from '../src/modules/kpis/periods.ts';
import { scanAlerts } from '../src/modules/alerts/scan.ts';
import { checkParams } from '../src/modules/alerts/rules.ts';

const CRM_KPIS = KPI_CATALOG.filter((k) => k.scopes.length === 3).map((k) => k.key);
const PERIODS: Record<Frequency, number> = { day: 730, week: 104, month: 24 };

export default async function run(): Promise<void> {
  // A fresh database on the configured backend (a new PostgreSQL database when DATABASE_URL is set).
  const db = await createTestDb();
  try {
    const now = new Date('2026-06-01T00:00:00Z');
    let t = performance.now();
    const demo = await generateDemo(db, { seed: 7, size: 'large', now });
    console.log(`demo company: ${demo.counts.users ?? '?'} users, ${demo.counts.opportunities} opportunities, ${demo.counts.activities} activities, ${demo.counts.leads} leads (${((performance.now() - t) / 1000).toFixed(1)} s to generate)`);
    const reps = (await db.query<{ id: string }>(`SELECT id FROM users WHERE role = 'rep'`)).rows.map((r) => r.id);

    // 1. The catalogue: every KPI × company/team/rep × day/week/month over two years.
    t = performance.now();
    let series = 0;
    for (const frequency of ['day', 'week', 'month'] as const) {
      const to = addPeriods(periodStart(now.getTime(), frequency), frequency, -1);
      const from = addPeriods(to, frequency, -(PERIODS[frequency] - 1));
      for (const key of KPI_CATALOG.map((k) => k.key)) {
        const levels = await computeKpiLevels(db, key, { frequency, from, to });
        series += levels.company.groups.size + levels.team.groups.size + levels.rep.groups.size;
      }
    }
    const catalogueSeconds = (performance.now() - t) / 1000;
    console.log(`KPI catalogue: ${series} series (${KPI_CATALOG.length} KPIs × company/team/${reps.length} reps × day/week/month, 2 years) in ${catalogueSeconds.toFixed(1)} s`);

    // 2. The anomaly scan: default team rules plus weekly bookings and activities rules for every rep.
    const ruleRows = reps.flatMap((id) => ['bookings', 'activities'].map((kpi) => [kpi, id]));
    for (const [kpi, id] of ruleRows) {
      await db.query(`INSERT INTO alert_rules (name, kpi, scope, scope_id, frequency, kind, params) VALUES ($1, $2, 'rep', $3, 'week', 'anomaly', $4)`,
        [`${kpi} anomaly`, kpi, id, JSON.stringify(checkParams('anomaly', {}, 'week'))]);
    }
    t = performance.now();
    const scan = await scanAlerts(db, null, { asOf: now.getTime() });
    const scanSeconds = (performance.now() - t) / 1000;
    console.log(`anomaly scan: ${scan.series} series from ${scan.rules} rules, ${scan.alerts_created} alerts in ${scanSeconds.toFixed(1)} s`);
    const total = catalogueSeconds + scanSeconds;
    console.log(`everything: ${total.toFixed(1)} s (target < 60 s: ${total < 60 ? 'met' : 'NOT met'})`);

    // 3. Baseline: one query per rep for the rep-level weekly CRM KPIs, against one grouped query per KPI.
    const to = addPeriods(periodStart(now.getTime(), 'week'), 'week', -1);
    const from = addPeriods(to, 'week', -103);
    t = performance.now();
    for (const key of CRM_KPIS) await computeKpi(db, key as KpiKey, { frequency: 'week', from, to, groupBy: 'rep' });
    const grouped = (performance.now() - t) / 1000;
    t = performance.now();
    for (const key of CRM_KPIS) {
      for (const id of reps) await computeKpi(db, key as KpiKey, { frequency: 'week', from, to, groupBy: 'rep', filter: { scope: 'rep', id } });
    }
    const naive = (performance.now() - t) / 1000;
    console.log(`rep-level weekly KPIs (${CRM_KPIS.length} KPIs × ${reps.length} reps): grouped ${grouped.toFixed(2)} s, naive per-rep queries ${naive.toFixed(2)} s, ratio naive/grouped ${(naive / grouped).toFixed(1)}×`);
  } finally {
    await db.close();
  }
}
