import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from '../../api/testing.ts';

let s: TestServer;
let acme: string;
let product: string;
let article: string;
const opps: Record<string, string> = {};

before(async () => {
  s = await startTestServer();
  const { repA1, repA2, repB1, admin } = s.users;
  const one = async (sql: string, params: unknown[]) => (await s.db.query<{ id: string }>(sql, params)).rows[0].id;
  acme = await one(`INSERT INTO accounts (name, owner_id) VALUES ('Acme', $1) RETURNING id`, [repA1.id]);
  product = await one(`INSERT INTO products (name) VALUES ('Edge Gateway') RETURNING id`, []);
  article = await one(`INSERT INTO knowledge_articles (title, body, author_id) VALUES ('Objection handling for competitors', 'x', $1) RETURNING id`, [admin.id]);
  const opp = async (key: string, owner: string, stage: string, attributes: object) => {
    opps[key] = await one(`INSERT INTO opportunities (name, owner_id, account_id, product_id, stage, amount, closed_at, attributes) VALUES ($1, $2, $3, $4, $5, $6, now(), $7) RETURNING id`,
      [key, owner, acme, product, stage, key.length * 1000, JSON.stringify(attributes)]);
  };
  const activity = (type: string, owner: string, opportunity: string, subject: string, body: string, attributes: object = {}) =>
    s.db.query(`INSERT INTO activities (type, owner_id, opportunity_id, subject, body, attributes) VALUES ($1, $2, $3, $4, $5, $6)`, [type, owner, opportunity, subject, body, JSON.stringify(attributes)]);
  await opp('a1-won-1', repA1.id, 'won', { competitor: 'Rival' });
  await opp('a1-won-2', repA1.id, 'won', {});
  await opp('a2-lost-1', repA2.id, 'lost', { competitors: ['Rival', 'Other'] });
  await opp('a2-lost-2', repA2.id, 'lost', {});
  await opp('b1-won-longest', repB1.id, 'won', {});
  await activity('email', repA1.id, opps['a1-won-1'], 'Follow-up', 'Sharing our objection handling for competitors guide');
  await activity('call', repA1.id, opps['a1-won-1'], 'Discovery call', '');
  await activity('note', repA1.id, opps['a1-won-2'], 'Prep', 'see article', { article_id: article });
  await activity('note', repA2.id, opps['a2-lost-2'], 'Lost', 'They went with ZetaCorp in the end');
  for (let i = 0; i < 3; i++) await activity('email', repB1.id, opps['b1-won-longest'], `Mail ${i}`, '');
  await s.db.query(`INSERT INTO settings (key, value) VALUES ('competitors', '["ZetaCorp"]')`);
});
after(async () => s.close());

test('who knows an account: ranked by ownership, deals, wins and activities, within scope', async () => {
  const all = await s.call(s.users.admin, 'GET', `/api/v1/graph/who-knows?account_id=${acme}`);
  assert.equal(all.status, 200, JSON.stringify(all.body));
  const byName = Object.fromEntries(all.body.data.map((r: { name: string }) => [r.name, r]));
  // Ana: owner 5 + 2 deals × 2 + 2 won × 3 + 3 activities × 1 + 1 call × 0.5 = 18.5
  assert.equal(byName['Ana Rep'].score, 18.5);
  assert.deepEqual({ ...byName['Ana Rep'].evidence, last_interaction_at: null }, { owns_account: true, deals_owned: 2, deals_won: 2, won_amount: 8000 + 8000, activities: 3, calls: 1, last_interaction_at: null });
  // Bo: 1 deal × 2 + 1 won × 3 + 3 activities = 8; Alex: 2 deals × 2 + 1 activity = 5
  assert.deepEqual(all.body.data.map((r: { name: string }) => r.name), ['Ana Rep', 'Bo Rep', 'Alex Rep']);
  const bo = await s.call(s.users.repB1, 'GET', `/api/v1/graph/who-knows?account_id=${acme}`);
  const ana = bo.body.data.find((r: { name: string }) => r.name === 'Ana Rep');
  assert.equal(ana.evidence.deals_owned, 0, 'another team’s deals are not counted for a rep');
  assert.equal(bo.body.data.find((r: { name: string }) => r.name === 'Alex Rep'), undefined);
  assert.equal((await s.call(s.users.admin, 'GET', '/api/v1/graph/who-knows?account_id=00000000-0000-4000-8000-000000000000')).status, 404);
});

