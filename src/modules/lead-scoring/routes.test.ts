import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../../api/testing.ts';
import { Rng } from '../../ml/random.ts';

/** Labelled history with a real signal in source and website visits, owned by the admin. */
async function insertHistory(server: TestServer, n: number): Promise<void> {
  const rng = new Rng(11);
  const sources = ['Web', 'Referral', 'Event', 'Outbound'];
  const lift: Record<string, number> = { Web: 0, Referral: 1.5, Event: 0.5, Outbound: -1 };
  const rows = Array.from({ length: n }, (_, i) => {
    const source = rng.pick(sources);
    const visits = rng.poisson(3);
    const p = 1 / (1 + Math.exp(-(-1 + lift[source] + 0.3 * (visits - 3))));
    return { name: `Lead ${i}`, source, visits, converted: rng.bernoulli(p), created: new Date(Date.UTC(2025, 0, 1) + i * 86_400_000 / 2).toISOString() };
  });
  await server.db.query(
    `INSERT INTO leads (name, source, industry, attributes, converted, created_at, owner_id)
     SELECT u.name, u.source, 'Software', jsonb_build_object('website_visits', u.visits), u.converted, u.created::timestamptz, $6
       FROM unnest($1::text[], $2::text[], $3::int[], $4::boolean[], $5::text[]) AS u(name, source, visits, converted, created)`,
    [rows.map((r) => r.name), rows.map((r) => r.source), rows.map((r) => r.visits), rows.map((r) => r.converted), rows.map((r) => r.created), server.users.admin.id],
  );
}

