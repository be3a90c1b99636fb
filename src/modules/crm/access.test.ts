// Row-level access through the real HTTP server: reps see their own rows, managers their
// teams', admins all; rows outside the scope are 404 so their existence does not leak.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../api/testing.ts';

describe('row-level access over HTTP', () => {
  let s: TestServer;
  let leadA1: string;
  let leadB1: string;

  before(async () => {
    s = await startTestServer();
    const a = await s.call(s.users.repA1, 'POST', '/api/v1/leads', { name: 'Lead of Ana', source: 'Web' });
    assert.equal(a.status, 201, JSON.stringify(a.body));
    leadA1 = a.body.id;
    assert.equal(a.body.owner_id, s.users.repA1.id, 'a rep owns the leads they create');
    const b = await s.call(s.users.repB1, 'POST', '/api/v1/leads', { name: 'Lead of Bo', source: 'Referral' });
    leadB1 = b.body.id;
  });
  after(() => s.close());

  test('a rep cannot read, change or delete another rep\'s lead (404)', async () => {
    const { repA2 } = s.users;
    assert.equal((await s.call(repA2, 'GET', `/api/v1/leads/${leadA1}`)).status, 404);
    assert.equal((await s.call(repA2, 'PATCH', `/api/v1/leads/${leadA1}`, { status: 'working' })).status, 404);
    assert.equal((await s.call(repA2, 'DELETE', `/api/v1/leads/${leadA1}`)).status, 404);
    const list = await s.call(repA2, 'GET', '/api/v1/leads');
    assert.deepEqual(list.body.data, []);
    const unchanged = await s.call(s.users.repA1, 'GET', `/api/v1/leads/${leadA1}`);
    assert.equal(unchanged.body.status, 'new');
  });

  test('a rep cannot give a lead to someone else', async () => {
    const r = await s.call(s.users.repA1, 'PATCH', `/api/v1/leads/${leadA1}`, { owner_id: s.users.repA2.id });
    assert.equal(r.status, 403);
    assert.equal(r.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  });

  test('a manager sees their team\'s leads but not another team\'s', async () => {
    const { managerA } = s.users;
    const list = await s.call(managerA, 'GET', '/api/v1/leads');
    assert.deepEqual(list.body.data.map((l: { id: string }) => l.id), [leadA1]);
    assert.equal((await s.call(managerA, 'GET', `/api/v1/leads/${leadB1}`)).status, 404);
    assert.equal((await s.call(managerA, 'PATCH', `/api/v1/leads/${leadB1}`, { status: 'working' })).status, 404);
    const moved = await s.call(managerA, 'PATCH', `/api/v1/leads/${leadA1}`, { owner_id: s.users.repA2.id });
    assert.equal(moved.status, 200);
    assert.equal((await s.call(s.users.repA2, 'GET', `/api/v1/leads/${leadA1}`)).status, 200, 'the new owner sees it');
    const back = await s.call(managerA, 'PATCH', `/api/v1/leads/${leadA1}`, { owner_id: s.users.repA1.id });
    assert.equal(back.status, 200);
    assert.equal((await s.call(managerA, 'PATCH', `/api/v1/leads/${leadA1}`, { owner_id: s.users.repB1.id })).status, 403, 'not to another team');
  });

  test('an admin sees everything', async () => {
    const list = await s.call(s.users.admin, 'GET', '/api/v1/leads?limit=10');
    assert.equal(list.body.data.length, 2);
  });

  test('counts follow the same scope and filters as lists', async () => {
    const { repA1, repA2, managerA, admin } = s.users;
    const count = async (user: typeof admin, query = '') => (await s.call(user, 'GET', `/api/v1/leads/count${query}`)).body.count as number;
    const listed = async (user: typeof admin, query = '') => (await s.call(user, 'GET', `/api/v1/leads${query}${query ? '&' : '?'}limit=1000`)).body.data.length as number;
    assert.equal(await count(repA2), 0, 'another rep\'s leads are not counted');
    assert.equal(await count(repA1), await listed(repA1));
    assert.equal(await count(managerA), await listed(managerA));
    assert.equal(await count(admin, '?source=Referral'), await listed(admin, '?source=Referral'));
    assert.ok((await count(admin)) >= 2);
    const bad = await s.call(admin, 'GET', '/api/v1/leads/count?shoe_size=9');
    assert.equal(bad.status, 400);
    assert.equal(bad.headers.get('content-type')?.startsWith('application/problem+json'), true);
  });

  test('invalid, missing and revoked tokens get 401', async () => {
    assert.equal((await s.call(null, 'GET', '/api/v1/leads')).status, 401);
    assert.equal((await s.call({ id: 'x', token: 'sb_not-a-token' }, 'GET', '/api/v1/leads')).status, 401);
    const issued = await s.call(s.users.repA1, 'POST', '/api/v1/tokens', { name: 'temp' });
    assert.equal(issued.status, 201);
    const temp = { id: s.users.repA1.id, token: issued.body.token };
    assert.equal((await s.call(temp, 'GET', '/api/v1/leads')).status, 200);
    assert.equal((await s.call(s.users.repA1, 'DELETE', `/api/v1/tokens/${issued.body.id}`)).status, 204);
    const revoked = await s.call(temp, 'GET', '/api/v1/leads');
    assert.equal(revoked.status, 401);
    assert.equal(revoked.body.status, 401);
  });

  test('reps cannot change reference data or read the audit log', async () => {
    assert.equal((await s.call(s.users.repA1, 'POST', '/api/v1/products', { name: 'Sneaky' })).status, 403);
    assert.equal((await s.call(s.users.repA1, 'GET', '/api/v1/audit-log')).status, 403);
    assert.equal((await s.call(s.users.managerA, 'POST', '/api/v1/users', { name: 'X' })).status, 403);
  });

  test('every write is audited with before and after', async () => {
    const log = await s.call(s.users.admin, 'GET', `/api/v1/audit-log?entity=leads&entity_id=${leadA1}`);
    const actions = log.body.data.map((e: { action: string }) => e.action).reverse();
    assert.deepEqual(actions.slice(0, 1), ['create']);
    const move = log.body.data.find((e: { action: string; after: { owner_id: string } }) => e.action === 'update' && e.after.owner_id === s.users.repA2.id);
    assert.ok(move, 'the reassignment is in the log');
    assert.equal(move.before.owner_id, s.users.repA1.id);
    assert.match(move.actor, /Mia Manager/);
  });

  test('session login sets a cookie and writes need the CSRF token', async () => {
    const login = await s.call(null, 'POST', '/api/v1/auth/login', { email: 'ana@test.local', password: 'password123' });
    assert.equal(login.status, 200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const me = await s.call(null, 'GET', '/api/v1/me', undefined, { cookie });
    assert.equal(me.body.name, 'Ana Rep');
    const noCsrf = await s.call(null, 'POST', '/api/v1/leads', { name: 'x' }, { cookie });
    assert.equal(noCsrf.status, 403);
    const withCsrf = await s.call(null, 'POST', '/api/v1/leads', { name: 'x' }, { cookie, 'x-csrf-token': login.body.csrf_token });
    assert.equal(withCsrf.status, 201);
    const wrong = await s.call(null, 'POST', '/api/v1/auth/login', { email: 'ana@test.local', password: 'nope-nope' });
    assert.equal(wrong.status, 401);
  });
});
