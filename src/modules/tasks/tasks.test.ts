import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from '../../api/testing.ts';
import { parseMentions } from './mentions.ts';
import { setWebhookFailureLogger } from './notifications.ts';

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(async () => s.close());

test('parseMentions matches emails and longest full names, not addresses inside words', () => {
  const users = [
    { id: 'a', name: 'Ana', email: 'ana@x.io' },
    { id: 'b', name: 'Ana Rep', email: null },
    { id: 'c', name: 'Bo', email: 'bo@x.io' },
  ];
  assert.deepEqual(parseMentions('hi @ana rep and @bo@x.io, mail me at me@ana.io', users), ['b', 'c']);
  assert.deepEqual(parseMentions('@Ana, thanks. @Anabel is nobody', users), ['a']);
  assert.deepEqual(parseMentions('no mentions here', users), []);
});

test('a manager assigns a task; the rep sees it, another team does not', async () => {
  const { managerA, repA1, repB1, managerB } = s.users;
  const created = await s.call(managerA, 'POST', '/api/v1/tasks', { title: 'Call Acme back', owner_id: repA1.id, priority: 'high', due_at: '2030-01-02T09:00:00Z' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.owner_id, repA1.id);
  assert.equal(created.body.created_by, managerA.id);
  const id = created.body.id;

  const mine = await s.call(repA1, 'GET', '/api/v1/tasks');
  assert.deepEqual(mine.body.data.map((t: { id: string }) => t.id), [id]);
  const createdByMe = await s.call(managerA, 'GET', '/api/v1/tasks?view=created');
  assert.equal(createdByMe.body.data.length, 1);
  assert.equal((await s.call(repB1, 'GET', `/api/v1/tasks/${id}`)).status, 404);
  assert.equal((await s.call(managerB, 'GET', `/api/v1/tasks/${id}`)).status, 404);
  assert.equal((await s.call(repB1, 'GET', '/api/v1/tasks?view=all')).body.data.length, 0);
  assert.equal((await s.call(repB1, 'PATCH', `/api/v1/tasks/${id}`, { status: 'done' })).status, 404);

  const notes = await s.call(repA1, 'GET', '/api/v1/notifications');
  assert.equal(notes.body.unread_count, 1);
  assert.equal(notes.body.data[0].kind, 'task_assigned');

  const done = await s.call(repA1, 'PATCH', `/api/v1/tasks/${id}`, { status: 'done' });
  assert.equal(done.status, 200);
  assert.ok(done.body.completed_at);
  const reopened = await s.call(repA1, 'PATCH', `/api/v1/tasks/${id}`, { status: 'open' });
  assert.equal(reopened.body.completed_at, null);
  assert.equal((await s.call(repA1, 'GET', '/api/v1/tasks?status=done')).body.data.length, 0);
});

test('bad input is a 400 naming the field; a rep cannot assign to others', async () => {
  const { repA1, repA2 } = s.users;
  const assign = await s.call(repA1, 'POST', '/api/v1/tasks', { title: 'x', owner_id: repA2.id });
  assert.equal(assign.status, 400);
  assert.equal(assign.body.errors[0].field, 'owner_id');
  const due = await s.call(repA1, 'POST', '/api/v1/tasks', { title: 'x', due_at: 'next tuesday' });
  assert.equal(due.status, 400);
  const link = await s.call(repA1, 'POST', '/api/v1/tasks', { title: 'x', opportunity_id: '00000000-0000-4000-8000-000000000000' });
  assert.equal(link.status, 400);
  assert.equal((await s.call(repA1, 'GET', '/api/v1/tasks?status=bogus')).status, 400);
});

test('tasks link to deals and filter by them; delete removes', async () => {
  const { repA1 } = s.users;
  const opp = await s.call(repA1, 'POST', '/api/v1/opportunities', { name: 'Deal 1', amount: 1000 });
  assert.equal(opp.status, 201, JSON.stringify(opp.body));
  const t = await s.call(repA1, 'POST', '/api/v1/tasks', { title: 'Send proposal', opportunity_id: opp.body.id });
  assert.equal(t.status, 201);
  const forDeal = await s.call(repA1, 'GET', `/api/v1/tasks?view=all&opportunity_id=${opp.body.id}`);
  assert.deepEqual(forDeal.body.data.map((x: { id: string }) => x.id), [t.body.id]);
  assert.equal((await s.call(repA1, 'DELETE', `/api/v1/tasks/${t.body.id}`)).status, 204);
  assert.equal((await s.call(repA1, 'GET', `/api/v1/tasks/${t.body.id}`)).status, 404);
});

test('comments with @mentions notify the mentioned users and reach the webhook', async () => {
  const received: any[] = [];
  const hook = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.end('ok');
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  const port = (hook.address() as { port: number }).port;
  await s.db.query(`INSERT INTO settings (key, value) VALUES ('notification_webhook', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [JSON.stringify({ url: `http://127.0.0.1:${port}/hook` })]);
  try {
    const { managerA, repA1, repA2 } = s.users;
    const task = await s.call(managerA, 'POST', '/api/v1/tasks', { title: 'Prepare QBR', owner_id: repA1.id });
    const before = (await s.call(repA2, 'GET', '/api/v1/notifications')).body.unread_count;
    const comment = await s.call(managerA, 'POST', `/api/v1/tasks/${task.body.id}/comments`, { body: '@Alex Rep please help @ana@test.local with the numbers' });
    assert.equal(comment.status, 201, JSON.stringify(comment.body));
    assert.deepEqual(comment.body.mentions.map((m: { id: string }) => m.id).sort(), [repA1.id, repA2.id].sort());

    const alex = await s.call(repA2, 'GET', '/api/v1/notifications?unread=true');
    assert.equal(alex.body.unread_count, before + 1);
    assert.equal(alex.body.data[0].kind, 'mention');
    assert.equal(alex.body.data[0].link, `/tasks/${task.body.id}`);
    const read = await s.call(repA2, 'POST', `/api/v1/notifications/${alex.body.data[0].id}/read`);
    assert.equal(read.status, 200);
    assert.ok(read.body.read_at);
    assert.equal((await s.call(s.users.repB1, 'POST', `/api/v1/notifications/${alex.body.data[0].id}/read`)).status, 404);
    const all = await s.call(repA1, 'POST', '/api/v1/notifications/read-all');
    assert.ok(all.body.updated >= 2);
    assert.equal((await s.call(repA1, 'GET', '/api/v1/notifications')).body.unread_count, 0);

    const full = await s.call(repA1, 'GET', `/api/v1/tasks/${task.body.id}`);
    assert.equal(full.body.comments.length, 1);
    assert.equal(full.body.comment_count, 1);

    for (let i = 0; i < 100 && !received.some((r) => r.kind === 'mention' && r.user_id === repA2.id); i++) await new Promise((r) => setTimeout(r, 20));
    const delivered = received.find((r) => r.kind === 'mention' && r.user_id === repA2.id);
    assert.ok(delivered, `webhook got ${JSON.stringify(received.map((r) => r.kind))}`);
    assert.equal(delivered.user_email, 'alex@test.local');
    assert.equal(delivered.title, 'Mia Manager mentioned you on "Prepare QBR"', 'the webhook gets text in the recipient\u2019s language');
    assert.equal(delivered.payload.texts, undefined);
  } finally {
    await new Promise((r) => hook.close(r));
  }
});

test('a failing webhook is logged and never fails the request', async () => {
  const failures: string[] = [];
  setWebhookFailureLogger((m) => failures.push(m));
  await s.db.query(`UPDATE settings SET value = $1 WHERE key = 'notification_webhook'`, [JSON.stringify({ url: 'http://127.0.0.1:9/unreachable' })]);
  const { managerA, repA2 } = s.users;
  const task = await s.call(managerA, 'POST', '/api/v1/tasks', { title: 'Webhook down', owner_id: repA2.id });
  assert.equal(task.status, 201);
  for (let i = 0; i < 100 && !failures.length; i++) await new Promise((r) => setTimeout(r, 20));
  assert.match(failures[0], /unreachable|failed/);
  await s.db.query(`DELETE FROM settings WHERE key = 'notification_webhook'`);
});

test('notification titles follow Accept-Language (en, zh); the task title inside stays as written', async () => {
  const { managerA, repA2 } = s.users;
  const task = await s.call(managerA, 'POST', '/api/v1/tasks', { title: '准备季度复盘 QBR', owner_id: repA2.id });
  assert.equal(task.status, 201);
  await s.call(managerA, 'POST', `/api/v1/tasks/${task.body.id}/comments`, { body: 'Numbers are in the sheet' });
  const pick = (body: { data: { kind: string; link: string; title: string }[] }, kind: string) => body.data.find((n) => n.kind === kind && n.link === `/tasks/${task.body.id}`)!;
  const en = (await s.call(repA2, 'GET', '/api/v1/notifications')).body;
  const zh = (await s.call(repA2, 'GET', '/api/v1/notifications', undefined, { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' })).body;
  assert.equal(pick(en, 'task_assigned').title, 'Mia Manager assigned you a task: 准备季度复盘 QBR');
  assert.equal(pick(zh, 'task_assigned').title, 'Mia Manager 给你分配了任务：准备季度复盘 QBR');
  assert.equal(pick(en, 'task_comment').title, 'Mia Manager commented on "准备季度复盘 QBR"');
  assert.equal(pick(zh, 'task_comment').title, 'Mia Manager 评论了“准备季度复盘 QBR”');
  // Stored in English in the title column, with the text in the payload for readers of either language.
  const row = await s.db.query<{ title: string; payload: { texts?: unknown } }>(`SELECT title, payload FROM notifications WHERE kind = 'task_comment' AND link = $1`, [`/tasks/${task.body.id}`]);
  assert.equal(row.rows[0].title, 'Mia Manager commented on "准备季度复盘 QBR"');
  assert.ok(row.rows[0].payload.texts);
});
