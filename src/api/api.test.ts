// The REST API's contract: CRUD, filters, sorting, cursor pages, bulk writes, OpenAPI, and
// problem+json for every kind of bad request, with nothing changed by a rejected request.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing.ts';

describe('REST API', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer({ bodyLimit: 64 * 1024 });
  });
  after(() => s.close());

  const admin = () => s.users.admin;
  const problem = (r: { status: number; headers: Headers; body: any }, status: number) => {
    assert.equal(r.status, status, JSON.stringify(r.body));
    assert.equal(r.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.equal(r.body.status, status);
    assert.ok(r.body.title && r.body.request_id);
  };

  test('create, read, update, delete, with stage history', async () => {
    const acct = await s.call(admin(), 'POST', '/api/v1/accounts', { name: 'Acme 制造', industry: 'Manufacturing', employees: 1200 });
    assert.equal(acct.status, 201);
    const opp = await s.call(admin(), 'POST', '/api/v1/opportunities', { name: 'Acme expansion', account_id: acct.body.id, amount: 125000.5, stage: 'Closed Won', expected_close: '2026-12-31' });
    assert.equal(opp.status, 201, JSON.stringify(opp.body));
    assert.equal(opp.body.stage, 'won', 'synonyms map to the canonical stage');
    assert.equal(opp.body.amount, 125000.5);
    const moved = await s.call(admin(), 'PATCH', `/api/v1/opportunities/${opp.body.id}`, { stage: 'negotiation' });
    assert.equal(moved.body.stage, 'negotiation');
    const history = await s.call(admin(), 'GET', `/api/v1/opportunities/${opp.body.id}/stage-history`);
    assert.deepEqual(history.body.data.map((h: { from_stage: string | null; to_stage: string }) => [h.from_stage, h.to_stage]), [[null, 'won'], ['won', 'negotiation']]);
    assert.equal((await s.call(admin(), 'DELETE', `/api/v1/opportunities/${opp.body.id}`)).status, 204);
    assert.equal((await s.call(admin(), 'GET', `/api/v1/opportunities/${opp.body.id}`)).status, 404);
  });

  test('filters, sorting and cursor pagination visit every row once', async () => {
    const items = Array.from({ length: 23 }, (_, i) => ({ external_id: `P${i}`, name: `Product ${String(i).padStart(2, '0')}`, list_price: i % 5 === 0 ? null : i * 10, family: i % 2 ? 'Odd' : 'Even' }));
    const bulk = await s.call(admin(), 'POST', '/api/v1/products/bulk', { items });
    assert.equal(bulk.status, 200, JSON.stringify(bulk.body));
    const seen: string[] = [];
    let cursor: string | null = null;
    let prices: (number | null)[] = [];
    do {
      const page: { body: { data: { name: string; list_price: number | null }[]; next_cursor: string | null } } = await s.call(admin(), 'GET', `/api/v1/products?sort=-list_price&limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.data.map((p) => p.name));
      prices = prices.concat(page.body.data.map((p) => p.list_price));
      cursor = page.body.next_cursor;
    } while (cursor);
    assert.equal(seen.length, 23);
    assert.equal(new Set(seen).size, 23);
    const nonNull = prices.filter((p) => p !== null) as number[];
    assert.deepEqual(nonNull, [...nonNull].sort((a, b) => b - a), 'descending');
    assert.deepEqual(prices.slice(-5), [null, null, null, null, null], 'nulls last');
    const odd = await s.call(admin(), 'GET', '/api/v1/products?family=Odd&list_price[gte]=100&sort=name');
    assert.deepEqual(odd.body.data.map((p: { name: string }) => p.name), ['Product 11', 'Product 13', 'Product 17', 'Product 19', 'Product 21']);
    const some = await s.call(admin(), 'GET', '/api/v1/products?external_id[in]=P1,P2&name[contains]=duct 0');
    assert.equal(some.body.data.length, 2);
    const missing = await s.call(admin(), 'GET', '/api/v1/products?list_price[null]=true');
    assert.equal(missing.body.data.length, 5);
  });

  test('bulk writes are all or nothing', async () => {
    const before = await s.call(admin(), 'GET', '/api/v1/accounts?limit=1000');
    const r = await s.call(admin(), 'POST', '/api/v1/accounts/bulk', { items: [{ name: 'Fine Co' }, { name: 'Bad Co', employees: 'many' }] });
    problem(r, 400);
    assert.equal(r.body.errors[0].field, 'items.1.employees');
    const after = await s.call(admin(), 'GET', '/api/v1/accounts?limit=1000');
    assert.equal(after.body.data.length, before.body.data.length);
  });

  test('bad JSON, wrong types, unknown fields, oversized bodies and bad queries are 4xx problems', async () => {
    problem(await s.call(admin(), 'POST', '/api/v1/leads', '{"name": "x"', { 'content-type': 'application/json' }), 400);
    const wrongType = await s.call(admin(), 'POST', '/api/v1/leads', { name: 42 });
    problem(wrongType, 400);
    assert.equal(wrongType.body.errors[0].field, 'name');
    const unknown = await s.call(admin(), 'POST', '/api/v1/leads', { name: 'x', favourite_colour: 'blue' });
    problem(unknown, 400);
    assert.equal(unknown.body.errors[0].field, 'favourite_colour');
    problem(await s.call(admin(), 'POST', '/api/v1/leads', { name: 'x', status: 'sleeping' }), 400);
    problem(await s.call(admin(), 'POST', '/api/v1/leads', { name: 'x'.repeat(70_000) }), 413);
    problem(await s.call(admin(), 'GET', '/api/v1/leads?colour=blue'), 400);
    problem(await s.call(admin(), 'GET', '/api/v1/leads?limit=0'), 400);
    problem(await s.call(admin(), 'GET', '/api/v1/leads?cursor=garbage'), 400);
    problem(await s.call(admin(), 'GET', '/api/v1/leads/not-a-uuid'), 400);
    problem(await s.call(admin(), 'POST', '/api/v1/opportunities', { account_id: '00000000-0000-4000-8000-000000000000' }), 400);
    problem(await s.call(admin(), 'GET', '/api/v1/nothing-here'), 404);
    const leads = await s.call(admin(), 'GET', '/api/v1/leads');
    assert.equal(leads.body.data.length, 0, 'no rejected request wrote anything');
  });

  test('SQL injection strings are data, never SQL', async () => {
    const evil = "x'); DROP TABLE leads; --";
    const created = await s.call(admin(), 'POST', '/api/v1/leads', { name: evil, notes: "' OR 1=1 --" });
    assert.equal(created.status, 201);
    assert.equal(created.body.name, evil);
    const found = await s.call(admin(), 'GET', `/api/v1/leads?name=${encodeURIComponent(evil)}`);
    assert.equal(found.body.data.length, 1);
    const none = await s.call(admin(), 'GET', `/api/v1/leads?name=${encodeURIComponent("' OR '1'='1")}`);
    assert.equal(none.body.data.length, 0);
    problem(await s.call(admin(), 'GET', `/api/v1/leads?sort=${encodeURIComponent('name; DROP TABLE leads')}`), 400);
    problem(await s.call(admin(), 'GET', `/api/v1/leads?${encodeURIComponent('name) OR (1=1')}=x`), 400);
    const still = await s.call(admin(), 'GET', '/api/v1/leads');
    assert.equal(still.status, 200);
  });

  test('health, request ids and the OpenAPI document', async () => {
    const health = await s.call(null, 'GET', '/healthz');
    assert.equal(health.body.status, 'ok');
    const traced = await s.call(admin(), 'GET', '/api/v1/me', undefined, { 'x-request-id': 'trace-123' });
    assert.equal(traced.headers.get('x-request-id'), 'trace-123');
    const doc = await s.call(null, 'GET', '/openapi.json');
    assert.equal(doc.body.openapi, '3.1.0');
    for (const path of ['/api/v1/leads', '/api/v1/leads/{id}', '/api/v1/opportunities/{id}/stage-history', '/api/v1/order-lines/bulk', '/api/v1/imports/{entity}']) {
      assert.ok(doc.body.paths[path], `documents ${path}`);
    }
    await s.db.query(`INSERT INTO models (kind, version, params, metrics, active) VALUES ('lead_scoring', 1, '{"C": 0.3}', '{"auc": 0.86}', true)`);
    const models = await s.call(s.users.repA1, 'GET', '/api/v1/models?kind=lead_scoring');
    assert.deepEqual(models.body.data.map((m: { version: number; metrics: { auc: number } }) => [m.version, m.metrics.auc]), [[1, 0.86]]);
    const docs = await fetch(`${s.url}/docs/`);
    assert.equal(docs.status, 200);
  });

  test('an admin can import a CSV over HTTP; a bad row rejects the upload', async () => {
    const ok = await s.call(admin(), 'POST', '/api/v1/imports/contacts', 'name,email\nLi Lei,li@example.com\n', { 'content-type': 'text/csv' });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.inserted, 1);
    const bad = await s.call(admin(), 'POST', '/api/v1/imports/contacts', 'name,email\n,nobody@example.com\n', { 'content-type': 'text/csv' });
    problem(bad, 400);
    assert.equal(bad.body.errors[0].row, 2);
    const dry = await s.call(admin(), 'POST', '/api/v1/imports/contacts?dry_run=true', 'name\nHan Meimei\n', { 'content-type': 'text/csv' });
    assert.equal(dry.body.inserted, 1);
    const contacts = await s.call(admin(), 'GET', '/api/v1/contacts');
    assert.equal(contacts.body.data.length, 1, 'the dry run wrote nothing');
    problem(await s.call(s.users.repA1, 'POST', '/api/v1/imports/contacts', 'name\nX\n', { 'content-type': 'text/csv' }), 403);
  });

  test('row errors read in the language the client asks for; the English stays the default', async () => {
    const csv = 'type,direction,subject\ncall,sideways,Hello\n,inbound,你好\n';
    const english = await s.call(admin(), 'POST', '/api/v1/imports/activities', csv, { 'content-type': 'text/csv' });
    problem(english, 400);
    const chinese = await s.call(admin(), 'POST', '/api/v1/imports/activities', csv, { 'content-type': 'text/csv', 'accept-language': 'zh-CN,zh;q=0.9' });
    problem(chinese, 400);
    assert.equal(chinese.headers.get('content-language'), 'zh-CN');
    const reasons = (r: { body: { errors: { row: number; reason: string }[] } }) => r.body.errors.map((e) => `${e.row}: ${e.reason}`).sort();
    assert.deepEqual(reasons(english), ['2: is not one of inbound, outbound, internal', '3: type is required']);
    assert.deepEqual(reasons(chinese), ['2: 不是以下值之一：inbound, outbound, internal', '3: type 为必填项']);
    const skipped = await s.call(admin(), 'POST', '/api/v1/imports/activities?on_error=skip', csv, { 'content-type': 'text/csv', 'accept-language': 'zh' });
    assert.equal(skipped.status, 200);
    assert.deepEqual(skipped.body.errors.map((e: { reason: string }) => e.reason).sort(), ['type 为必填项', '不是以下值之一：inbound, outbound, internal']);
  });
});
