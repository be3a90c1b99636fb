// Conversation intelligence over HTTP: analysis of a call and an email, highlights with offsets,
// row-level access, action items becoming tasks exactly once, user-defined trackers, and the
// behaviour-outcome report on closed deals.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../api/testing.ts';
import { FakeOpenAIServer } from '../../llm/fake-openai-server.ts';
import { seedWriterWorld, type WriterWorld } from '../writer/test-fixture.ts';

describe('calls API', () => {
  let s: TestServer;
  let w: WriterWorld;
  before(async () => {
    s = await startTestServer();
    w = await seedWriterWorld(s);
  });
  after(() => s.close());

  test('a call is analysed with turns, highlights, sentiment, summary and action items; the rep\'s commitment becomes one task', async () => {
    const r = await s.call(s.users.repA1, 'POST', `/api/v1/calls/${w.callId}/analyze`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.turns.length, 4);
    assert.equal(r.body.metrics.talk_basis, 'seconds');
    assert.ok(r.body.metrics.talk_ratio > 0 && r.body.metrics.talk_ratio < 1);
    assert.ok(r.body.metrics.questions.total >= 2);
    assert.equal(r.body.sentiment.length, 4);
    assert.ok(r.body.summary.length >= 1);
    for (const h of r.body.trackers) assert.equal(r.body.turns[h.turn].text.slice(h.start, h.end), h.sentence);
    assert.ok(r.body.trackers.some((h: any) => h.tracker === 'pricing' && /Budget/.test(h.sentence)));
    const rep = r.body.action_items.filter((a: any) => a.task_id);
    assert.deepEqual(rep.map((a: any) => a.sentence), ["I'll send you the sensor layout by Friday."]);
    assert.equal(r.body.tasks_created, 1);
    const again = await s.call(s.users.repA1, 'POST', `/api/v1/calls/${w.callId}/analyze`);
    assert.equal(again.body.tasks_created, 0);
    assert.equal(again.body.action_items.find((a: any) => a.task_id).task_id, rep[0].task_id);
    const tasks = await s.db.query<{ owner_id: string; opportunity_id: string }>(`SELECT owner_id, opportunity_id FROM tasks WHERE source = 'calls'`);
    assert.deepEqual(tasks.rows, [{ owner_id: s.users.repA1.id, opportunity_id: w.opportunityId }]);
  });

  test('reps see their own calls, managers their team\'s, nobody else', async () => {
    assert.equal((await s.call(s.users.managerA, 'GET', `/api/v1/calls/${w.callId}`)).status, 200);
    for (const outsider of [s.users.repA2, s.users.repB1, s.users.managerB]) {
      assert.equal((await s.call(outsider, 'GET', `/api/v1/calls/${w.callId}`)).status, 404);
      assert.equal((await s.call(outsider, 'POST', `/api/v1/calls/${w.callId}/analyze`)).status, 404);
    }
    const mine = await s.call(s.users.repA1, 'GET', '/api/v1/calls');
    assert.deepEqual(mine.body.data.map((c: any) => c.activity_id), [w.callId]);
    assert.equal(mine.body.data[0].action_items, 3);
    assert.deepEqual((await s.call(s.users.repB1, 'GET', '/api/v1/calls')).body.data, []);
  });

  test('user-defined trackers match emails by keyword and by similar phrasing; only managers define them', async () => {
    const body = { name: 'Security review', keywords: ['penetration test'], examples: ['is our data encrypted at rest'] };
    assert.equal((await s.call(s.users.repA1, 'POST', '/api/v1/calls/trackers', body)).status, 403);
    const created = await s.call(s.users.managerA, 'POST', '/api/v1/calls/trackers', body);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal((await s.call(s.users.managerA, 'POST', '/api/v1/calls/trackers', { name: 'Empty' })).status, 400);
    const email = (await s.db.query<{ id: string }>(
      `INSERT INTO activities (type, direction, status, subject, body, owner_id, opportunity_id) VALUES ('email', 'inbound', 'done', 'Questions', $1, $2, $3) RETURNING id`,
      ['Hi Ana,\nOur IT team asks whether the data is encrypted at rest. Could you also share your last penetration test?\n\nOn Mon, Ana wrote:\n> what is the price', s.users.repA1.id, w.opportunityId],
    )).rows[0].id;
    const r = await s.call(s.users.repA1, 'POST', `/api/v1/calls/${email}/analyze`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const security = r.body.trackers.filter((h: any) => h.tracker === 'security-review');
    assert.deepEqual(security.map((h: any) => h.matched_by).sort(), ['keyword', 'similar']);
    assert.ok(!r.body.trackers.some((h: any) => h.tracker === 'pricing'), 'the quoted reply is not analysed');
    assert.deepEqual(r.body.action_items.filter((a: any) => a.task_id).map((a: any) => a.sentence), ['Could you also share your last penetration test?']);
    const list = await s.call(s.users.repA1, 'GET', '/api/v1/calls/trackers');
    assert.ok(list.body.data.some((t: any) => t.key === 'pricing' && t.builtin) && list.body.data.some((t: any) => t.key === 'security-review'));
    assert.equal((await s.call(s.users.managerA, 'PATCH', '/api/v1/calls/trackers/pricing', { name: 'x' })).status, 403);
    assert.equal((await s.call(s.users.managerA, 'DELETE', `/api/v1/calls/trackers/${created.body.id}`)).status, 204);
  });

  test('with a model provider configured, example phrases also match by its embeddings', async () => {
    const fake = new FakeOpenAIServer();
    await fake.start();
    await s.db.query(`INSERT INTO settings (key, value) VALUES ('model_provider', $1)`, [JSON.stringify({ kind: 'openai', baseUrl: fake.baseUrl, chatModel: 'x', embeddingModel: 'e', allowRemote: true, treatLocalAsRemote: true, maxRetries: 0 })]);
    try {
      const r = await s.call(s.users.repA1, 'POST', `/api/v1/calls/${w.callId}/analyze`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.metrics.tracker_embeddings, 'openai');
      const embedded = fake.requests.filter((q) => q.path === '/v1/embeddings');
      assert.equal(embedded.length, 1);
      assert.ok(embedded[0].body.input.includes('The vibration alarms come too late to act on.'));
      assert.ok(embedded[0].body.input.includes('how much does it cost'), 'example phrases are embedded with the sentences');
      for (const h of r.body.trackers) assert.equal(r.body.turns[h.turn].text.slice(h.start, h.end), h.sentence);
      for (const h of r.body.trackers.filter((x: any) => x.matched_by === 'embedding')) assert.ok(h.score >= 0.8);
    } finally {
      await s.db.query(`DELETE FROM settings WHERE key = 'model_provider'`);
      await fake.close();
    }
    const offline = await s.call(s.users.repA1, 'POST', `/api/v1/calls/${w.callId}/analyze`);
    assert.equal(offline.body.metrics.tracker_embeddings, null);
    assert.ok(!offline.body.trackers.some((h: any) => h.matched_by === 'embedding'));
  });

  test('behaviour report: per-rep aggregates and the won/lost relation with confidence intervals', async () => {
    // 16 closed deals: won ones had discovery calls with more questions (with overlap).
    const questions = { won: [3, 3, 2, 4, 1, 3, 2, 3], lost: [0, 1, 2, 0, 1, 0, 1, 0] };
    const ask = ['What does your current process look like?', 'How do you measure downtime today?', 'Who else is involved in the decision?', 'What would success look like?'];
    for (const [stage, counts] of Object.entries(questions)) {
      for (const [i, k] of counts.entries()) {
        const owner = i % 2 ? s.users.repA1.id : s.users.repA2.id;
        const opp = (await s.db.query<{ id: string }>(`INSERT INTO opportunities (name, owner_id, stage, amount) VALUES ($1, $2, $3, 1000) RETURNING id`, [`${stage} ${i}`, owner, stage])).rows[0].id;
        const transcript = [
          { speaker: 'Rep', role: 'rep', text: `Thanks for your time today. ${ask.slice(0, k).join(' ')}`.trim() },
          { speaker: 'Client', role: 'customer', text: 'We track most of it in spreadsheets and it takes a lot of time.' },
          { speaker: 'Rep', role: 'rep', text: 'Understood, that is common in your industry.' },
        ];
        await s.db.query(`INSERT INTO activities (type, subject, transcript, owner_id, opportunity_id, occurred_at) VALUES ('call', 'Discovery', $1, $2, $3, $4)`, [JSON.stringify(transcript), owner, opp, `2026-0${1 + (i % 3)}-1${i}T10:00:00Z`]);
      }
    }
    const all = await s.call(s.users.admin, 'POST', '/api/v1/calls/analyze-all', {});
    assert.equal(all.status, 200, JSON.stringify(all.body));
    assert.equal(all.body.analyzed, 16);
    const report = await s.call(s.users.admin, 'GET', '/api/v1/calls/behaviour');
    assert.equal(report.status, 200, JSON.stringify(report.body));
    assert.equal(report.body.outcomes.n, 16, 'closed deals only: the seeded deal is still in proposal');
    const q = report.body.outcomes.effects.find((e: any) => e.behaviour === 'questions');
    assert.ok(q.effect > 0 && q.odds_ratio > 1, JSON.stringify(q));
    assert.ok(q.ci[0] < q.effect && q.effect < q.ci[1]);
    assert.ok(q.p_value < 0.05, `p = ${q.p_value}`);
    const talk = report.body.outcomes.effects.find((e: any) => e.behaviour === 'interruptions');
    assert.equal(talk.p_value, 1, 'no timing, no interruptions: nothing to relate');
    const repA2 = report.body.reps.find((r: any) => r.owner_id === s.users.repA2.id);
    assert.deepEqual([repA2.calls, repA2.won, repA2.lost], [8, 4, 4]);
    assert.ok(report.body.periods.length >= 2);
    assert.doesNotMatch(JSON.stringify(report.body), /NaN/);

    const other = await s.call(s.users.managerB, 'GET', '/api/v1/calls/behaviour');
    assert.deepEqual(other.body.reps, []);
    assert.equal(other.body.outcomes.n, 0);
    assert.match(other.body.outcomes.note, /at least 10/);
    const own = await s.call(s.users.repA2, 'GET', '/api/v1/calls/behaviour');
    assert.deepEqual(own.body.reps.map((r: any) => r.owner_id), [s.users.repA2.id]);
  });

  test('server-written call texts follow Accept-Language (en, zh): built-in tracker names, the action-item task, the outcome note; transcript text stays as said', async () => {
    const zh = { 'accept-language': 'zh-CN' };
    const en = await s.call(s.users.repA1, 'GET', `/api/v1/calls/${w.callId}`);
    const cn = await s.call(s.users.repA1, 'GET', `/api/v1/calls/${w.callId}`, undefined, zh);
    assert.equal(en.status, 200, JSON.stringify(en.body));
    const pricingEn = en.body.trackers.find((h: any) => h.tracker === 'pricing');
    const pricingZh = cn.body.trackers.find((h: any) => h.tracker === 'pricing');
    assert.equal(pricingEn.name, 'Pricing');
    assert.equal(pricingZh.name, '价格');
    assert.equal(pricingZh.sentence, pricingEn.sentence, 'the sentence is the transcript\u2019s');
    assert.deepEqual(cn.body.summary, en.body.summary);
    const trackers = await s.call(s.users.repA1, 'GET', '/api/v1/calls/trackers', undefined, zh);
    assert.equal(trackers.body.data.find((t: any) => t.key === 'next-steps').name, '下一步');
    const own = await s.call(s.users.managerA, 'POST', '/api/v1/calls/trackers', { name: 'Budget owner', keywords: ['budget owner'] });
    assert.equal(own.status, 201, JSON.stringify(own.body));
    const listed = await s.call(s.users.repA1, 'GET', '/api/v1/calls/trackers', undefined, zh);
    assert.equal(listed.body.data.find((t: any) => t.key === own.body.key).name, 'Budget owner', 'a team\u2019s own tracker keeps its name');
    const taskId = en.body.action_items.find((a: any) => a.task_id).task_id;
    const taskEn = await s.call(s.users.repA1, 'GET', `/api/v1/tasks/${taskId}`);
    const taskZh = await s.call(s.users.repA1, 'GET', `/api/v1/tasks/${taskId}`, undefined, zh);
    assert.match(taskEn.body.description, /^From the call ".*"; due as said: /);
    assert.match(taskZh.body.description, /^来自通话“.*”；对方所说的期限：/);
    assert.equal(taskZh.body.title, "I'll send you the sensor layout by Friday.");
    const other = await s.call(s.users.managerB, 'GET', '/api/v1/calls/behaviour', undefined, zh);
    assert.match(other.body.outcomes.note, /^需要至少 10 个已关闭/);
  });
});
