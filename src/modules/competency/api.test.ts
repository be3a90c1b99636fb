import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from '../../api/testing.ts';

let s: TestServer;
let teamA: string;
let oppA1: string;
const DAY = 86_400_000;

/** A few closed deals with activities per rep, in the default period (the last 365 days). */
async function seed(server: TestServer) {
  const { db, users } = server;
  const now = Date.now();
  let k = 0;
  for (const [rep, wins] of [[users.repA1, 3], [users.repA2, 1], [users.repB1, 2]] as const) {
    for (let i = 0; i < 4; i++) {
      const opened = now - (120 + 10 * i + k++) * DAY;
      const won = i < wins;
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO opportunities (name, owner_id, amount, stage, opened_at, closed_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [`Deal ${k}`, rep.id, 10000 + 1000 * i, won ? 'won' : 'lost', new Date(opened).toISOString(), new Date(opened + 40 * DAY).toISOString()],
      );
      if (rep === users.repA1 && i === 0) oppA1 = rows[0].id;
      for (const [d, type, subtype] of [[1, 'email', null], [3, 'call', null], [6, 'meeting', 'demo'], [12, 'email', null]] as const) {
        await db.query(
          `INSERT INTO activities (type, subtype, direction, subject, body, transcript, occurred_at, owner_id, opportunity_id) VALUES ($1, $2, 'outbound', $3, $4, $5, $6, $7, $8)`,
          [type, subtype, `${type} ${d}`, type === 'email' ? 'Hi, following up on our call. Can we meet on Tuesday?' : null,
            type === 'call' ? JSON.stringify([{ speaker: 'Rep', role: 'rep', text: 'How do you plan maintenance today?', start: 0, end: 4 }, { speaker: 'Buyer', role: 'customer', text: 'With spreadsheets, it is too expensive to change.', start: 5, end: 9 }]) : null,
            new Date(opened + d * DAY).toISOString(), rep.id, rows[0].id],
        );
      }
    }
  }
  await db.query(`INSERT INTO knowledge_articles (title, body, tags) VALUES ('Discovery question bank', 'Ask open questions.', '{discovery}'), ('Closing checklist', 'Agree next steps.', '{closing}')`);
}

before(async () => {
  s = await startTestServer();
  await seed(s);
  teamA = (await s.db.query<{ id: string }>(`SELECT id FROM teams WHERE name = 'Team A'`)).rows[0].id;
});
after(async () => s?.close());

test('the competency model can be read by anyone and edited by managers, with input errors that point at the problem', async () => {
  const { users, call } = s;
  const model = await call(users.repA1, 'GET', '/api/v1/competency/model');
  assert.equal(model.status, 200);
  assert.equal(model.body.competencies.length, 7);
  assert.equal((await call(users.repA1, 'PUT', '/api/v1/competency/model', { competencies: model.body.competencies })).status, 403);
  const bad = await call(users.managerA, 'PUT', '/api/v1/competency/model', { competencies: [{ key: 'closing', label: 'Closing', metrics: [{ metric: 'vibes', weight: 1, direction: 1 }] }] });
  assert.equal(bad.status, 400);
  assert.ok(JSON.stringify(bad.body).includes('vibes'));
  const ok = await call(users.managerA, 'PUT', '/api/v1/competency/model', { competencies: model.body.competencies });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.version, model.body.version + 1);
});

test('assessments: managers assess and see only their reps; reps cannot assess', async () => {
  const { users, call } = s;
  assert.equal((await call(users.repA1, 'POST', '/api/v1/competency/assess', {})).status, 403);
  const r = await call(users.managerA, 'POST', '/api/v1/competency/assess', {});
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.assessed, 3);
  assert.deepEqual(r.body.data.map((d: { user_id: string }) => d.user_id).sort(), [users.repA1.id, users.repA2.id].sort());
});