test('winning content: articles by lift over the product win rate, calls on won deals', async () => {
  const r = await s.call(s.users.admin, 'GET', `/api/v1/graph/winning-content?product_id=${product}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.closed_deals, 5);
  assert.equal(r.body.baseline_win_rate, 0.6);
  assert.equal(r.body.articles.length, 1);
  assert.equal(r.body.articles[0].id, article);
  assert.equal(r.body.articles[0].deals, 2);
  assert.equal(r.body.articles[0].win_rate, 1);
  assert.ok(Math.abs(r.body.articles[0].lift - 1 / 0.6) < 1e-9);
  assert.deepEqual(r.body.calls.map((c: { subject: string }) => c.subject), ['Discovery call']);
  const bo = await s.call(s.users.repB1, 'GET', `/api/v1/graph/winning-content?product_id=${product}`);
  assert.equal(bo.body.closed_deals, 1);
  assert.equal(bo.body.articles.length, 0);
});

test('winning content also counts articles a deal\u2019s owner used (viewed, was answered from) while the deal was open', async () => {
  const { repA1, repA2, admin } = s.users;
  const guide = (await s.db.query<{ id: string }>(`INSERT INTO knowledge_articles (title, body, author_id) VALUES ('Pricing approval guide', 'y', $1) RETURNING id`, [admin.id])).rows[0].id;
  // Use is by the owner while the deal was open (not tied to one deal): a2-lost-2 ran earlier than the others.
  await s.db.query(`UPDATE opportunities SET closed_at = closed_at - interval '70 days' WHERE id = $1`, [opps['a2-lost-2']]);
  for (const key of ['a1-won-1', 'a1-won-2', 'a2-lost-1', 'a2-lost-2']) await s.db.query(`UPDATE opportunities SET opened_at = closed_at - interval '30 days' WHERE id = $1`, [opps[key]]);
  const use = (user: string, key: string, kind: string, offset: string) => s.db.query(
    `INSERT INTO knowledge_article_usage (article_id, user_id, kind, at) SELECT $1, $2, $3, closed_at + $5::interval FROM opportunities WHERE id = $4`, [guide, user, kind, opps[key], offset]);
  await use(repA1.id, 'a1-won-1', 'cited', '-10 days');
  await use(repA1.id, 'a1-won-2', 'view', '-1 day');
  await use(repA2.id, 'a2-lost-1', 'helpful', '-20 days');
  await use(repA2.id, 'a2-lost-2', 'view', '1 day'); // after the deal closed: not used in it
  await use(repA2.id, 'a2-lost-2', 'view', '-40 days'); // before it opened: neither
  const r = await s.call(s.users.admin, 'GET', `/api/v1/graph/winning-content?product_id=${product}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const row = r.body.articles.find((a: { id: string }) => a.id === guide);
  assert.deepEqual({ deals: row.deals, won: row.won }, { deals: 3, won: 2 });
  assert.ok(Math.abs(row.lift - 2 / 3 / 0.6) < 1e-9);
  assert.equal(r.body.articles.find((a: { id: string }) => a.id === article).deals, 2); // activity-based use unchanged
  // Scope: a rep of the other team sees none of these deals, so no article qualifies.
  assert.equal((await s.call(s.users.repB1, 'GET', `/api/v1/graph/winning-content?product_id=${product}`)).body.articles.length, 0);
  // Alex sees his own (lost) deals only: the guide used in one of them is below the two-deal minimum.
  const alex = await s.call(repA2, 'GET', `/api/v1/graph/winning-content?product_id=${product}`);
  assert.equal(alex.body.articles.find((a: { id: string }) => a.id === guide), undefined);
});

test('competitors × products from attributes and known names in activity text, with win rates', async () => {
  const r = await s.call(s.users.admin, 'GET', '/api/v1/graph/competitors');
  const rows = Object.fromEntries(r.body.data.map((x: { competitor: string }) => [x.competitor, x]));
  assert.deepEqual(Object.keys(rows).sort(), ['other', 'rival', 'zetacorp']);
  assert.equal(rows.rival.deals, 2);
  assert.equal(rows.rival.win_rate, 0.5);
  assert.equal(rows.rival.product, 'Edge Gateway');
  assert.equal(rows.zetacorp.lost, 1);
  assert.equal(rows.zetacorp.win_rate, 0);
  assert.deepEqual((await s.call(s.users.repB1, 'GET', '/api/v1/graph/competitors')).body.data, []);
});

test('neighbors: one and two hops, scoped, with typed edges', async () => {
  const one = await s.call(s.users.admin, 'GET', `/api/v1/graph/neighbors?node=account:${acme}`);
  assert.equal(one.status, 200, JSON.stringify(one.body));
  const types = one.body.nodes.map((n: { type: string }) => n.type);
  assert.equal(types.filter((t: string) => t === 'opportunity').length, 5);
  assert.ok(one.body.edges.some((e: { from: string; to: string; type: string }) => e.type === 'owns' && e.from === `user:${s.users.repA1.id}` && e.to === `account:${acme}`));
  assert.ok(one.body.edges.some((e: { type: string; to: string }) => e.type === 'bought' && e.to === `product:${product}`));
  const scoped = await s.call(s.users.repB1, 'GET', `/api/v1/graph/neighbors?node=account:${acme}`);
  assert.equal(scoped.body.nodes.filter((n: { type: string }) => n.type === 'opportunity').length, 1);
  const two = await s.call(s.users.admin, 'GET', '/api/v1/graph/neighbors?node=competitor:Rival&depth=2');
  assert.ok(two.body.edges.some((e: { type: string; from: string; to: string }) => e.type === 'competes_with' && e.from === 'competitor:rival' && e.to === `product:${product}`));
  assert.ok(two.body.nodes.some((n: { id: string }) => n.id === `user:${s.users.repA2.id}`), 'second hop reaches the deal owners');
  assert.equal((await s.call(s.users.repB1, 'GET', `/api/v1/graph/neighbors?node=opportunity:${opps['a1-won-1']}`)).status, 404);
  assert.equal((await s.call(s.users.admin, 'GET', '/api/v1/graph/neighbors?node=planet:1')).status, 400);
});

test('a node without a name is called by its type in the reader\u2019s language (en, zh); names stay as they are', async () => {
  const call = (await s.db.query<{ id: string }>(`INSERT INTO activities (type, owner_id, opportunity_id, account_id, subject, body) VALUES ('call', $1, $2, $3, NULL, '') RETURNING id`, [s.users.repA1.id, opps['a1-won-2'], acme])).rows[0].id;
  const path = `/api/v1/graph/neighbors?node=opportunity:${opps['a1-won-2']}`;
  const en = await s.call(s.users.admin, 'GET', path);
  const zh = await s.call(s.users.admin, 'GET', path, undefined, { 'accept-language': 'zh-CN' });
  assert.equal(en.status, 200, JSON.stringify(en.body));
  const node = (body: { nodes: { id: string; label: string }[] }, id: string) => body.nodes.find((n) => n.id === id)!.label;
  assert.equal(node(en.body, `call:${call}`), 'call');
  assert.equal(node(zh.body, `call:${call}`), '通话');
  assert.equal(node(zh.body, `opportunity:${opps['a1-won-2']}`), 'a1-won-2');
  const start = await s.call(s.users.admin, 'GET', `/api/v1/graph/neighbors?node=call:${call}`, undefined, { 'accept-language': 'zh' });
  assert.equal(node(start.body, `call:${call}`), '通话');
});
