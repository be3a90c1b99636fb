import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../api/testing.ts';

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(async () => {
  await s.close();
});

async function unownedLead(fields: Record<string, unknown> = {}): Promise<string> {
  const r = await s.call(s.users.admin, 'POST', '/api/v1/leads', { name: 'Jane Doe', industry: 'Manufacturing', country: 'DE', language: 'de', ...fields });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.owner_id, null);
  return r.body.id;
}

test('profiles: managers edit their reps, others cannot; bad values name the field', async () => {
  const { managerA, managerB, repA1, repA2 } = s.users;
  const put = await s.call(managerA, 'PUT', `/api/v1/assignment/profiles/${repA1.id}`, { max_open_leads: 5, languages: ['de', 'en'] });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  assert.deepEqual([put.body.stored, put.body.max_open_leads, put.body.languages], [true, 5, ['de', 'en']]);
  assert.equal((await s.call(repA1, 'GET', `/api/v1/assignment/profiles/${repA1.id}`)).body.max_open_leads, 5);
  assert.equal((await s.call(repA1, 'PUT', `/api/v1/assignment/profiles/${repA1.id}`, { max_open_leads: 50 })).status, 403);
  assert.equal((await s.call(managerB, 'PUT', `/api/v1/assignment/profiles/${repA1.id}`, { max_open_leads: 50 })).status, 404);
  assert.equal((await s.call(managerB, 'GET', `/api/v1/assignment/profiles/${repA1.id}`)).status, 404);
  const bad = await s.call(managerA, 'PUT', `/api/v1/assignment/profiles/${repA2.id}`, { max_open_leads: -1, quota_period: 'day' });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.errors.map((i: { field: string }) => i.field).sort(), ['max_open_leads', 'quota_period']);
  const list = await s.call(managerA, 'GET', '/api/v1/assignment/profiles');
  assert.deepEqual(list.body.data.map((p: { user_id: string }) => p.user_id).sort(), [repA1.id, repA2.id].sort());
});

test('assign: a rep cannot, a manager can; the answer explains why; scoped log and history', async () => {
  const { managerA, managerB, repA1, repA2, repB1 } = s.users;
  const leadId = await unownedLead();
  assert.equal((await s.call(repA1, 'POST', '/api/v1/assignment/assign', { lead_id: leadId })).status, 403);
  const r = await s.call(managerA, 'POST', '/api/v1/assignment/assign', { lead_id: leadId });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.status, 'assigned');
  assert.ok([repA1.id, repA2.id].includes(r.body.rep.id), 'assigned inside manager A’s team');
  assert.match(r.body.explanation, /^A\w+ Rep: 0\/(5|30) open, wins \d+% ±\d+% of Manufacturing leads/);
  assert.equal(r.body.why.segment, 'Manufacturing');
  assert.ok(r.body.why.eligible.length >= 1 && !r.body.explanation.includes('NaN'));
  assert.equal((await s.call(managerA, 'GET', `/api/v1/leads/${leadId}`)).body.owner_id, r.body.rep.id);

  const logA = await s.call(managerA, 'GET', `/api/v1/assignment/log?lead_id=${leadId}`);
  assert.equal(logA.body.data.length, 1);
  assert.equal(logA.body.data[0].explanation, r.body.explanation);
  // The stored explanation reads in the reader's language.
  const logZh = await s.call(managerA, 'GET', `/api/v1/assignment/log?lead_id=${leadId}`, undefined, { 'accept-language': 'zh-CN' });
  assert.match(logZh.body.data[0].explanation, /^A\w+ Rep：0\/(5|30) 条未结，Manufacturing 线索赢单率 \d+% ±\d+%/);
  assert.match(logZh.body.data[0].why.policy_reason, /^Manufacturing 线索赢单率/);
  const logB = await s.call(managerB, 'GET', '/api/v1/assignment/log');
  assert.ok(!logB.body.data.some((e: { lead_id: string }) => e.lead_id === leadId), 'manager B sees team A’s log');
  const logRepB = await s.call(repB1, 'GET', '/api/v1/assignment/log');
  assert.equal(logRepB.body.data.length, 0);
  assert.equal((await s.call(managerA, 'GET', '/api/v1/assignment/log?limit=abc')).status, 400);

  const history = await s.call(managerA, 'GET', `/api/v1/leads/${leadId}/assignments`);
  assert.equal(history.status, 200);
  assert.equal(history.body.data[0].rep_id, r.body.rep.id);
  assert.equal((await s.call(managerB, 'GET', `/api/v1/leads/${leadId}/assignments`)).status, 404);
  // Manager B cannot re-assign team A's lead either.
  assert.equal((await s.call(managerB, 'POST', '/api/v1/assignment/assign', { lead_id: leadId })).status, 404);
});

