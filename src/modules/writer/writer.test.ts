// The writer over HTTP: offline drafts built from the customer's facts, the fact check against a
// fake remote model that invents a price, a date and a product, privacy of what leaves the
// machine, Chinese drafts, templates, and drafts as editable, sendable activities.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestServer, type TestServer } from '../../api/testing.ts';
import { FakeOpenAIServer } from '../../llm/fake-openai-server.ts';
import { seedWriterWorld, type WriterWorld } from './test-fixture.ts';

describe('writer API', () => {
  let s: TestServer;
  let w: WriterWorld;
  before(async () => {
    s = await startTestServer();
    w = await seedWriterWorld(s);
  });
  after(() => s.close());

  const rep = () => s.users.repA1;

  test('offline follow-up drafts carry the customer facts, pass the fact check and are saved as drafts', async () => {
    const r = await s.call(rep(), 'POST', '/api/v1/writer/email', { kind: 'follow_up', opportunity_id: w.opportunityId, tone: 'friendly', length: 'long', variants: 2 });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.provider, 'offline');
    assert.equal(r.body.facts.recipient.name, 'Lina Weber');
    assert.deepEqual(r.body.facts.products_bought.map((p: any) => p.name), ['Bloom Insight Cloud Standard']);
    assert.equal(r.body.drafts.length, 2);
    assert.notEqual(r.body.drafts[0].body, r.body.drafts[1].body, 'variants differ');
    for (const d of r.body.drafts) {
      for (const fact of ['Lina Weber', 'Bloom Sensor Hub', '$1,250', '$37,500', 'December 15, 2026', 'November 2, 2026', 'Bloom Insight Cloud Standard']) assert.ok(d.body.includes(fact), `${fact} in ${d.body}`);
      assert.deepEqual(d.checks.invented, []);
      assert.deepEqual(d.checks.spam, []);
      assert.equal(d.checks.ok, true, JSON.stringify(d.checks));
      const saved = await s.call(rep(), 'GET', `/api/v1/activities/${d.id}`);
      assert.equal(saved.status, 200);
      assert.equal(saved.body.status, 'draft');
      assert.equal(saved.body.type, 'email');
      assert.equal(saved.body.owner_id, rep().id);
      assert.equal(saved.body.opportunity_id, w.opportunityId);
      assert.equal(saved.body.attributes.draft, true);
      assert.equal(saved.body.attributes.variant, d.variant);
    }
  });

  test('a rep of another team cannot draft for a deal they cannot see', async () => {
    assert.equal((await s.call(s.users.repB1, 'POST', '/api/v1/writer/email', { opportunity_id: w.opportunityId })).status, 404);
    const bad = await s.call(rep(), 'POST', '/api/v1/writer/email', { opportunity_id: w.opportunityId, lead_id: w.leadId });
    assert.equal(bad.status, 400);
    assert.equal((await s.call(rep(), 'POST', '/api/v1/writer/email', { opportunity_id: w.opportunityId, tone: 'sarcastic' })).status, 400);
  });

  test('Chinese drafts for a Chinese-speaking lead', async () => {
    const r = await s.call(rep(), 'POST', '/api/v1/writer/email', { kind: 'outreach', lead_id: w.leadId, tone: 'formal', length: 'medium', variants: 2 });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    for (const d of r.body.drafts) {
      assert.equal(d.language, 'zh');
      assert.match(d.body, /^尊敬的王芳：/);
      assert.match(d.body, /华星制造/);
      assert.ok((d.body.match(/\p{Script=Han}/gu) ?? []).length > 40);
      assert.deepEqual(d.checks.invented, []);
    }
    const zhDeal = await s.call(rep(), 'POST', '/api/v1/writer/email', { kind: 'proposal', opportunity_id: w.opportunityId, language: 'zh', length: 'long' });
    assert.match(zhDeal.body.drafts[0].body, /2026年12月15日/);
    assert.match(zhDeal.body.drafts[0].body, /37,500 美元/);
    assert.deepEqual(zhDeal.body.drafts[0].checks.invented, []);
  });

  describe('with an OpenAI-compatible provider configured', () => {
    const fake = new FakeOpenAIServer();
    before(async () => {
      // The fake listens on 127.0.0.1 but stands in for a cloud server, so the guard must redact:
      // treatLocalAsRemote says so.
      const baseUrl = await fake.start();
      await s.db.query(`INSERT INTO settings (key, value) VALUES ('model_provider', $1)`, [JSON.stringify({ kind: 'openai', baseUrl, chatModel: 'x', allowRemote: true, treatLocalAsRemote: true, maxRetries: 0 })]);
    });
    after(async () => {
      await s.db.query(`DELETE FROM settings WHERE key = 'model_provider'`);
      await fake.close();
    });

    const answer = (body: string) => () => JSON.stringify({ subject: 'Your Bloom Sensor Hub rollout', body });
    const honest = 'Thanks for the call on November 2, 2026. Bloom Sensor Hub lists at $1,250, and the Acme sensors rollout proposal stands at $37,500.';

    test('the same API call uses the model, and no contact name or e-mail leaves the machine', async () => {
      fake.responder = answer(honest);
      const r = await s.call(rep(), 'POST', '/api/v1/writer/email', { opportunity_id: w.opportunityId });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.provider, 'openai');
      assert.equal(r.body.drafts[0].body, honest);
      assert.deepEqual(r.body.drafts[0].checks.invented, []);
      const sent = fake.requests.filter((q) => q.path === '/v1/chat/completions');
      assert.equal(sent.length, 1);
      assert.match(sent[0].raw, /Bloom Sensor Hub/, 'product facts are sent');
      for (const secret of ['Lina Weber', 'lina.weber@acme-tools.example', 'Acme Tools', 'Ana Rep']) assert.ok(!fake.allSentText().includes(secret), `${secret} was redacted`);
    });

    test('when the model fails, offline drafts are returned with a warning', async () => {
      fake.enqueue({ status: 500 });
      const r = await s.call(rep(), 'POST', '/api/v1/writer/email', { opportunity_id: w.opportunityId });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.provider, 'offline');
      assert.match(r.body.warning, /offline drafts/);
      assert.deepEqual(r.body.drafts[0].checks.invented, []);
    });

    test('an invented price is flagged', async () => {
      fake.responder = answer(`${honest} Sign this week and the hub is only $990.`);
      const r = await s.call(rep(), 'POST', '/api/v1/writer/email', { opportunity_id: w.opportunityId });
      assert.deepEqual(r.body.drafts[0].checks.invented.map((i: any) => [i.kind, i.text]), [['price', '$990']]);
      assert.equal(r.body.drafts[0].checks.ok, false);
    });

    test('an invented date is flagged', async () => {
      fake.responder = answer(`${honest} This offer holds until January 31, 2027.`);
      const r = await s.call(rep(), 'POST', '/api/v1/writer/email', { opportunity_id: w.opportunityId });
      assert.deepEqual(r.body.drafts[0].checks.invented.map((i: any) => [i.kind, i.text]), [['date', 'January 31, 2027']]);
    });

    test('an invented product is flagged, whether in the catalogue or not', async () => {
      fake.responder = answer(`${honest} Pair it with Bloom Edge Gateway or the new Bloom Quantum Suite.`);
      const r = await s.call(rep(), 'POST', '/api/v1/writer/email', { opportunity_id: w.opportunityId });
      assert.deepEqual(r.body.drafts[0].checks.invented.map((i: any) => [i.kind, i.text]), [['product', 'Bloom Edge Gateway'], ['product', 'Bloom Quantum Suite']]);
    });
  });

  test('templates: unknown variables are rejected by name; a template drives the draft', async () => {
    const bad = await s.call(rep(), 'POST', '/api/v1/writer/templates', { name: 'Nudge', kind: 'follow_up', language: 'en', subject: 'Hi', body: 'Hello {{first_name}}, about {{product}}' });
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(bad.body), /first_name/);
    const created = await s.call(rep(), 'POST', '/api/v1/writer/templates', {
      name: 'Nudge', kind: 'follow_up', language: 'en', subject: 'About {{opportunity_name}}',
      body: '[[Hi|Hello]] {{recipient_name}},\n\n{{product}} is {{product_price}}.{{#expected_close}} We aim for {{expected_close}}.{{/expected_close}}\n\n{{sender_name}}',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual(created.body.variables, ['opportunity_name', 'recipient_name', 'product', 'product_price', 'expected_close', 'sender_name']);
    const list = await s.call(rep(), 'GET', '/api/v1/writer/templates');
    assert.ok(list.body.data.some((t: any) => t.id === created.body.id));
    const r = await s.call(rep(), 'POST', '/api/v1/writer/email', { opportunity_id: w.opportunityId, template_id: created.body.id });
    assert.equal(r.body.drafts[0].subject, 'About Acme sensors rollout');
    assert.match(r.body.drafts[0].body, /^(Hi|Hello) Lina Weber,\n\nBloom Sensor Hub is \$1,250\. We aim for December 15, 2026\.\n\nAna Rep$/);
    assert.equal((await s.call(s.users.repA2, 'PATCH', `/api/v1/writer/templates/${created.body.id}`, { name: 'Mine' })).status, 403);
    assert.equal((await s.call(rep(), 'PATCH', `/api/v1/writer/templates/${created.body.id}`, { body: 'Hi {{nme}}' })).status, 400);
    assert.equal((await s.call(rep(), 'DELETE', `/api/v1/writer/templates/${created.body.id}`)).status, 204);
  });

  test('a draft is editable (checks re-run) and sendable through the delivery webhook', async () => {
    const r = await s.call(rep(), 'POST', '/api/v1/writer/email', { opportunity_id: w.opportunityId, length: 'short' });
    const id = r.body.drafts[0].id;
    const edited = await s.call(rep(), 'PATCH', `/api/v1/writer/drafts/${id}`, { body: `${r.body.drafts[0].body}\n\nP.S. 20% off if you sign by Friday.` });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.deepEqual(edited.body.checks.invented.map((i: any) => i.text), ['20%']);
    assert.equal((await s.call(s.users.repA2, 'PATCH', `/api/v1/writer/drafts/${id}`, { body: 'x' })).status, 404);

    const noDelivery = await s.call(rep(), 'POST', `/api/v1/writer/drafts/${id}/send`);
    assert.equal(noDelivery.status, 409);
    assert.match(noDelivery.body.detail ?? noDelivery.body.title, /no delivery configured/);

    const received: any[] = [];
    const hook: Server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => (received.push(JSON.parse(raw)), res.end('ok')));
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    try {
      await s.db.query(`INSERT INTO settings (key, value) VALUES ('email_delivery', $1)`, [JSON.stringify({ kind: 'webhook', url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/send` })]);
      const sent = await s.call(rep(), 'POST', `/api/v1/writer/drafts/${id}/send`);
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
      assert.equal(sent.body.status, 'done');
      assert.equal(received.length, 1);
      assert.equal(received[0].to.email, 'lina.weber@acme-tools.example');
      assert.match(received[0].body, /20% off/);
      assert.equal((await s.call(rep(), 'POST', `/api/v1/writer/drafts/${id}/send`)).status, 409, 'sent once');

      // Two sends at once (a double click): one delivery, one 409.
      const again = (await s.call(rep(), 'POST', '/api/v1/writer/email', { opportunity_id: w.opportunityId, length: 'short' })).body.drafts[0].id;
      const both = await Promise.all([1, 2].map(() => s.call(rep(), 'POST', `/api/v1/writer/drafts/${again}/send`)));
      assert.deepEqual(both.map((b) => b.status).sort(), [200, 409]);
      assert.equal(received.filter((m) => m.activity_id === again).length, 1, 'delivered once');
    } finally {
      hook.close();
      await s.db.query(`DELETE FROM settings WHERE key = 'email_delivery'`);
    }
    const drafts = await s.call(rep(), 'GET', '/api/v1/writer/drafts');
    assert.ok(drafts.body.data.some((d: any) => d.id === id && d.status === 'done'));
  });

  test('marketing copy for an industry, and fact-checking any text', async () => {
    const copy = await s.call(rep(), 'POST', '/api/v1/writer/copy', { industry: 'Manufacturing', product_ids: [w.productId], channel: 'email', variants: 2, language: 'zh' });
    assert.equal(copy.status, 200, JSON.stringify(copy.body));
    assert.equal(copy.body.drafts.length, 2);
    assert.equal(copy.body.facts.segment_stats.customers, 1);
    for (const d of copy.body.drafts) {
      assert.match(d.subject + d.body, /Bloom Sensor Hub/);
      assert.deepEqual(d.checks.invented, []);
    }
    const check = await s.call(rep(), 'POST', '/api/v1/writer/check', { text: 'Bloom Sensor Hub costs $1,250 and is guaranteed to ship by May 4.', facts: { products: [{ name: 'Bloom Sensor Hub', list_price: 1250 }] } });
    assert.equal(check.status, 200);
    assert.deepEqual(check.body.invented.map((i: any) => [i.kind, i.text]), [['claim', 'guaranteed'], ['date', 'May 4']]);
  });
});
