import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from '../../api/testing.ts';
import { trendOf } from './service.ts';
import { periodRange, periodStart, isoDay } from './periods.ts';

let s: TestServer;
let teamA: string;
before(async () => {
  s = await startTestServer();
  teamA = (await s.db.query<{ id: string }>(`SELECT id FROM teams WHERE name = 'Team A'`)).rows[0].id;
  const { repA1, repA2, repB1 } = s.users;
  const opp = (owner: string, stage: string, amount: number, opened: string, closed: string | null) =>
    s.db.query('INSERT INTO opportunities (name, owner_id, stage, amount, opened_at, closed_at) VALUES ($1, $2, $3, $4, $5, $6)', [`${stage} ${amount}`, owner, stage, amount, opened, closed]);
  await opp(repA1.id, 'won', 1000, '2026-01-01T00:00:00Z', '2026-01-10T00:00:00Z');
  await opp(repA1.id, 'won', 3000, '2025-12-21T00:00:00Z', '2026-01-20T00:00:00Z');
  await opp(repA1.id, 'lost', 500, '2026-01-15T00:00:00Z', '2026-02-05T00:00:00Z');
  await opp(repA2.id, 'won', 2000, '2026-01-15T00:00:00Z', '2026-02-14T00:00:00Z');
  await opp(repA2.id, 'proposal', 4000, '2026-02-01T00:00:00Z', null);
  await opp(repB1.id, 'won', 7000, '2025-12-01T00:00:00Z', '2026-01-05T00:00:00Z');
  const lead = async (owner: string, created: string, firstActivityHours: number) => {
    const id = (await s.db.query<{ id: string }>('INSERT INTO leads (name, owner_id, created_at) VALUES ($1, $2, $3) RETURNING id', ['L', owner, created])).rows[0].id;
    const at = new Date(Date.parse(created) + firstActivityHours * 3_600_000).toISOString();
    await s.db.query(`INSERT INTO activities (type, owner_id, lead_id, occurred_at) VALUES ('call', $1, $2, $3), ('email', $1, $2, $4)`, [owner, id, at, new Date(Date.parse(at) + 86_400_000).toISOString()]);
  };
  await lead(repA1.id, '2026-01-01T00:00:00Z', 6);
  await lead(repA2.id, '2026-01-10T00:00:00Z', 10);
});
after(async () => s.close());

const values = (body: { series: { value: number | null }[] }) => body.series.map((p) => p.value);

test('periods: ISO weeks start on Monday, months on the 1st, in UTC', () => {
  assert.equal(isoDay(periodStart(Date.parse('2026-01-04T23:00:00Z'), 'week')), '2025-12-29');
  assert.equal(isoDay(periodStart(Date.parse('2026-01-05T00:00:00Z'), 'week')), '2026-01-05');
  assert.deepEqual(periodRange(Date.parse('2026-01-15'), Date.parse('2026-03-01'), 'month').map(isoDay), ['2026-01-01', '2026-02-01', '2026-03-01']);
  assert.equal(trendOf([1, 2, 3, 4]), 'up');
  assert.equal(trendOf([4, 3, null, 1]), 'down');
  assert.equal(trendOf([5, 5.01, 4.99, 5]), 'flat');
});