test('outcomes: idempotent by key, and derived when a lead converts through the API', async () => {
  const { managerA, repA1 } = s.users;
  const first = await unownedLead({ industry: 'Retail' });
  await s.call(managerA, 'POST', '/api/v1/assignment/assign', { lead_id: first });
  const once = await s.call(managerA, 'POST', '/api/v1/assignment/outcomes', { lead_id: first, reward: 1, key: 'evt-1' });
  assert.equal(once.status, 200, JSON.stringify(once.body));
  assert.deepEqual([once.body.applied, once.body.duplicate], [true, false]);
  const twice = await s.call(managerA, 'POST', '/api/v1/assignment/outcomes', { lead_id: first, reward: 1, key: 'evt-1' });
  assert.deepEqual([twice.body.applied, twice.body.duplicate], [false, true]);
  assert.equal((await s.call(repA1, 'POST', '/api/v1/assignment/outcomes', { lead_id: first, reward: 1, key: 'evt-2' })).status, 403);
  assert.equal((await s.call(managerA, 'POST', '/api/v1/assignment/outcomes', { lead_id: first, reward: -1, key: 'evt-3' })).status, 400);

  const second = await unownedLead({ industry: 'Retail' });
  await s.call(managerA, 'POST', '/api/v1/assignment/assign', { lead_id: second });
  const patched = await s.call(managerA, 'PATCH', `/api/v1/leads/${second}`, { status: 'converted', converted: true });
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  const log = await s.call(managerA, 'GET', `/api/v1/assignment/log?lead_id=${second}`);
  assert.equal(log.body.data[0].reward, 1);
  assert.equal(log.body.data[0].reward_key, `lead:${second}:converted`);
  const policy = await s.call(managerA, 'GET', '/api/v1/assignment/policy');
  assert.equal(policy.body.outcomes_applied, 2);
});

test('queue: when no rep qualifies the lead waits with the reason', async () => {
  const { managerB, repB1, admin } = s.users;
  await s.call(managerB, 'PUT', `/api/v1/assignment/profiles/${repB1.id}`, { languages: ['en'] });
  const leadId = await unownedLead({ language: 'fr' });
  const r = await s.call(managerB, 'POST', '/api/v1/assignment/assign', { lead_id: leadId });
  assert.equal(r.body.status, 'queued');
  assert.match(r.body.queued_reason, /Bo Rep: does not speak fr \(speaks en\)/);
  const queue = await s.call(admin, 'GET', '/api/v1/assignment/queue');
  const entry = queue.body.data.find((q: { lead_id: string }) => q.lead_id === leadId);
  assert.match(entry.queued_reason, /does not speak fr/);
  const zh = await s.call(admin, 'GET', '/api/v1/assignment/queue', undefined, { 'accept-language': 'zh-CN,zh;q=0.9' });
  assert.match(zh.body.data.find((q: { lead_id: string }) => q.lead_id === leadId).queued_reason, /Bo Rep：不会说 fr（会说 en）/);
  const history = await s.call(admin, 'GET', `/api/v1/leads/${leadId}/assignments`, undefined, { 'accept-language': 'zh' });
  assert.equal(history.body.data[0].explanation, '已排队：没有销售能接手（共 1 名）。');
  assert.deepEqual(history.body.data[0].why.excluded.map((e: { reasons: string[] }) => e.reasons), [['不会说 fr（会说 en）']]);
  // A row logged before texts were translated (plain sentences) still reads as it was written.
  await s.db.query(`UPDATE lead_assignments SET queued_reason = to_jsonb('Bo Rep: an old reason'::text), explanation = to_jsonb('Queued: old.'::text) WHERE lead_id = $1`, [leadId]);
  const old = await s.call(admin, 'GET', `/api/v1/leads/${leadId}/assignments`, undefined, { 'accept-language': 'zh' });
  assert.deepEqual([old.body.data[0].queued_reason, old.body.data[0].explanation], ['Bo Rep: an old reason', 'Queued: old.']);
  assert.equal((await s.call(repB1, 'GET', '/api/v1/assignment/queue')).status, 403);
});

