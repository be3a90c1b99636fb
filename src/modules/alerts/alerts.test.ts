import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from '../../api/testing.ts';
import { Rng } from '../../ml/random.ts';

const DAY = 86_400_000;
const AS_OF = '2026-06-03'; // a Wednesday: the last complete week starts Monday 2026-05-25
const SPIKE_WEEK = '2026-05-18';
let s: TestServer;
let teamA: string;

before(async () => {
  s = await startTestServer();
  teamA = (await s.db.query<{ id: string }>(`SELECT id FROM teams WHERE name = 'Team A'`)).rows[0].id;
  // 101 weeks of bookings (to the last complete week) for Team A: three deals a week around 4,000 each, plus a spike of
  // five 10,000 deals in one recent week.
  const rng = new Rng(42);
  const rows: unknown[][] = [];
  const firstMonday = Date.parse('2024-06-24T00:00:00Z');
  for (let w = 0; w < 101; w++) {
    const monday = firstMonday + w * 7 * DAY;
    const deals = 3 + (new Date(monday).toISOString().slice(0, 10) === SPIKE_WEEK ? 5 : 0);
    for (let d = 0; d < deals; d++) {
      const amount = d < 3 ? Math.round(rng.normal(4000, 400)) : 10000;
      const closed = monday + (1 + rng.int(4)) * DAY + 3_600_000;
      rows.push([d % 2 ? s.users.repA1.id : s.users.repA2.id, amount, new Date(closed - 30 * DAY).toISOString(), new Date(closed).toISOString()]);
    }
  }
  const values = rows.map((_, i) => `('deal', $${4 * i + 1}::uuid, 'won', $${4 * i + 2}::numeric, $${4 * i + 3}::timestamptz, $${4 * i + 4}::timestamptz)`);
  await s.db.query(`INSERT INTO opportunities (name, owner_id, stage, amount, opened_at, closed_at) VALUES ${values.join(', ')}`, rows.flat());
});
after(async () => s.close());

test('the scan creates default rules and finds the injected bookings spike, with its evidence band', async () => {
  const { managerA, repB1, managerB, repA1 } = s.users;
  assert.equal((await s.call(repA1, 'POST', '/api/v1/alerts/scan', { as_of: AS_OF })).status, 403);
  const scan = await s.call(s.users.admin, 'POST', '/api/v1/alerts/scan', { as_of: AS_OF });
  assert.equal(scan.status, 200, JSON.stringify(scan.body));
  assert.equal(scan.body.default_rules_created, 8); // 4 KPIs × 2 teams
  const spikes = scan.body.alerts.filter((a: { kpi: string; scope_id: string }) => a.kpi === 'bookings' && a.scope_id === teamA);
  assert.equal(spikes.length, 1, JSON.stringify(scan.body.alerts.map((a: { title: string }) => a.title)));
  const alert = spikes[0];
  assert.equal(alert.period, SPIKE_WEEK);
  assert.equal(alert.kind, 'spike');
  assert.ok(alert.observed > alert.upper, `observed ${alert.observed} above band ${alert.upper}`);
  assert.ok(alert.observed >= 50000);
  assert.ok(alert.score >= 4);
  assert.equal(alert.evidence.series.length, 104);
  const point = alert.evidence.series.find((p: { period: string }) => p.period === SPIKE_WEEK);
  assert.equal(point.value, alert.observed);
  assert.ok(point.lower < point.expected && point.expected < point.upper);
  assert.ok(alert.links.some((l: { module: string }) => l.module === 'learn'));
  assert.ok(!JSON.stringify(scan.body).includes('NaN'));
  // Nothing happened to Team B: no alerts there.
  assert.equal(scan.body.alerts.filter((a: { scope_id: string }) => a.scope_id !== teamA).length, 0);

  const again = await s.call(s.users.admin, 'POST', '/api/v1/alerts/scan', { as_of: AS_OF });
  assert.equal(again.body.alerts_created, 0, 'one alert per rule and period');
  assert.equal(again.body.default_rules_created, 0);

  const feed = await s.call(managerA, 'GET', '/api/v1/alerts');
  assert.ok(feed.body.data.some((a: { id: string }) => a.id === alert.id));
  assert.equal((await s.call(repB1, 'GET', '/api/v1/alerts')).body.data.length, 0);
  assert.equal((await s.call(managerB, 'GET', `/api/v1/alerts/${alert.id}`)).status, 404);
  assert.equal((await s.call(repB1, 'POST', `/api/v1/alerts/${alert.id}/ack`)).status, 404);

  const notes = await s.call(managerA, 'GET', '/api/v1/notifications');
  assert.ok(notes.body.data.some((n: { kind: string; link: string }) => n.kind === 'alert' && n.link === `/alerts/${alert.id}`));
  assert.equal((await s.call(managerB, 'GET', '/api/v1/notifications')).body.data.filter((n: { kind: string }) => n.kind === 'alert').length, 0);

  const ack = await s.call(managerA, 'POST', `/api/v1/alerts/${alert.id}/ack`);
  assert.equal(ack.body.status, 'acknowledged');
  assert.equal(ack.body.acknowledged_by, managerA.id);
  assert.equal((await s.call(managerA, 'GET', '/api/v1/alerts')).body.open_count, feed.body.open_count - 1);
});

