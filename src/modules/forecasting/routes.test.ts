import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../../api/testing.ts';
import { generateDemo } from '../demo/generate.ts';

describe('GET /api/v1/forecasts', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
    await generateDemo(s.db, { seed: 9, size: 'small', now: new Date('2025-06-15T12:00:00Z'), plan: { leads: 150, accounts: 60 } });
    // Hand two demo reps' books to the test users: repA1 (Team A) and repB1 (Team B).
    const reps = (await s.db.query<{ owner_id: string }>(`SELECT owner_id FROM orders GROUP BY owner_id ORDER BY count(*) DESC LIMIT 2`)).rows;
    await s.db.query(`UPDATE orders SET owner_id = $1 WHERE owner_id = $2`, [s.users.repA1.id, reps[0].owner_id]);
    await s.db.query(`UPDATE orders SET owner_id = $1 WHERE owner_id = $2`, [s.users.repB1.id, reps[1].owner_id]);
  });
  after(async () => s?.close());

  test('forecast with intervals, backtest sentence and reconciled children', async () => {
    const r = await s.call(s.users.admin, 'GET', '/api/v1/forecasts?level=total&children=region&frequency=month&horizon=3&as_of=2025-06-10');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const f = r.body;
    assert.equal(f.as_of, '2025-06-10');
    assert.equal(f.forecast.length, 3);
    assert.equal(f.history.at(-1).partial, true);
    assert.match(f.backtest.sentence, /MASE/);
    assert.equal(f.backtest.baseline.method, 'naive2');
    f.forecast.forEach((p: any, t: number) => {
      const sum = f.children.reduce((a: number, c: any) => a + c.forecast[t].mean, 0);
      assert.ok(Math.abs(sum - p.mean) < 0.05);
    });
    const levels = await s.call(s.users.admin, 'GET', '/api/v1/forecasts/levels');
    assert.equal(levels.status, 200);
    assert.deepEqual(levels.body.levels.map((l: any) => l.level), ['total', 'product', 'family', 'region', 'team', 'rep', 'segment']);
    const bt = await s.call(s.users.admin, 'GET', '/api/v1/forecasts/backtest?horizon=2&origins=3&frequency=month');
    assert.equal(bt.status, 200);
    assert.equal(bt.body.origins.length, 3);
    assert.match(bt.body.sentence, /^This model's error over the last 3 origins: /);
    // Sentences and reasons follow Accept-Language.
    const zh = await s.call(s.users.admin, 'GET', '/api/v1/forecasts/backtest?horizon=2&origins=3&frequency=month', undefined, { 'accept-language': 'zh-CN,zh;q=0.9' });
    assert.match(zh.body.sentence, /^此模型在最近 3 个预测起点上的误差：/);
    const fZh = await s.call(s.users.admin, 'GET', '/api/v1/forecasts?level=total&children=region&frequency=month&horizon=3&as_of=2025-06-10', undefined, { 'accept-language': 'zh' });
    assert.match(fZh.body.backtest.sentence, /^此模型在最近 \d+ 个预测起点上的误差/);
    assert.ok(fZh.body.reconciliation_detail.reason === null || /[\u4e00-\u9fff]/.test(fZh.body.reconciliation_detail.reason), fZh.body.reconciliation_detail.reason);
  });

  test('reps forecast their own orders, managers their team, admins all', async () => {
    const get = async (u: any) => (await s.call(u, 'GET', '/api/v1/forecasts?as_of=2025-06-10')).body.history.reduce((a: number, h: any) => a + h.value, 0);
    const [repA1, managerA, managerB, admin] = [await get(s.users.repA1), await get(s.users.managerA), await get(s.users.managerB), await get(s.users.admin)];
    assert.ok(repA1 > 0 && Math.abs(repA1 - managerA) < 0.01, 'Team A = repA1 (repA2 has no orders)');
    assert.ok(managerB > 0 && managerB < admin && repA1 < admin);
    const repLevels = await s.call(s.users.repA1, 'GET', '/api/v1/forecasts/levels');
    assert.deepEqual(repLevels.body.levels.find((l: any) => l.level === 'rep').keys.map((k: any) => k.key), [s.users.repA1.id]);
  });

  test('bad parameters answer 400 naming the parameter and value', async () => {
    for (const [query, column] of [['level=planet', 'level'], ['frequency=hour', 'frequency'], ['horizon=0', 'horizon'], ['horizon=61', 'horizon'], ['method=magic', 'method'], ['as_of=2025-13-01', 'as_of'], ['level=rep', 'key'], ['measure=profit', 'measure']]) {
      const r = await s.call(s.users.admin, 'GET', `/api/v1/forecasts?${query}`);
      assert.equal(r.status, 400, query);
      assert.match(r.headers.get('content-type') ?? '', /problem\+json/);
      assert.ok(JSON.stringify(r.body).includes(column), `${query}: ${JSON.stringify(r.body)}`);
    }
    assert.equal((await s.call(null, 'GET', '/api/v1/forecasts')).status, 401);
  });
});
