import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from '../../api/testing.ts';
import { runCli } from '../../cli/testing.ts';
import { FakeOpenAIServer } from '../../llm/fake-openai-server.ts';
import { cliDatabase } from './cli-testing.ts';

let server: TestServer;
const fake = new FakeOpenAIServer();
before(async () => {
  server = await startTestServer();
  await fake.start();
});
after(async () => {
  await server.close();
  await fake.close();
});

test('only admins read or change the provider settings', async () => {
  const { repA1, managerA } = server.users;
  assert.equal((await server.call(repA1, 'GET', '/api/v1/settings/model-provider')).status, 403);
  assert.equal((await server.call(managerA, 'PUT', '/api/v1/settings/model-provider', { kind: 'offline' })).status, 403);
});

test('offline by default; PUT merges, keeps the API key write-only and validates', async () => {
  const { admin } = server.users;
  const initial = await server.call(admin, 'GET', '/api/v1/settings/model-provider');
  assert.equal(initial.status, 200);
  assert.equal(initial.body.kind, 'offline');
  const put = await server.call(admin, 'PUT', '/api/v1/settings/model-provider', {
    kind: 'openai', baseUrl: fake.baseUrl, apiKey: 'sk-secret-123', chatModel: 'fake-chat', embeddingModel: 'fake-embed',
    prices: { 'fake-chat': { inputPer1k: 1, outputPer1k: 2 } },
  });
  assert.equal(put.status, 200);
  assert.equal(put.body.apiKey, '••••');
  assert.equal(put.body.kind, 'openai');
  // A later partial update (with the masked key echoed back) keeps the key and the other fields.
  const again = await server.call(admin, 'PUT', '/api/v1/settings/model-provider', { apiKey: '••••', timeoutMs: 5000 });
  assert.equal(again.body.chatModel, 'fake-chat');
  assert.equal(again.body.timeoutMs, 5000);
  const stored = await server.db.query<{ value: any }>(`SELECT value FROM settings WHERE key = 'model_provider'`);
  assert.equal(stored.rows[0].value.apiKey, 'sk-secret-123');
  const audit = await server.db.query<{ after: any }>(`SELECT after FROM audit_log WHERE entity = 'settings' ORDER BY id DESC LIMIT 1`);
  assert.equal(audit.rows[0].after.apiKey, '••••');
  const bad = await server.call(admin, 'PUT', '/api/v1/settings/model-provider', { timeoutMs: 5 });
  assert.equal(bad.status, 400);
  assert.ok(bad.body.errors.some((i: any) => i.field === 'timeoutMs'));
});

test('the provider test embeds and generates through the fake server; usage is priced from the audit log', async () => {
  const { admin } = server.users;
  await server.call(admin, 'PUT', '/api/v1/settings/model-provider', { allowRemote: true });
  const before = fake.requests.length;
  const report = await server.call(admin, 'POST', '/api/v1/settings/model-provider/test');
  assert.equal(report.status, 200);
  assert.equal(report.body.ok, true, JSON.stringify(report.body));
  assert.equal(report.body.embedding.dims, 8);
  assert.match(report.body.generation.text, /OK/);
  assert.equal(fake.requests.length - before, 2);
  assert.ok(fake.requests.at(-1)!.headers.authorization === 'Bearer sk-secret-123');
  const usage = await server.call(admin, 'GET', '/api/v1/settings/model-usage');
  assert.equal(usage.status, 200);
  const chat = usage.body.by_model.find((r: any) => r.model === 'fake-chat');
  assert.equal(chat.calls, 1);
  assert.ok(chat.prompt_tokens > 0);
  assert.equal(chat.cost_usd, Math.round(((chat.prompt_tokens * 1 + chat.completion_tokens * 2) / 1000) * 1e6) / 1e6);
  assert.equal(usage.body.total.calls, 2);
  assert.equal((await server.call(admin, 'GET', '/api/v1/settings/model-usage?since=2100-01-01')).body.total.calls, 0);
  assert.equal((await server.call(admin, 'GET', '/api/v1/settings/model-usage?since=yesterday')).status, 400);
});

test('with allowRemote off the test reports the refusal and nothing is sent', async () => {
  const { admin } = server.users;
  await server.call(admin, 'PUT', '/api/v1/settings/model-provider', { allowRemote: false, baseUrl: 'https://models.example.com/v1' });
  const before = fake.requests.length;
  const report = await server.call(admin, 'POST', '/api/v1/settings/model-provider/test');
  assert.equal(report.body.ok, false);
  assert.match(report.body.generation.error, /allowRemote/);
  assert.equal(fake.requests.length, before);
  await server.call(admin, 'PUT', '/api/v1/settings/model-provider', { kind: 'offline' });
});

test('CLI: model-provider set / show / test', async () => {
  const target = await cliDatabase();
  try {
    const set = await runCli(['model-provider', 'set', '--kind', 'openai', '--base-url', fake.baseUrl, '--chat-model', 'c', '--api-key', 'k1', '--allow-remote', 'true', '--json', ...target.args]);
    assert.equal(set.code, 0, set.err);
    assert.equal(JSON.parse(set.out).apiKey, '••••');
    const show = await runCli(['model-provider', 'show', '--json', ...target.args]);
    assert.equal(JSON.parse(show.out).baseUrl, fake.baseUrl);
    const t = await runCli(['model-provider', 'test', '--json', ...target.args]);
    assert.equal(t.code, 0, t.out + t.err);
    assert.equal(JSON.parse(t.out).ok, true);
    const bad = await runCli(['model-provider', 'set', '--allow-remote', 'maybe', ...target.args]);
    assert.equal(bad.code, 3);
  } finally {
    await target.cleanup();
  }
});
