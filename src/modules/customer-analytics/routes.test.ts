import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../../api/testing.ts';
import { generateDemo } from '../demo/generate.ts';

describe('customers API', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
    await generateDemo(s.db, { seed: 6, size: 'small', now: new Date('2025-06-15T12:00:00Z'), plan: { leads: 100, accounts: 80 } });
    const [top] = (await s.db.query<{ owner_id: string }>(`SELECT owner_id FROM accounts GROUP BY owner_id ORDER BY count(*) DESC LIMIT 1`)).rows;
    await s.db.query(`UPDATE accounts SET owner_id = $1 WHERE owner_id = $2`, [s.users.repA1.id, top.owner_id]);
  });
  after(async () => s?.close());

  test('recompute, segments, ranked customers and a profile with recommendations; scoped by owner', async () => {
    assert.equal((await s.call(s.users.repA1, 'POST', '/api/v1/customers/recompute')).status, 403);
    const r = await s.call(s.users.admin, 'POST', '/api/v1/customers/recompute');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.ok(r.body.customers > 20);
    const seg = await s.call(s.users.admin, 'GET', '/api/v1/customers/segments');
    assert.equal(seg.body.customers, r.body.customers);
    assert.ok(seg.body.segments.every((g: any) => typeof g.description === 'string' && g.description.length > 10));
    const list = await s.call(s.users.admin, 'GET', '/api/v1/customers?sort=value&limit=10');
    assert.equal(list.body.data.length, 10);
    for (const k of ['account_id', 'name', 'segment', 'p_alive', 'expected_purchases_12m', 'value_12m', 'churn_risk']) assert.ok(k in list.body.data[0], k);
    const id = list.body.data[0].account_id;
    const p = await s.call(s.users.admin, 'GET', `/api/v1/customers/${id}`);
    assert.equal(p.status, 200);
    assert.ok(p.body.recommendations.length > 0 && p.body.recommendations[0].explanation);
    assert.match(p.body.recommendations[0].explanation, /^Customers who bought .+ also bought |is popular with customers right now$/);
    assert.match(p.body.segment, /spenders/);
    // Stored segment names and explanations render in the reader's language.
    const pZh = await s.call(s.users.admin, 'GET', `/api/v1/customers/${id}`, undefined, { 'accept-language': 'zh-CN' });
    assert.match(pZh.body.recommendations[0].explanation, /^买了 .+ 的客户也买了 |目前很受客户欢迎$/);
    assert.match(pZh.body.segment, /客户，/);
    const segZh = await s.call(s.users.admin, 'GET', '/api/v1/customers/segments', undefined, { 'accept-language': 'zh' });
    assert.ok(segZh.body.segments.every((g: any) => /客户，/.test(g.description) && g.name === g.description), JSON.stringify(segZh.body.segments));
    // A snapshot stored before texts were translated (plain strings) still reads as it was written.
    await s.db.query(`UPDATE customer_snapshots SET segments = jsonb_set(segments, '{0,description}', '"Old plain words"')`);
    const old = await s.call(s.users.admin, 'GET', '/api/v1/customers/segments', undefined, { 'accept-language': 'zh' });
    assert.equal(old.body.segments[0].description, 'Old plain words');

    const mine = await s.call(s.users.repA1, 'GET', '/api/v1/customers?limit=1000');
    const owned = new Set((await s.db.query<{ id: string }>(`SELECT id FROM accounts WHERE owner_id = $1`, [s.users.repA1.id])).rows.map((x) => x.id));
    assert.ok(mine.body.data.length > 0 && mine.body.data.every((c: any) => owned.has(c.account_id)));
    const other = (await s.call(s.users.admin, 'GET', '/api/v1/customers?limit=1000')).body.data.find((c: any) => !owned.has(c.account_id));
    assert.equal((await s.call(s.users.repA1, 'GET', `/api/v1/customers/${other.account_id}`)).status, 404);
    assert.equal((await s.call(s.users.managerB, 'GET', '/api/v1/customers')).body.data.length, 0);
    assert.equal((await s.call(s.users.admin, 'GET', '/api/v1/customers?sort=name')).status, 400);
    assert.equal((await s.call(s.users.admin, 'GET', '/api/v1/customers/not-an-id')).status, 404);
  });
});
