import assert from 'node:assert/strict';
import { render } from '../../core/i18n.ts';
import { taskTitleText } from './messages.ts';
import { after, before, test } from 'node:test';
import type { TestDb } from '../../db/testing.ts';
import { DEMO_NOW, demoAdmin, teamDemoDb } from '../competency/testing.ts';
import { buildServer } from '../../api/server.ts';
import { createToken } from '../auth/service.ts';
import { upliftOf } from '../../ml/rl/fitted-q.ts';
import { sizeBucket } from './mdp.ts';
import { latestEvaluation, MIN_SUPPORT, recommend, trainNba } from './service.ts';

let db: TestDb;
let ADMIN: Awaited<ReturnType<typeof demoAdmin>>;
before(async () => {
  db = await teamDemoDb();
  ADMIN = await demoAdmin(db);
});
after(async () => db?.close());

test('the learned policy beats the logged behaviour policy off-policy, with a 95% interval above zero', async () => {
  const trained = await trainNba(db, ADMIN, { resamples: 400 });
  const e = trained.evaluation;
  assert.ok(trained.episodes > 300);
  assert.ok(e.uplift_dr.ci[0] > 0, `DR uplift ${JSON.stringify(e.uplift_dr)}`);
  assert.ok(e.uplift_wis.ci[0] > 0, `WIS uplift ${JSON.stringify(e.uplift_wis)}`);
  assert.ok(e.policy.dr.value > e.behaviour.value);
  for (const est of [e.behaviour, e.policy.is, e.policy.wis, e.policy.dr]) assert.ok(est.ci[0] <= est.value && est.value <= est.ci[1] && Number.isFinite(est.value));
  const stored = await latestEvaluation(db);
  assert.equal(stored.version, trained.version);
  // The behaviour policy is estimated, and where the generator logged its propensity the estimate should be close.
  const { rows } = await db.query<{ p: number }>(`SELECT avg((attributes->>'policy_p')::float8)::float8 AS p FROM activities WHERE subtype = 'demo' AND attributes ? 'policy_p'`);
  assert.ok(rows[0].p > 0 && rows[0].p < 1);
});

test('recommendations carry uplift, interval and support, and never rank unsupported actions', async () => {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM opportunities WHERE stage NOT IN ('won', 'lost') ORDER BY id LIMIT 5`);
  assert.ok(rows.length > 0);
  // Evaluate as of the demo's reference date, when these deals were live.
  for (const { id } of rows) {
    const r = await recommend(db, id, { now: DEMO_NOW.getTime() });
    assert.equal(r.actions.length, 8);
    for (const a of r.actions) {
      if (a.supported) {
        assert.ok(a.support >= MIN_SUPPORT && a.ci![0] <= a.expected_uplift! && a.expected_uplift! <= a.ci![1]);
      } else {
        assert.equal(a.expected_uplift, null);
        assert.ok(a.support < MIN_SUPPORT);
      }
    }
    if (r.recommended) assert.ok(r.actions.find((a) => a.action === r.recommended)!.supported);
    else assert.ok(r.note);
  }
});

test('a closed deal gets a 400, not a recommendation', async () => {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM opportunities WHERE stage = 'won' LIMIT 1`);
  await assert.rejects(recommend(db, rows[0].id), (e: Error) => e.name === 'InputError');
});