test('policy: only admins change it; evaluation explains when the log is too short', async () => {
  const { admin, managerA } = s.users;
  assert.equal((await s.call(managerA, 'PUT', '/api/v1/assignment/policy', { policy: 'ucb1' })).status, 403);
  const before = await s.call(admin, 'GET', '/api/v1/assignment/policy');
  const put = await s.call(admin, 'PUT', '/api/v1/assignment/policy', { policy: 'ucb1', params: { c: 1 } });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  assert.deepEqual([put.body.policy, put.body.params, put.body.version], ['ucb1', { c: 1 }, before.body.version + 1]);
  assert.ok(put.body.available.includes('linucb'));
  assert.equal((await s.call(admin, 'PUT', '/api/v1/assignment/policy', { policy: 'ucb1', params: { c: 'big' } })).status, 400);
  assert.equal((await s.call(admin, 'PUT', '/api/v1/assignment/policy', { policy: 'magic' })).status, 400);
  const evaluation = await s.call(managerA, 'GET', '/api/v1/assignment/evaluation');
  assert.equal(evaluation.status, 200);
  assert.deepEqual(evaluation.body.candidates, []);
  assert.match(evaluation.body.note, /needs at least 20 rewarded assignments/);
});

test('preview: who would get a lead and why, with nothing written; the real assign then agrees', async () => {
  const { managerA, repA1, admin } = s.users;
  const leadId = await unownedLead({ industry: 'Logistics' });
  const countLog = async () => (await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM lead_assignments WHERE lead_id = $1', [leadId])).rows[0].n;
  const auditBefore = (await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0].n;
  assert.equal((await s.call(repA1, 'POST', '/api/v1/assignment/preview', { lead_ids: [leadId] })).status, 403);
  const p = await s.call(managerA, 'POST', '/api/v1/assignment/preview', { lead_ids: [leadId] });
  assert.equal(p.status, 200, JSON.stringify(p.body));
  assert.equal(p.body.data.length, 1);
  const [row] = p.body.data;
  assert.deepEqual([row.lead_id, row.lead_name, row.status, row.segment], [leadId, 'Jane Doe', 'assigned', 'Logistics']);
  assert.ok(row.rep?.id && row.explanation.startsWith(row.rep.name));
  assert.equal(await countLog(), 0, 'no log row kept');
  assert.equal((await s.call(admin, 'GET', `/api/v1/leads/${leadId}`)).body.owner_id, null, 'still unowned');
  assert.equal((await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0].n, auditBefore, 'no audit entry kept');
  const all = await s.call(admin, 'POST', '/api/v1/assignment/preview', {});
  assert.equal(all.status, 200);
  assert.ok(all.body.data.some((d: { lead_id: string }) => d.lead_id === leadId), 'unowned leads previewed by default');
  const real = await s.call(managerA, 'POST', '/api/v1/assignment/assign', { lead_id: leadId });
  assert.equal(real.body.rep.id, row.rep.id, 'same seeded decision');
  assert.equal((await s.call(managerA, 'POST', '/api/v1/assignment/preview', { lead_ids: ['not-a-uuid'] })).status, 400);
});