test('threshold and target rules; rule access and validation', async () => {
  const { managerA, repB1, repA1 } = s.users;
  const bad = await s.call(managerA, 'POST', '/api/v1/alerts/rules', { kpi: 'bookings', scope: 'team', scope_id: teamA, kind: 'threshold', params: { value: 1000 } });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.errors[0].field, 'params.op');
  assert.equal((await s.call(repB1, 'POST', '/api/v1/alerts/rules', { kpi: 'bookings', scope: 'team', scope_id: teamA, kind: 'anomaly' })).status, 404);

  const target = await s.call(managerA, 'POST', '/api/v1/alerts/rules', { kpi: 'bookings', scope: 'team', scope_id: teamA, kind: 'target', frequency: 'week', params: { value: 20000, recent: 2 } });
  assert.equal(target.status, 201, JSON.stringify(target.body));
  const threshold = await s.call(repA1, 'POST', '/api/v1/alerts/rules', { kpi: 'win_rate', kind: 'threshold', frequency: 'month', params: { op: 'lt', value: 0.5 } });
  assert.equal(threshold.status, 201);
  assert.equal(threshold.body.scope, 'rep');
  assert.equal(threshold.body.scope_id, repA1.id);

  const scan = await s.call(managerA, 'POST', '/api/v1/alerts/scan', { as_of: AS_OF });
  const missed = scan.body.alerts.filter((a: { rule_id: string }) => a.rule_id === target.body.id);
  // The last two complete weeks (2026-05-18 spike ≈ 62,000; 2026-05-25 ≈ 12,000): only the second misses 20,000.
  assert.deepEqual(missed.map((a: { period: string }) => a.period), ['2026-05-25']);
  assert.equal(missed[0].kind, 'target');
  assert.equal(missed[0].expected, 20000);
  assert.ok(missed[0].deviation < 0);
  assert.equal(scan.body.alerts.filter((a: { rule_id: string }) => a.rule_id === threshold.body.id).length, 0); // win rate is 1

  const rules = await s.call(repB1, 'GET', '/api/v1/alerts/rules');
  assert.ok(rules.body.data.every((r: { scope_id: string }) => r.scope_id !== teamA));
  const patched = await s.call(managerA, 'PATCH', `/api/v1/alerts/rules/${target.body.id}`, { enabled: false, params: { value: 15000 } });
  assert.equal(patched.body.enabled, false);
  assert.equal(patched.body.params.value, 15000);
  assert.equal(patched.body.params.recent, 2);
  assert.equal((await s.call(repB1, 'DELETE', `/api/v1/alerts/rules/${target.body.id}`)).status, 404);
  assert.equal((await s.call(managerA, 'DELETE', `/api/v1/alerts/rules/${target.body.id}`)).status, 204);
});

test('alert titles, bodies, scope names and links follow Accept-Language (en, zh), stored alerts and notifications included', async () => {
  const { managerA } = s.users;
  const en = await s.call(managerA, 'GET', '/api/v1/alerts?status=all&kpi=bookings');
  const spike = en.body.data.find((a: { period: string; kind: string }) => a.period === SPIKE_WEEK && a.kind === 'spike');
  assert.ok(spike, JSON.stringify(en.body.data.map((a: { title: string }) => a.title)));
  assert.equal(spike.title, `Bookings spike for Team A in the week of ${SPIKE_WEEK}`);
  assert.ok(spike.links.some((l: { label: string }) => l.label === 'Playbooks from similar won deals'));
  // The title column keeps the English; what readers get is rebuilt from the row in their language.
  const stored = await s.db.query<{ title: string }>('SELECT title FROM alerts WHERE id = $1', [spike.id]);
  assert.equal(stored.rows[0].title, spike.title);
  const zh = await s.call(managerA, 'GET', `/api/v1/alerts/${spike.id}`, undefined, { 'accept-language': 'zh-CN' });
  assert.equal(zh.status, 200);
  assert.equal(zh.body.title, `Team A的签约额在 ${SPIKE_WEEK} 当周激增`);
  assert.ok(zh.body.links.some((l: { label: string }) => l.label === '相似赢单的销售打法'), JSON.stringify(zh.body.links));
  assert.equal(zh.body.scope_name, 'Team A');

  const notesEn = (await s.call(managerA, 'GET', '/api/v1/notifications')).body.data.find((n: { link: string }) => n.link === `/alerts/${spike.id}`);
  const notesZh = (await s.call(managerA, 'GET', '/api/v1/notifications', undefined, { 'accept-language': 'zh' })).body.data.find((n: { link: string }) => n.link === `/alerts/${spike.id}`);
  assert.equal(notesEn.title, spike.title);
  assert.match(notesEn.body, /^Observed [\d,.]+ \(expected [\d,.]+, band [\d,.—-]+ to [\d,.—-]+\)\.$/);
  assert.equal(notesZh.title, zh.body.title);
  assert.match(notesZh.body, /^实际值 [\d,.]+（预期 [\d,.]+，区间 .+ 至 .+）。$/);
  assert.equal(notesZh.payload.texts, undefined, 'the texts are not repeated in the payload');
  assert.equal(notesZh.payload.alert_id, spike.id);
  // A notification stored as plain text (before texts existed) reads as it was written.
  await s.db.query(`INSERT INTO notifications (user_id, kind, title, body, link, payload) VALUES ($1, 'alert', 'Old title', 'Old body', '/alerts/old', '{}')`, [managerA.id]);
  const old = (await s.call(managerA, 'GET', '/api/v1/notifications', undefined, { 'accept-language': 'zh' })).body.data.find((n: { link: string }) => n.link === '/alerts/old');
  assert.deepEqual([old.title, old.body], ['Old title', 'Old body']);
});
