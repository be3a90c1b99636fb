import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from '../../api/testing.ts';

// "Knowledge articles written and used" as collaboration evidence: uses are recorded through the
// HTTP API (views by others, citations in answers, helpful marks) and counted per author.
let s: TestServer;
const ids: Record<string, string> = {};

before(async () => {
  s = await startTestServer();
  const write = async (user: TestServer['users']['repA1'], key: string, title: string, body: string) => {
    const r = await s.call(user, 'POST', '/api/v1/knowledge/articles', { title, body });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    ids[key] = r.body.id;
  };
  await write(s.users.repA1, 'discount', 'Discount policy', '## Approvals\n\nDiscounts above 15 percent need the regional manager\'s approval. Discounts above 30 percent need the VP of sales.');
  await write(s.users.repA1, 'renewal', 'Renewal process', '## Notice period\n\nCustomers must give 60 days notice before the renewal date to cancel a contract.');
  await write(s.users.managerA, 'partner', 'Partner programme', 'Partners earn a 10 percent referral fee on first year contract value.');
});
after(async () => s?.close());

const usage = async () => (await s.db.query<{ article_id: string; user_id: string; kind: string; message_id: string | null }>(
  'SELECT article_id, user_id, kind, message_id FROM knowledge_article_usage ORDER BY id',
)).rows;
const citedArticles = (citations: { article_id: string }[]) => [...new Set(citations.map((c) => c.article_id))];

test('views by others are recorded once a day; the author\u2019s own views are not; access is unchanged', async () => {
  const { users, call } = s;
  const path = `/api/v1/knowledge/articles/${ids.discount}`;
  for (const u of [users.repA2, users.repA2, users.repA1, users.repB1]) {
    const r = await call(u, 'GET', path);
    assert.equal(r.status, 200); // every signed-in user may read articles, as before
    assert.equal(r.body.id, ids.discount);
  }
  assert.equal((await call(null, 'GET', path)).status, 401);
  assert.equal((await call(users.repA2, 'GET', '/api/v1/knowledge/articles/00000000-0000-0000-0000-000000000000')).status, 404);
  const views = (await usage()).filter((u) => u.kind === 'view');
  assert.deepEqual(views.map((v) => [v.article_id, v.user_id]).sort(), [[ids.discount, users.repA2.id], [ids.discount, users.repB1.id]].sort());
});

test('answers that cite an article and helpful marks are recorded per article, once per answer', async () => {
  const { users, call } = s;
  const before = (await usage()).length;
  // A one-shot answer for a colleague in the other team.
  const ask = await call(users.repB1, 'POST', '/api/v1/knowledge/ask', { question: 'How many days notice before renewal to cancel?' });
  assert.equal(ask.status, 200);
  assert.equal(ask.body.confident, true);
  const askCited = citedArticles(ask.body.citations);
  assert.ok(askCited.includes(ids.renewal), JSON.stringify(ask.body.citations));
  // The author asking about their own article does not count.
  const own = await call(users.repA1, 'POST', '/api/v1/knowledge/ask', { question: 'How many days notice before renewal to cancel?' });
  assert.ok(citedArticles(own.body.citations).includes(ids.renewal));
  // A chat answer, then marked helpful twice: one citation and one helpful mark per article.
  const conv = await call(users.repA2, 'POST', '/api/v1/chat/conversations', {});
  const turn = await call(users.repA2, 'POST', `/api/v1/chat/conversations/${conv.body.id}/messages`, { content: 'Who must approve a discount above 15 percent?' });
  assert.equal(turn.status, 201, JSON.stringify(turn.body));
  const chatCited = citedArticles(turn.body.message.citations);
  assert.ok(chatCited.includes(ids.discount), JSON.stringify(turn.body.message.citations));
  for (let i = 0; i < 2; i++) assert.equal((await call(users.repA2, 'POST', `/api/v1/chat/messages/${turn.body.message.id}/feedback`, { helpful: true })).status, 200);
  // Someone else's message: still 404, nothing recorded.
  assert.equal((await call(users.repB1, 'POST', `/api/v1/chat/messages/${turn.body.message.id}/feedback`, { helpful: true })).status, 404);

  const added = (await usage()).slice(before);
  const expect = [
    ...askCited.map((a) => [a, users.repB1.id, 'cited']),
    ...chatCited.map((a) => [a, users.repA2.id, 'cited']),
    ...chatCited.map((a) => [a, users.repA2.id, 'helpful']),
  ].sort();
  assert.deepEqual(added.map((u) => [u.article_id, u.user_id, u.kind]).sort(), expect);
  assert.ok(added.filter((u) => u.user_id === users.repA2.id).every((u) => u.message_id === turn.body.message.id));
});

test('the assessment counts articles written and their uses by colleagues as collaboration evidence, explained', async () => {
  const { users, call } = s;
  const rows = await usage();
  const mine = rows.filter((u) => u.article_id === ids.discount || u.article_id === ids.renewal);
  const colleagues = new Set(mine.map((u) => u.user_id));
  assert.ok(!colleagues.has(users.repA1.id));
  const card = await call(users.managerA, 'GET', `/api/v1/competency/reps/${users.repA1.id}`);
  assert.equal(card.status, 200, JSON.stringify(card.body));
  const collaboration = card.body.scores.find((x: { competency: string }) => x.competency === 'collaboration');
  const uses = collaboration.evidence.find((e: { metric: string }) => e.metric === 'article_uses');
  const written = collaboration.evidence.find((e: { metric: string }) => e.metric === 'articles_written');
  assert.equal(written.value, 2);
  assert.equal(uses.value, mine.length);
  assert.equal(uses.n, colleagues.size);
  assert.equal(uses.team_median, 0);
  assert.ok(uses.effect > 0, JSON.stringify(uses));
  assert.match(written.detail, new RegExp(`^2 articles, used ${mine.length} times by ${colleagues.size} colleagues$`));
  assert.match(uses.detail, /views?.*citations? in answers?.*marked helpful/);
  assert.equal(card.body.metrics.article_uses, mine.length);
  // The manager's article is not a rep's evidence; a rep whose articles nobody used scores lower.
  const other = await call(users.managerA, 'GET', `/api/v1/competency/reps/${users.repA2.id}`);
  const otherUses = other.body.scores.find((x: { competency: string }) => x.competency === 'collaboration').evidence.find((e: { metric: string }) => e.metric === 'article_uses');
  assert.equal(otherUses.value, 0);
  assert.equal(otherUses.detail, '0 articles, used 0 times by 0 colleagues');
  assert.ok(collaboration.score > other.body.scores.find((x: { competency: string }) => x.competency === 'collaboration').score);
  // Access to scorecards is unchanged: colleagues whose usage counted still cannot read it.
  for (const u of [users.repA2, users.repB1, users.managerB]) assert.equal((await call(u, 'GET', `/api/v1/competency/reps/${users.repA1.id}`)).status, 404);
});