test('a scorecard is visible to the rep, their manager and admins only, and every read is audited', async () => {
  const { users, call, db } = s;
  const path = `/api/v1/competency/reps/${users.repA1.id}`;
  for (const u of [users.repA1, users.managerA, users.admin]) {
    const r = await call(u, 'GET', path);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.scores.length, 7);
    assert.ok(!JSON.stringify(r.body).includes('NaN'));
  }
  for (const u of [users.repA2, users.managerB, users.repB1]) assert.equal((await call(u, 'GET', path)).status, 404);
  const audits = await db.query(`SELECT actor_id FROM audit_log WHERE entity = 'competency_assessments' AND action = 'read' AND entity_id = $1`, [users.repA1.id]);
  assert.equal(audits.rows.length, 3);
  assert.equal((await call(users.managerA, 'GET', `/api/v1/competency/team/${teamA}`)).body.data.length, 2);
  assert.equal((await call(users.managerB, 'GET', `/api/v1/competency/team/${teamA}`)).status, 404);
  assert.equal((await call(users.admin, 'GET', `${path}?period=not-a-period`)).status, 400);
});

test('ratings: a manager rates their own reps only, 0–100', async () => {
  const { users, call } = s;
  const ok = await call(users.managerA, 'POST', '/api/v1/competency/ratings', { user_id: users.repA1.id, competency: 'closing', rating: 70 });
  assert.equal(ok.status, 201);
  assert.equal((await call(users.managerB, 'POST', '/api/v1/competency/ratings', { user_id: users.repA1.id, competency: 'closing', rating: 70 })).status, 404);
  assert.equal((await call(users.managerA, 'POST', '/api/v1/competency/ratings', { user_id: users.repA1.id, competency: 'closing', rating: 150 })).status, 400);
  assert.equal((await call(users.repA1, 'POST', '/api/v1/competency/ratings', { user_id: users.repA2.id, competency: 'closing', rating: 50 })).status, 403);
  assert.equal((await call(users.managerB, 'GET', `/api/v1/competency/ratings?user_id=${users.repA1.id}`)).body.data.length, 0);
});

test('training plans: steps become the rep\u2019s tasks, progress follows the tasks, access is the rep\u2019s and their manager\u2019s', async () => {
  const { users, call, db } = s;
  assert.equal((await call(users.managerB, 'POST', '/api/v1/training-plans', { user_id: users.repA1.id })).status, 404);
  const plan = await call(users.managerA, 'POST', '/api/v1/training-plans', { user_id: users.repA1.id, gaps: 2 });
  assert.equal(plan.status, 201, JSON.stringify(plan.body));
  assert.equal(plan.body.gaps.length, 2);
  assert.ok(plan.body.steps.length >= 2 && plan.body.steps.every((st: { task_id: string; status: string }) => st.task_id && st.status === 'open'));
  assert.ok(plan.body.steps.some((st: { kind: string }) => st.kind === 'practice'));
  assert.ok(plan.body.kpis.length > 0 && plan.body.kpis.every((k: { after: unknown }) => k.after === null));
  const owners = await db.query<{ owner_id: string; source: string }>('SELECT owner_id, source FROM tasks WHERE id = ANY($1::uuid[])', [plan.body.steps.map((st: { task_id: string }) => st.task_id)]);
  assert.ok(owners.rows.every((t) => t.owner_id === users.repA1.id && t.source === 'training-plan'));
  await db.query(`UPDATE tasks SET status = 'done' WHERE id = $1`, [plan.body.steps[0].task_id]);
  const read = await call(users.repA1, 'GET', `/api/v1/training-plans/${plan.body.id}`);
  assert.equal(read.status, 200);
  assert.deepEqual(read.body.progress, { done: 1, total: plan.body.steps.length });
  assert.equal(read.body.steps[0].status, 'done');
  for (const u of [users.repA2, users.managerB, users.repB1]) assert.equal((await call(u, 'GET', `/api/v1/training-plans/${plan.body.id}`)).status, 404);
  assert.equal((await call(users.repB1, 'GET', '/api/v1/training-plans')).body.data.length, 0);
  assert.equal((await call(users.managerA, 'GET', `/api/v1/training-plans?user_id=${users.repA1.id}`)).body.data.length, 1);
  assert.equal((await call(users.repA1, 'POST', '/api/v1/training-plans', { user_id: users.repA2.id })).status, 404);
  // Once the plan has run long enough, the targeted KPIs are measured again over the time since it started.
  await db.query(`UPDATE training_plans SET starts_at = now() - interval '200 days' WHERE id = $1`, [plan.body.id]);
  const later = (await call(users.repA1, 'GET', `/api/v1/training-plans/${plan.body.id}`)).body;
  const measured = later.kpis.filter((k: { after: number | null }) => k.after !== null);
  assert.ok(measured.length > 0, JSON.stringify(later.kpis));
  for (const k of measured) if (k.before !== null) assert.ok(Math.abs(k.change - (k.after - k.before)) < 0.002);
});