test('a supported recommendation becomes one task for the deal owner (idempotent); out of scope is 404', async () => {
  // Move one live deal's history to the present, so "now" sees it as the demo's reference date did.
  const { rows } = await db.query<{ id: string; owner_id: string }>(`SELECT id, owner_id FROM opportunities WHERE stage = 'qualification' ORDER BY id LIMIT 1`);
  const { id, owner_id } = rows[0];
  const shift = `${Math.round((Date.now() - DEMO_NOW.getTime()) / 1000)} seconds`;
  await db.query(`UPDATE opportunities SET opened_at = opened_at + $2::interval WHERE id = $1`, [id, shift]);
  await db.query(`UPDATE activities SET occurred_at = occurred_at + $2::interval WHERE opportunity_id = $1 OR lead_id = (SELECT lead_id FROM opportunities WHERE id = $1)`, [id, shift]);
  await db.query(`UPDATE opportunity_stage_history SET changed_at = changed_at + $2::interval WHERE opportunity_id = $1`, [id, shift]);
  const app = await buildServer({ db, logLevel: 'silent' });
  try {
    const token = (await createToken(db, ADMIN.id, 'test')).token;
    const other = (await db.query<{ id: string }>(`SELECT id FROM users WHERE role = 'rep' AND id <> $1 LIMIT 1`, [owner_id])).rows[0].id;
    const otherToken = (await createToken(db, other, 'test')).token;
    const call = (t: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
      app.inject({ method, url, headers: { authorization: `Bearer ${t}` }, ...(payload ? { payload: payload as object } : {}) });
    const rec = await call(token, 'GET', `/api/v1/opportunities/${id}/next-best-action`);
    assert.equal(rec.statusCode, 200, rec.body);
    const body = rec.json();
    assert.deepEqual(body.state, (await recommend(db, id)).state);
    // Action names and notes follow Accept-Language; English without it.
    assert.equal(body.actions.find((a: { action: string }) => a.action === 'demo').label, 'Product demo');
    const zh = (await app.inject({ method: 'GET', url: `/api/v1/opportunities/${id}/next-best-action`, headers: { authorization: `Bearer ${token}`, 'accept-language': 'zh-CN' } })).json();
    assert.equal(zh.actions.find((a: { action: string }) => a.action === 'demo').label, '产品演示');
    assert.equal(zh.reward.unit, '赢单概率（赢单 = 1）');
    if (zh.note) assert.match(zh.note, /[\u4e00-\u9fff]/);
    if (zh.recommended) assert.match(zh.recommended_label, /[\u4e00-\u9fff]/);
    assert.equal((await call(otherToken, 'GET', `/api/v1/opportunities/${id}/next-best-action`)).statusCode, 404);
    assert.equal((await call(otherToken, 'POST', `/api/v1/next-best-action/${id}/task`, {})).statusCode, 404);
    const unsupported = body.actions.find((a: { supported: boolean }) => !a.supported);
    if (unsupported) assert.equal((await call(token, 'POST', `/api/v1/next-best-action/${id}/task`, { action: unsupported.action })).statusCode, 400);
    const supported = body.recommended ?? body.actions.find((a: { supported: boolean }) => a.supported)?.action;
    assert.ok(supported, 'a young qualification-stage deal has supported actions');
    const first = await call(token, 'POST', `/api/v1/next-best-action/${id}/task`, { action: supported });
    assert.equal(first.statusCode, 201, first.body);
    const again = await call(token, 'POST', `/api/v1/next-best-action/${id}/task`, { action: supported });
    assert.equal(again.json().task.id, first.json().task.id);
    assert.equal(again.json().task.created, false);
    const task = (await db.query<{ owner_id: string; source: string; title: string }>('SELECT owner_id, source, title FROM tasks WHERE id = $1', [first.json().task.id])).rows[0];
    assert.deepEqual({ owner_id: task.owner_id, source: task.source }, { owner_id, source: 'next-best-action' });
    assert.ok(task.title.startsWith(render(taskTitleText(supported, null), 'en')), task.title);
    // A task created by a Chinese-speaking user is written in Chinese (tasks are plain CRM text).
    const other2 = body.actions.find((a: { supported: boolean; action: string }) => a.supported && a.action !== supported);
    if (other2) {
      const zhTask = await app.inject({ method: 'POST', url: `/api/v1/next-best-action/${id}/task`, headers: { authorization: `Bearer ${token}`, 'accept-language': 'zh' }, payload: { action: other2.action } });
      assert.equal(zhTask.statusCode, 201, zhTask.body);
      const row = (await db.query<{ title: string; description: string }>('SELECT title, description FROM tasks WHERE id = $1', [zhTask.json().task.id])).rows[0];
      assert.ok(row.title.startsWith(render(taskTitleText(other2.action, null), 'zh')), row.title);
      assert.match(row.description, /^赢单概率的预期提升/);
    }
  } finally {
    await app.close();
  }
});

test('value-weighted reward: beats the behaviour policy in won value (95% interval above zero) and, like the truth, values the planted practices more on bigger deals', async () => {
  const trained = await trainNba(db, ADMIN, { resamples: 400, reward: 'value' });
  const e = trained.evaluation;
  assert.equal(trained.reward.kind, 'value');
  assert.ok(trained.reward.scale > 1000, JSON.stringify(trained.reward));
  // Every estimate is in the same unit (won amount ÷ mean deal amount): behaviour ≈ win rate × relative won size, order 1.
  for (const est of [e.behaviour, e.policy.is, e.policy.wis, e.policy.dr]) assert.ok(est.ci[0] <= est.value && est.value <= est.ci[1] && est.value > 0.05 && est.value < 3, JSON.stringify(est));
  assert.ok(e.uplift_dr.ci[0] > 0, `DR uplift in value ${JSON.stringify(e.uplift_dr)}`);
  assert.ok(e.policy.dr.value > e.behaviour.value);
  const stored = await latestEvaluation(db);
  assert.equal((stored as { reward: { kind: string } }).reward.kind, 'value');

  // The truth: each deal's win probability and whether the planted practices happened; the
  // value a practice adds to a deal is amount × (σ(logit p without it + β) − σ(logit p without it)).
  const truth = Object.fromEntries((await db.query<{ key: string; value: any }>(`SELECT key, value FROM demo_ground_truth WHERE key IN ('win_probability', 'deal_practices', 'win_model')`)).rows.map((r) => [r.key, r.value]));
  const model = (await db.query<{ artifact: { sizeCuts: [number, number]; table: Record<string, Record<string, [number, number, number]>> } }>(`SELECT artifact FROM models WHERE kind = 'next-best-action' AND active`)).rows[0].artifact;
  const deals = (await db.query<{ external_id: string; amount: number }>(`SELECT external_id, amount::float8 AS amount FROM opportunities WHERE stage IN ('won', 'lost') AND amount IS NOT NULL`)).rows;
  const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
  for (const [action, practice, beta] of [['executive', 'executive_meeting', truth.win_model.executiveMeeting], ['demo', 'early_demo', truth.win_model.earlyDemo]] as const) {
    const trueGain: Record<string, number[]> = { small: [], large: [] };
    for (const d of deals) {
      const p = truth.win_probability[d.external_id];
      const did = truth.deal_practices[d.external_id]?.[practice];
      if (p === undefined || did === undefined) continue;
      const l0 = Math.log(p / (1 - p)) - (did ? beta : 0);
      trueGain[sizeBucket(d.amount, model.sizeCuts)]?.push((d.amount / trained.reward.scale) * (sigmoid(l0 + beta) - sigmoid(l0)));
    }
    // What the value-weighted model learned: the support-weighted uplift of the action per deal size.
    const learned: Record<string, [number, number]> = { small: [0, 0], large: [0, 0] };
    for (const [state, row] of Object.entries(model.table)) {
      const size = state.split('|')[3];
      if (!learned[size] || !row[action] || row[action][0] < MIN_SUPPORT) continue;
      const q = new Map(Object.entries(row).map(([a, v]) => [a, v[1]]));
      const n = new Map(Object.entries(row).map(([a, v]) => [a, v[0]]));
      const total = [...n.values()].reduce((a, b) => a + b, 0);
      learned[size][0] += row[action][0] * upliftOf(q, new Map(), n, total, action, row[action][1]);
      learned[size][1] += row[action][0];
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const truthLarge = mean(trueGain.large), truthSmall = mean(trueGain.small);
    const learnedLarge = learned.large[0] / learned.large[1], learnedSmall = learned.small[0] / learned.small[1];
    assert.ok(truthLarge > truthSmall, `truth: ${action} adds more value on large deals (${truthLarge.toFixed(3)} vs ${truthSmall.toFixed(3)})`);
    assert.ok(learnedLarge > learnedSmall && learnedLarge > 0, `${action}: learned value uplift on large deals ${learnedLarge.toFixed(3)} vs small ${learnedSmall.toFixed(3)} (truth ${truthLarge.toFixed(3)} vs ${truthSmall.toFixed(3)})`);
  }
  // The reward option is validated.
  await assert.rejects(trainNba(db, ADMIN, { reward: 'profit' as never }), (err: Error) => err.name === 'InputError' && /profit/.test(err.message));
});
