// The model editor's API additions: optional Chinese names and descriptions survive a save, bad
// ones are named, and a reset saves the default model as a new version (managers and admins only).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from '../../api/testing.ts';
import { DEFAULT_MODEL } from './model.ts';

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(async () => s?.close());

test('a saved model keeps Chinese names and descriptions; bad ones are named', async () => {
  const { users, call } = s;
  const model = (await call(users.managerA, 'GET', '/api/v1/competency/model')).body;
  assert.ok(model.competencies.every((c: { label_zh?: string; description?: string }) => c.label_zh && c.description), 'the default model has both');
  const edited = [{ key: 'closing', label: 'Closing', label_zh: ' 成交能力 ', description: 'Wins deals.', metrics: [{ metric: 'win_rate', weight: 3, direction: 1 }] }];
  const saved = await call(users.managerA, 'PUT', '/api/v1/competency/model', { competencies: edited });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  assert.deepEqual(saved.body.competencies, [{ ...edited[0], label_zh: '成交能力' }]);
  const bad = await call(users.managerA, 'PUT', '/api/v1/competency/model', { competencies: [{ ...edited[0], description: 'x'.repeat(501) }, { ...edited[0], key: 'other', label_zh: 7 }] });
  assert.equal(bad.status, 400);
  const columns = JSON.stringify(bad.body);
  assert.ok(columns.includes('description') && columns.includes('label_zh'), columns);
});

test('reset saves the default model as a new version; reps cannot reset', async () => {
  const { users, call, db } = s;
  const before = (await call(users.admin, 'GET', '/api/v1/competency/model')).body;
  assert.equal((await call(users.repA1, 'POST', '/api/v1/competency/model/reset')).status, 403);
  const reset = await call(users.managerA, 'POST', '/api/v1/competency/model/reset');
  assert.equal(reset.status, 200, JSON.stringify(reset.body));
  assert.equal(reset.body.version, before.version + 1);
  assert.deepEqual(reset.body.competencies, DEFAULT_MODEL);
  const audit = await db.query(`SELECT 1 FROM audit_log WHERE entity = 'competency_models' AND entity_id = $1`, [String(reset.body.version)]);
  assert.equal(audit.rows.length, 1);
});