test('deal-level endpoints answer 404 outside the caller\u2019s scope; next-best-action needs a trained model and enough deals', async () => {
  const { users, call } = s;
  assert.equal((await call(users.repB1, 'GET', `/api/v1/opportunities/${oppA1}/similar`)).status, 404);
  const similar = await call(users.managerA, 'GET', `/api/v1/opportunities/${oppA1}/similar?k=2`);
  assert.equal(similar.status, 200, JSON.stringify(similar.body));
  assert.ok(similar.body.won.length + similar.body.lost.length > 0);
  assert.equal((await call(users.repB1, 'GET', `/api/v1/opportunities/${oppA1}/next-best-action`)).status, 404);
  assert.equal((await call(users.admin, 'GET', '/api/v1/next-best-action/evaluation')).status, 404);
  assert.equal((await call(users.repA1, 'POST', '/api/v1/next-best-action/train')).status, 403);
  const tooFew = await call(users.admin, 'POST', '/api/v1/next-best-action/train');
  assert.equal(tooFew.status, 400);
  assert.match(JSON.stringify(tooFew.body), /too few closed deals/);
  const tooFewValue = await call(users.admin, 'POST', '/api/v1/next-best-action/train', { reward: 'value' });
  assert.match(JSON.stringify(tooFewValue.body), /too few closed deals/); // the reward option is accepted
  const badReward = await call(users.admin, 'POST', '/api/v1/next-best-action/train', { reward: 'profit' });
  assert.equal(badReward.status, 400);
  assert.match(JSON.stringify(badReward.body), /reward/);
  const pb = await call(users.repA1, 'GET', '/api/v1/best-practices/playbooks');
  assert.equal(pb.status, 200);
  assert.equal(pb.body.deals, 12);
});

