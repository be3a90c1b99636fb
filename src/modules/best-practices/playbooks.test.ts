import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { TestDb } from '../../db/testing.ts';
import { demoAdmin, teamDemoDb } from '../competency/testing.ts';
import { playbooks, similarDeals } from './service.ts';

let db: TestDb;
let ADMIN: Awaited<ReturnType<typeof demoAdmin>>;
before(async () => {
  db = await teamDemoDb();
  ADMIN = await demoAdmin(db);
});
after(async () => db?.close());

test('playbooks recover the practices the demo generator planted, with significance after correction', async () => {
  const p = await playbooks(db, ADMIN);
  assert.ok(p.deals > 300, `${p.deals} closed deals`);
  const find = (key: string) => p.playbooks.find((x) => x.pattern === key);
  const early = find('demo_within_10d');
  assert.ok(early && early.direction === 'do' && early.lift > 1 && early.q_value < 0.05, JSON.stringify(early));
  const exec = find('executive_before_stage:proposal') ?? find('executive_before_proposal');
  assert.ok(exec && exec.direction === 'do' && exec.q_value < 0.05, JSON.stringify(exec));
  const silence = find('silence_over_21d');
  assert.ok(silence && silence.direction === 'avoid' && silence.lift < 1 && silence.q_value < 0.05, JSON.stringify(silence));
  for (const entry of p.playbooks) {
    assert.ok(entry.q_value < 0.05 && entry.p_value <= entry.q_value + 1e-12);
    assert.ok(entry.examples.length > 0 && entry.examples.every((e) => e.stage === (entry.direction === 'do' ? 'won' : 'lost')));
  }
});

test('deals like this one: nearest won and lost deals, most similar first, with the differences', async () => {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM opportunities WHERE stage IN ('demo', 'proposal') ORDER BY id LIMIT 1`);
  const s = await similarDeals(db, ADMIN, rows[0].id, 4);
  assert.equal(s.won.length, 4);
  assert.equal(s.lost.length, 4);
  assert.ok(s.won.every((d) => d.stage === 'won') && s.lost.every((d) => d.stage === 'lost'));
  for (const list of [s.won, s.lost]) for (let i = 1; i < list.length; i++) assert.ok(list[i - 1].similarity >= list[i].similarity);
  assert.ok(s.won.every((d) => d.id !== rows[0].id));
  for (const d of s.differences) assert.ok(Math.abs(d.won_share - d.lost_share) >= 0.2);
});

test('a rep only gets neighbours and examples from their own deals', async () => {
  const { rows } = await db.query<{ id: string; owner_id: string }>(`SELECT id, owner_id FROM opportunities WHERE stage = 'won' ORDER BY id LIMIT 1`);
  const rep = { id: rows[0].owner_id, name: 'rep', role: 'rep' as const };
  const s = await similarDeals(db, rep, rows[0].id, 3);
  const owners = (await db.query<{ owner_id: string }>('SELECT DISTINCT owner_id FROM opportunities WHERE id = ANY($1::uuid[])', [[...s.won, ...s.lost].map((d) => d.id)])).rows;
  assert.deepEqual(owners.map((o) => o.owner_id), [rep.id]);
  const p = await playbooks(db, rep);
  const exampleIds = p.playbooks.flatMap((x) => x.examples.map((e) => e.id));
  const exOwners = (await db.query<{ owner_id: string }>('SELECT DISTINCT owner_id FROM opportunities WHERE id = ANY($1::uuid[])', [exampleIds])).rows;
  assert.ok(exOwners.every((o) => o.owner_id === rep.id));
});

test('playbook and difference descriptions follow Accept-Language (en, zh) over HTTP; the English is the miner\u2019s own wording', async () => {
  const { buildServer } = await import('../../api/server.ts');
  const { createToken } = await import('../auth/service.ts');
  const { render } = await import('../../core/i18n.ts');
  const { mineDeals } = await import('./service.ts');
  // Every rebuilt description reads in English exactly as src/ml/patterns wrote it.
  const { mined } = await mineDeals(db);
  for (const r of mined.results.slice(0, 400)) {
    const entry = (await import('./messages.ts')).patternText(r.key, r.kind);
    if (entry) assert.equal(render(entry, 'en'), r.description.charAt(0).toUpperCase() + r.description.slice(1));
  }
  const app = await buildServer({ db, logLevel: 'silent' });
  try {
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const { token } = await createToken(db, ADMIN.id, 'test');
    const get = async (path: string, lang?: string) => (await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}`, ...(lang ? { 'accept-language': lang } : {}) } })).json() as Promise<any>;
    const en = await get('/api/v1/best-practices/playbooks');
    const zh = await get('/api/v1/best-practices/playbooks', 'zh-CN');
    const pick = (body: any, key: string) => body.playbooks.find((x: { pattern: string }) => x.pattern === key);
    assert.equal(pick(en, 'demo_within_10d').description, 'A demo within 10 days of first contact');
    assert.equal(pick(zh, 'demo_within_10d').description, '首次接触后 10 天内有演示');
    assert.equal(pick(en, 'silence_over_21d').description, 'A gap of more than 21 days without any activity');
    assert.equal(pick(zh, 'silence_over_21d').description, '超过 21 天没有任何活动');
    assert.equal(zh.test, 'Fisher 精确检验（双侧）');
    assert.equal(en.test, 'Fisher exact (two-sided)');
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM opportunities WHERE stage IN ('demo', 'proposal') ORDER BY id LIMIT 1`);
    const similar = await get(`/api/v1/opportunities/${rows[0].id}/similar?k=5`, 'zh');
    for (const d of similar.differences) assert.match(d.description, /[\u4e00-\u9fff]/, d.description);
  } finally {
    await app.close();
  }
});
