import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../../api/testing.ts';
import { generateDemo } from '../demo/generate.ts';

describe('pipeline API', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
    await generateDemo(s.db, { seed: 5, size: 'small', now: new Date('2025-06-15T12:00:00Z'), plan: { leads: 500, accounts: 60 } });
    // Hand one demo rep's deals to repA1 (Team A).
    const [top] = (await s.db.query<{ owner_id: string }>(`SELECT owner_id FROM opportunities WHERE stage NOT IN ('won','lost') GROUP BY owner_id ORDER BY count(*) DESC LIMIT 1`)).rows;
    await s.db.query(`UPDATE opportunities SET owner_id = $1 WHERE owner_id = $2`, [s.users.repA1.id, top.owner_id]);
  });
  after(async () => s?.close());

  test('train (managers, admins), then deals, one deal and the forecast; reps see their own', async () => {
    assert.equal((await s.call(s.users.repA1, 'POST', '/api/v1/pipeline/train')).status, 403);
    const trained = await s.call(s.users.managerA, 'POST', '/api/v1/pipeline/train');
    assert.equal(trained.status, 200, JSON.stringify(trained.body));
    assert.equal(trained.body.version, 1);
    assert.ok(trained.body.holdout.auc > 0.5 && trained.body.holdout.brier < 0.3, JSON.stringify(trained.body));
    const models = await s.call(s.users.admin, 'GET', '/api/v1/models?kind=win-probability');
    assert.equal(models.body.data[0].active, true);

    const all = await s.call(s.users.admin, 'GET', '/api/v1/pipeline/deals');
    assert.equal(all.status, 200);
    const mine = await s.call(s.users.repA1, 'GET', '/api/v1/pipeline/deals');
    assert.ok(mine.body.data.length > 0 && mine.body.data.every((d: any) => d.owner_id === s.users.repA1.id));
    const team = await s.call(s.users.managerA, 'GET', '/api/v1/pipeline/deals');
    assert.equal(team.body.data.length, mine.body.data.length);
    assert.equal((await s.call(s.users.managerB, 'GET', '/api/v1/pipeline/deals')).body.data.length, 0);
    const stage = mine.body.data[0].stage;
    const byStage = await s.call(s.users.admin, 'GET', `/api/v1/pipeline/deals?stage=${stage}`);
    assert.ok(byStage.body.data.every((d: any) => d.stage === stage));

    const id = mine.body.data[0].id;
    const one = await s.call(s.users.repA1, 'GET', `/api/v1/opportunities/${id}/win-probability`);
    assert.equal(one.status, 200);
    assert.equal(one.body.win_probability, mine.body.data[0].win_probability);
    assert.equal((await s.call(s.users.repB1, 'GET', `/api/v1/opportunities/${id}/win-probability`)).status, 404);
    // Reasons and risk signals follow Accept-Language; English without it.
    const withRisk = all.body.data.find((d: any) => d.risks.some((r: any) => r.code === 'no_recent_activity'));
    assert.ok(withRisk, 'some deal has gone quiet in the demo');
    const quiet = withRisk.risks.find((r: any) => r.code === 'no_recent_activity');
    assert.match(quiet.message, /^No activity in \d+ days$/);
    const zh = await s.call(s.users.admin, 'GET', `/api/v1/opportunities/${withRisk.id}/win-probability`, undefined, { 'accept-language': 'zh-CN' });
    assert.match(zh.body.risks.find((r: any) => r.code === 'no_recent_activity').message, /^已 \d+ 天没有活动$/);
    const stageReasonEn = one.body.reasons.find((r: any) => r.feature === 'stage');
    if (stageReasonEn) assert.equal(stageReasonEn.label, 'Stage');
    const zhOne = await s.call(s.users.repA1, 'GET', `/api/v1/opportunities/${id}/win-probability`, undefined, { 'accept-language': 'zh' });
    assert.ok(zhOne.body.reasons.every((r: any) => typeof r.label === 'string' && typeof r.value === 'string' && /[\u4e00-\u9fff]/.test(r.label)), JSON.stringify(zhOne.body.reasons));
    assert.equal((await s.call(s.users.admin, 'GET', `/api/v1/opportunities/00000000-0000-0000-0000-000000000000/win-probability`)).status, 404);

    const f = await s.call(s.users.admin, 'GET', '/api/v1/pipeline/forecast?months=3&simulations=1000&seed=2');
    assert.equal(f.status, 200, JSON.stringify(f.body));
    assert.equal(f.body.months.length, 3);
    for (const m of [...f.body.months, f.body.quarter]) assert.ok(m.p10 <= m.p50 && m.p50 <= m.p90);
    assert.deepEqual((await s.call(s.users.admin, 'GET', '/api/v1/pipeline/forecast?months=3&simulations=1000&seed=2')).body, f.body);
    assert.equal(f.body.quarter.label, 'next 3 months');
    assert.equal(f.body.categories.commit, 'win probability ≥ 0.7');
    const fZh = await s.call(s.users.admin, 'GET', '/api/v1/pipeline/forecast?months=3&simulations=1000&seed=2', undefined, { 'accept-language': 'zh-CN' });
    assert.equal(fZh.body.quarter.label, '未来 3 个月');
    assert.equal(fZh.body.categories.commit, '赢单概率 ≥ 0.7');
    assert.equal(fZh.body.run_rate.note, '未关联任何商机的订单预测');
    const repF = await s.call(s.users.repA1, 'GET', '/api/v1/pipeline/forecast?simulations=500');
    assert.equal(repF.body.deals_count, mine.body.data.length);
  });

  test('bad parameters answer 400', async () => {
    for (const q of ['months=0', 'months=13', 'simulations=5', 'slip=maybe', 'seed=-1']) {
      assert.equal((await s.call(s.users.admin, 'GET', `/api/v1/pipeline/forecast?${q}`)).status, 400, q);
    }
    assert.equal((await s.call(s.users.admin, 'GET', '/api/v1/pipeline/deals?stage=won')).status, 400);
    assert.equal((await s.call(s.users.admin, 'GET', '/api/v1/pipeline/deals?owner_id=bob')).status, 400);
  });
});