test('scorecard texts follow Accept-Language (en, zh), also when read back from the stored assessment', async () => {
  const { users, call, db } = s;
  const path = `/api/v1/competency/reps/${users.repA2.id}`;
  const en = await call(users.managerA, 'GET', path);
  assert.equal(en.status, 200, JSON.stringify(en.body));
  // Stored as texts, not sentences: the stored row renders in whichever language is asked for.
  const stored = await db.query<{ scorecard: { scores: { to_raise: unknown }[] } }>('SELECT scorecard FROM competency_assessments WHERE user_id = $1', [users.repA2.id]);
  assert.ok(stored.rows.length > 0 && JSON.stringify(stored.rows[0].scorecard.scores[0]).includes('"$t"'));
  const zh = await call(users.managerA, 'GET', path, undefined, { 'accept-language': 'zh-CN,zh;q=0.9' });
  assert.equal(zh.status, 200);
  assert.equal(zh.headers.get('content-language'), 'zh-CN');
  const closingEn = en.body.scores.find((x: { competency: string }) => x.competency === 'closing');
  const closingZh = zh.body.scores.find((x: { competency: string }) => x.competency === 'closing');
  assert.equal(closingEn.label, 'Closing');
  assert.equal(closingZh.label, '成交');
  const winEn = closingEn.evidence.find((e: { metric: string }) => e.metric === 'win_rate');
  const winZh = closingZh.evidence.find((e: { metric: string }) => e.metric === 'win_rate');
  assert.equal(winEn.label, 'Win rate of deals closed in the period');
  assert.equal(winZh.label, '本期已关闭商机的赢单率');
  assert.equal(typeof closingEn.to_raise, 'string');
  assert.match(closingEn.to_raise, /^[A-Z]|^Already/);
  assert.match(closingZh.to_raise, /[\u4e00-\u9fff]/);
  assert.ok(!/team median|no evidence yet|Already above/.test(closingZh.to_raise), closingZh.to_raise);
  const collabZh = zh.body.scores.find((x: { competency: string }) => x.competency === 'collaboration');
  assert.match(collabZh.evidence.find((e: { metric: string }) => e.metric === 'articles_written').detail, /^0 篇文章，被 0 位同事使用 0 次$/);
  // The model lists its metrics in the reader's language too.
  const model = await call(users.repA1, 'GET', '/api/v1/competency/model', undefined, { 'accept-language': 'zh' });
  assert.equal(model.body.metrics.find((m: { metric: string }) => m.metric === 'talk_ratio').label, '录音通话中销售的说话时间占比');
  assert.equal((await call(users.repA1, 'GET', '/api/v1/competency/model')).body.metrics.find((m: { metric: string }) => m.metric === 'talk_ratio').label, 'Rep share of talk time on recorded calls');
});

test('training plan steps, gaps and their tasks follow Accept-Language (en, zh); an edited task title stays as written', async () => {
  const { users, call, db } = s;
  const plan = await call(users.managerA, 'POST', '/api/v1/training-plans', { user_id: users.repA2.id, gaps: 3 });
  assert.equal(plan.status, 201, JSON.stringify(plan.body));
  const zh = { 'accept-language': 'zh-CN' };
  const en = (await call(users.repA2, 'GET', `/api/v1/training-plans/${plan.body.id}`)).body;
  const cn = (await call(users.repA2, 'GET', `/api/v1/training-plans/${plan.body.id}`, undefined, zh)).body;
  const practiceEn = en.steps.find((st: { kind: string }) => st.kind === 'practice');
  const practiceZh = cn.steps.find((st: { kind: string }) => st.kind === 'practice');
  assert.match(practiceEn.title, /^Practice \(.+\): .+/);
  assert.match(practiceZh.title, /^练习（.+）：.+/);
  assert.equal(practiceZh.ref.title_text, undefined, 'the text is not repeated in ref');
  assert.ok(cn.gaps.every((g: { label: string }) => typeof g.label === 'string' && /[\u4e00-\u9fff]/.test(g.label)), JSON.stringify(cn.gaps));
  assert.ok(cn.kpis.every((k: { label: string }) => /[\u4e00-\u9fff]/.test(k.label)));
  const read = en.steps.find((st: { kind: string }) => st.kind === 'read');
  if (read) assert.match(read.title, /^Read: /);
  // The step's task reads in the reader's language, until someone edits its title.
  const taskEn = await call(users.repA2, 'GET', `/api/v1/tasks/${practiceEn.task_id}`);
  const taskZh = await call(users.repA2, 'GET', `/api/v1/tasks/${practiceEn.task_id}`, undefined, zh);
  assert.equal(taskEn.body.title, practiceEn.title);
  assert.equal(taskZh.body.title, practiceZh.title);
  assert.equal((await db.query<{ title: string }>('SELECT title FROM tasks WHERE id = $1', [practiceEn.task_id])).rows[0].title, practiceEn.title);
  assert.equal((await call(users.repA2, 'PATCH', `/api/v1/tasks/${practiceEn.task_id}`, { title: 'My own words' })).status, 200);
  assert.equal((await call(users.repA2, 'GET', `/api/v1/tasks/${practiceEn.task_id}`, undefined, zh)).body.title, 'My own words');
});