test('team bookings, win rate, cycle time and deal size match hand-computed values and SQL', async () => {
  const q = `scope=team&id=${teamA}&frequency=month&from=2026-01-01&to=2026-03-31`;
  const bookings = await s.call(s.users.managerA, 'GET', `/api/v1/kpis?kpi=bookings&${q}`);
  assert.equal(bookings.status, 200, JSON.stringify(bookings.body));
  assert.deepEqual(bookings.body.series.map((p: { period: string }) => p.period), ['2026-01-01', '2026-02-01', '2026-03-01']);
  assert.deepEqual(values(bookings.body), [4000, 2000, 0]);
  const sql = await s.db.query<{ v: number }>(
    `SELECT sum(o.amount)::float8 AS v FROM opportunities o JOIN users u ON u.id = o.owner_id
     WHERE u.team_id = $1 AND o.stage = 'won' AND o.closed_at >= '2026-02-01T00:00:00Z' AND o.closed_at < '2026-03-01T00:00:00Z'`, [teamA]);
  assert.equal(bookings.body.series[1].value, sql.rows[0].v);
  assert.equal(bookings.body.current, 0);
  assert.equal(bookings.body.previous, 2000);
  assert.equal(bookings.body.change_pct, -100);
  assert.equal(bookings.body.trend, 'down');

  const winRate = await s.call(s.users.managerA, 'GET', `/api/v1/kpis?kpi=win_rate&${q}`);
  assert.deepEqual(values(winRate.body), [1, 0.5, null]);
  const cycle = await s.call(s.users.managerA, 'GET', `/api/v1/kpis?kpi=cycle_time&${q}`);
  assert.deepEqual(values(cycle.body), [19.5, 30, null]);
  const size = await s.call(s.users.managerA, 'GET', `/api/v1/kpis?kpi=avg_deal_size&${q}`);
  assert.deepEqual(values(size.body), [2000, 2000, null]);
  const created = await s.call(s.users.managerA, 'GET', `/api/v1/kpis?kpi=pipeline_created&${q}`);
  assert.deepEqual(values(created.body), [3500, 4000, 0]);
  const conversion = await s.call(s.users.managerA, 'GET', `/api/v1/kpis?kpi=stage_conversion&${q}`);
  assert.deepEqual(values(conversion.body), [2 / 3, 0, null].map((v) => (v === null ? null : Math.round(v * 1e6) / 1e6)));
  assert.equal(conversion.body.breakdown.find((b: { stage: string }) => b.stage === 'prospecting').reached, 4);
});

test('activities, lead response time and coverage', async () => {
  const q = `scope=team&id=${teamA}&frequency=month&from=2026-01-01&to=2026-02-28`;
  const acts = await s.call(s.users.managerA, 'GET', `/api/v1/kpis?kpi=activities&${q}`);
  assert.deepEqual(values(acts.body), [4, 0]);
  const response = await s.call(s.users.managerA, 'GET', `/api/v1/kpis?kpi=lead_response_time&${q}`);
  assert.deepEqual(values(response.body), [8, null]); // median of 6 h and 10 h
  const coverage = await s.call(s.users.managerA, 'GET', `/api/v1/kpis?kpi=coverage&${q}`);
  // End of Jan: open = 500 (lost on Feb 5) + 2000 (won Feb 14) = 2500; expected = (0 + 0 + 4000) / 3.
  // End of Feb: open = 4000; expected = (0 + 4000 + 2000) / 3 = 2000.
  assert.deepEqual(values(coverage.body), [Math.round((2500 / (4000 / 3)) * 1e6) / 1e6, 2]);
});

test('model health is omitted with a reason until monitoring rows exist, then averaged per period', async () => {
  const empty = await s.call(s.users.admin, 'GET', '/api/v1/kpis?kpi=score_drift&frequency=month&from=2026-01-01&to=2026-02-28');
  assert.equal(empty.status, 200);
  assert.deepEqual(empty.body.series, []);
  assert.match(empty.body.omitted, /psi_score/);
  await s.db.query(`INSERT INTO model_monitoring (model_kind, metric, value, computed_at) VALUES ('lead-scoring', 'psi_score', 0.1, '2026-01-03'), ('lead-scoring', 'psi_score', 0.3, '2026-01-20')`);
  const drift = await s.call(s.users.admin, 'GET', '/api/v1/kpis?kpi=score_drift&frequency=month&from=2026-01-01&to=2026-02-28');
  assert.deepEqual(values(drift.body), [0.2, null]);
});

test('access: reps see only themselves, managers their teams, company needs an admin', async () => {
  const { repB1, repA1, managerA, managerB, admin } = s.users;
  assert.equal((await s.call(repB1, 'GET', `/api/v1/kpis?kpi=bookings&scope=team&id=${teamA}`)).status, 404);
  assert.equal((await s.call(repB1, 'GET', `/api/v1/kpis?kpi=bookings&scope=rep&id=${repA1.id}`)).status, 404);
  assert.equal((await s.call(managerB, 'GET', `/api/v1/kpis?kpi=bookings&scope=team&id=${teamA}`)).status, 404);
  assert.equal((await s.call(managerA, 'GET', '/api/v1/kpis?kpi=bookings&scope=company')).status, 403);
  assert.equal((await s.call(managerA, 'GET', `/api/v1/kpis?kpi=bookings&scope=rep&id=${repA1.id}`)).status, 200);
  const own = await s.call(repB1, 'GET', '/api/v1/kpis?kpi=bookings&frequency=month&from=2026-01-01&to=2026-01-31');
  assert.equal(own.body.scope, 'rep');
  assert.deepEqual(values(own.body), [7000]);
  const company = await s.call(admin, 'GET', '/api/v1/kpis?kpi=bookings&scope=company&frequency=month&from=2026-01-01&to=2026-01-31');
  assert.deepEqual(values(company.body), [11000]);
  const bad = await s.call(admin, 'GET', '/api/v1/kpis?kpi=bookings&from=2026-13-01');
  assert.equal(bad.status, 400);
  assert.equal((await s.call(admin, 'GET', '/api/v1/kpis?kpi=bookings&from=2026-03-01&to=2026-01-01')).status, 400);
});