describe('lead scoring API', () => {
  let server: TestServer;
  let leadId: string;
  before(async () => (server = await startTestServer()));
  after(async () => server?.close());

  test('training needs a manager or admin and labelled leads', async () => {
    const { users, call } = server;
    assert.equal((await call(users.repA1, 'POST', '/api/v1/lead-scoring/train', {})).status, 403);
    const empty = await call(users.admin, 'POST', '/api/v1/lead-scoring/train', {});
    assert.equal(empty.status, 400);
    assert.match(empty.body.detail ?? empty.body.title ?? '', /no labelled leads/);
    assert.equal((await call(users.admin, 'GET', '/api/v1/lead-scoring/model')).status, 404);
  });

  test('train, then the evaluation report of the active model', async () => {
    const { users, call } = server;
    await insertHistory(server, 400);
    const trained = await call(users.managerA, 'POST', '/api/v1/lead-scoring/train', { model: 'logistic' });
    assert.equal(trained.status, 200, JSON.stringify(trained.body));
    assert.equal(trained.body.version, 1);
    assert.equal(trained.body.promoted, true);
    assert.ok(trained.body.metrics.auc > 0.65, `AUC ${trained.body.metrics.auc}`);
    assert.equal(trained.body.metrics.holdout_rows, 80);
    const report = await call(users.repA1, 'GET', '/api/v1/lead-scoring/model');
    assert.equal(report.status, 200);
    assert.equal(report.body.version, 1);
    for (const key of ['roc', 'reliability', 'lift', 'importances', 'grade_cutoffs']) assert.ok(Array.isArray(report.body[key]) && report.body[key].length > 0, key);
    assert.ok(['source', 'attr.website_visits'].includes(report.body.importances[0].column), JSON.stringify(report.body.importances.slice(0, 3)));
    const models = await call(users.repA1, 'GET', '/api/v1/lead-scoring/models');
    assert.deepEqual(models.body.data.map((m: { version: number; active: boolean }) => [m.version, m.active]), [[1, true]]);
  });

  test('a lead created or updated through the API is scored in the same write', async () => {
    const { users, call } = server;
    const created = await call(users.repA1, 'POST', '/api/v1/leads', { name: 'Zoe Quinn', company: 'Acme', source: 'Referral', attributes: { website_visits: 9 } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    leadId = created.body.id;
    const score = await call(users.repA1, 'GET', `/api/v1/leads/${leadId}/score`);
    assert.equal(score.status, 200);
    assert.ok(score.body.score > 0 && score.body.score < 1);
    assert.match(score.body.grade, /^[ABCD]$/);
    assert.equal(score.body.model_version, 1);
    assert.equal(score.body.history.length, 1);
    const sum = score.body.reasons.reduce((s: number, r: { contribution: number }) => s + r.contribution, 0);
    assert.ok(Math.abs(sum - (score.body.log_odds - score.body.base_log_odds)) < 1e-9);
    const source = score.body.reasons.find((r: { column: string }) => r.column === 'source');
    assert.equal(source.label, 'Lead source: Referral');
    assert.equal(source.direction, 'up');
    assert.equal(score.headers.get('content-language'), 'en');
    // The stored reasons render in the reader's language: Accept-Language, then English by default.
    const zh = await call(users.repA1, 'GET', `/api/v1/leads/${leadId}/score`, undefined, { 'accept-language': 'zh-CN,zh;q=0.9' });
    assert.equal(zh.headers.get('content-language'), 'zh-CN');
    assert.equal(zh.body.reasons.find((r: { column: string }) => r.column === 'source').label, '线索来源：Referral');
    const listZh = await call(users.repA1, 'GET', '/api/v1/lead-scores', undefined, { 'accept-language': 'zh-CN' });
    assert.ok(listZh.body.data[0].top_reasons.every((r: { label: unknown }) => typeof r.label === 'string' && /：|（/.test(r.label as string)), JSON.stringify(listZh.body.data[0].top_reasons));
    const report = await call(users.managerA, 'GET', '/api/v1/lead-scoring/model', undefined, { 'accept-language': 'zh' });
    assert.ok(report.body.importances.some((i: { column: string; label: string }) => i.column === 'source' && i.label === '线索来源'), JSON.stringify(report.body.importances));
    // A row stored before reasons were translated (plain strings) still reads as it was written.
    await server.db.query(`UPDATE lead_scores SET reasons = '[{"code":"source","label":"Lead source: Referral","column":"source","direction":"up","contribution":0.5,"points":5}]'::jsonb WHERE lead_id = $1`, [leadId]);
    const old = await call(users.repA1, 'GET', `/api/v1/leads/${leadId}/score`, undefined, { 'accept-language': 'zh-CN' });
    assert.equal(old.body.reasons[0].label, 'Lead source: Referral');
    const patched = await call(users.repA1, 'PATCH', `/api/v1/leads/${leadId}`, { source: 'Outbound' });
    assert.equal(patched.status, 200);
    const rescored = await call(users.repA1, 'GET', `/api/v1/leads/${leadId}/score`);
    assert.equal(rescored.body.history.length, 2);
    assert.ok(rescored.body.score < score.body.score, 'Outbound converts less than Referral in this history');
  });

  test('scores follow row-level access', async () => {
    const { users, call } = server;
    assert.equal((await call(users.repB1, 'GET', `/api/v1/leads/${leadId}/score`)).status, 404);
    assert.equal((await call(users.managerB, 'GET', `/api/v1/leads/${leadId}/score`)).status, 404);
    assert.equal((await call(users.managerA, 'GET', `/api/v1/leads/${leadId}/score`)).status, 200);
    const mine = await call(users.repA1, 'GET', '/api/v1/lead-scores');
    assert.equal(mine.status, 200);
    assert.deepEqual(mine.body.data.map((r: { lead_id: string }) => r.lead_id), [leadId]);
    assert.equal(mine.body.data[0].name, 'Zoe Quinn');
    assert.ok(mine.body.data[0].top_reasons.length <= 3 && mine.body.data[0].top_reasons.length > 0);
    assert.equal((await call(users.repB1, 'GET', '/api/v1/lead-scores')).body.total, 0);
  });

  test('score-all, listing by score, and what-if scoring', async () => {
    const { users, call } = server;
    assert.equal((await call(users.repA1, 'POST', '/api/v1/lead-scoring/score-all', {})).status, 403);
    const all = await call(users.admin, 'POST', '/api/v1/lead-scoring/score-all', { scope: 'all' });
    assert.equal(all.status, 200);
    assert.equal(all.body.scored, 401);
    assert.ok(Number.isFinite(all.body.psi_score));
    const list = await call(users.admin, 'GET', '/api/v1/lead-scores?limit=20');
    assert.equal(list.body.data.length, 20);
    assert.equal(list.body.total, 401);
    const scores = list.body.data.map((r: { score: number }) => r.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
    const gradeA = await call(users.admin, 'GET', '/api/v1/lead-scores?grade=A&limit=1000');
    assert.ok(gradeA.body.data.every((r: { grade: string }) => r.grade === 'A'));
    const hot = await call(users.repB1, 'POST', '/api/v1/lead-scoring/score', { source: 'Referral', attributes: { website_visits: 12 } });
    const cold = await call(users.repB1, 'POST', '/api/v1/lead-scoring/score', { source: 'Outbound', attributes: { website_visits: 0 } });
    assert.equal(hot.status, 200);
    assert.ok(hot.body.score > cold.body.score);
    assert.equal((await call(users.repB1, 'POST', '/api/v1/lead-scoring/score', { calls: -1 })).status, 400);
  });

  test('thresholds by capacity are stored; activation is for admins', async () => {
    const { users, call } = server;
    const bad = await call(users.managerA, 'POST', '/api/v1/lead-scoring/thresholds', { capacity: 10, precision: 0.5 });
    assert.equal(bad.status, 400);
    const chosen = await call(users.managerA, 'POST', '/api/v1/lead-scoring/thresholds', { capacity: 20, per: 'week' });
    assert.equal(chosen.status, 200, JSON.stringify(chosen.body));
    assert.equal(chosen.body.stored, true);
    assert.ok(chosen.body.tradeoff.length > 0);
    const report = await call(users.admin, 'GET', '/api/v1/lead-scoring/model');
    assert.equal(report.body.grade_cutoffs[0], chosen.body.threshold);
    assert.equal(report.body.threshold_choice.rule, 'capacity');
    assert.equal((await call(users.managerA, 'POST', '/api/v1/lead-scoring/models/1/activate')).status, 403);
    assert.equal((await call(users.admin, 'POST', '/api/v1/lead-scoring/models/99/activate')).status, 404);
    assert.equal((await call(users.admin, 'POST', '/api/v1/lead-scoring/models/1/activate')).status, 200);
  });
});