test('catalogue and summary', async () => {
  const catalog = await s.call(s.users.repA1, 'GET', '/api/v1/kpis/catalog');
  assert.ok(catalog.body.data.length >= 13);
  assert.ok(catalog.body.data.every((k: { label: { zh: string } }) => k.label.zh));
  const summary = await s.call(s.users.managerA, 'GET', '/api/v1/kpis/summary?as_of=2026-03-15');
  assert.equal(summary.status, 200, JSON.stringify(summary.body));
  assert.equal(summary.body.scope, 'team');
  assert.equal(summary.body.period, '2026-02-01');
  const bookings = summary.body.kpis.find((k: { key: string }) => k.key === 'bookings');
  assert.equal(bookings.value, 2000);
  assert.equal(bookings.previous, 4000);
  assert.equal(bookings.good, false);
  assert.equal(bookings.spark.length, 12);
  assert.ok(!JSON.stringify(summary.body).includes('NaN'));
});

test('the rolled-up levels equal the per-level computation for every KPI', async () => {
  const { computeKpi, computeKpiLevels } = await import('./compute.ts');
  const { KPI_KEYS } = await import('./catalog.ts');
  const req = { frequency: 'week' as const, from: Date.parse('2025-12-01'), to: Date.parse('2026-03-01') };
  for (const key of KPI_KEYS) {
    const levels = await computeKpiLevels(s.db, key, req);
    for (const groupBy of ['company', 'team', 'rep'] as const) {
      const direct = await computeKpi(s.db, key, { ...req, groupBy });
      const rolled = levels[groupBy];
      assert.deepEqual([...rolled.groups.keys()].sort(), [...direct.groups.keys()].sort(), `${key} ${groupBy} groups`);
      for (const [g, series] of direct.groups) {
        const other = rolled.groups.get(g)!;
        series.forEach((v, i) => assert.ok(v === other[i] || (v !== null && other[i] !== null && Math.abs(v - other[i]!) < 1e-9), `${key} ${groupBy} ${g} ${i}: ${v} vs ${other[i]}`));
      }
    }
  }
});

test('definitions, the reason a series is empty and the company\u2019s name follow Accept-Language (en, zh)', async () => {
  const zh = { 'accept-language': 'zh-CN,zh;q=0.9' };
  const catalogEn = await s.call(s.users.repA1, 'GET', '/api/v1/kpis/catalog');
  const catalogZh = await s.call(s.users.repA1, 'GET', '/api/v1/kpis/catalog', undefined, zh);
  const winEn = catalogEn.body.data.find((k: { key: string }) => k.key === 'win_rate');
  const winZh = catalogZh.body.data.find((k: { key: string }) => k.key === 'win_rate');
  assert.equal(winEn.description, 'Won ÷ (won + lost) among opportunities closed in the period.');
  assert.equal(winZh.description, '本期已关闭商机中，赢单 ÷（赢单 + 输单）。');
  assert.deepEqual(winZh.label, { en: 'Win rate', zh: '赢单率' }, 'names stay as both languages');
  assert.ok(catalogZh.body.data.every((k: { description: string }) => /[\u4e00-\u9fff]/.test(k.description)));
  const path = '/api/v1/kpis?kpi=forecast_error&frequency=month&from=2026-01-01&to=2026-02-28';
  const en = await s.call(s.users.admin, 'GET', path);
  const cn = await s.call(s.users.admin, 'GET', path, undefined, zh);
  assert.equal(en.body.omitted, 'no forecast error recorded yet (model_monitoring metric mase)');
  assert.equal(cn.body.omitted, '尚未记录预测误差（model_monitoring 指标 mase）');
  assert.equal(en.body.name, 'Company');
  assert.equal(cn.body.name, '公司');
});
