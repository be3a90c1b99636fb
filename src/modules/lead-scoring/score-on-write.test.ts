// Score-on-write with a model that reads note embeddings from an HTTP provider: the provider is
// called after the write commits, never while the write's transaction holds the lead.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestDb, type TestDb } from '../../db/testing.ts';
import { FakeOpenAIServer } from '../../llm/fake-openai-server.ts';
import { generateDemo } from '../demo/generate.ts';
import { scoreLeadInTransaction } from './scoring.ts';
import { trainLeadModel } from './service.ts';

const NOW = new Date('2025-06-15T12:00:00Z');
let db: TestDb;
const fake = new FakeOpenAIServer();

before(async () => {
  await fake.start();
  db = await createTestDb();
  await generateDemo(db, { seed: 11, size: 'small', now: NOW, plan: { leads: 400, accounts: 40, orderMonths: 2 } });
  await db.query(`INSERT INTO settings (key, value) VALUES ('model_provider', $1)`, [
    JSON.stringify({ kind: 'openai', baseUrl: fake.baseUrl, chatModel: 'chat', embeddingModel: 'embed', allowRemote: true, maxRetries: 0 }),
  ]);
});
after(async () => {
  await db?.close();
  await fake.close();
});

test('a lead written in a transaction is embedded and scored after the commit', async () => {
  const trained = await trainLeadModel(db, null, { asOf: NOW });
  assert.ok((trained.metrics as Record<string, unknown>).features, 'a model was trained');
  const { rows: [lead] } = await db.query<{ id: string }>(`SELECT id FROM leads ORDER BY created_at DESC LIMIT 1`);
  const before = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM lead_scores WHERE lead_id = $1', [lead.id])).rows[0].n);
  const note = 'Asked for a proposal with volume pricing for 40 seats — distinctive note 7f3a';
  const embeddingCalls = () => fake.requests.filter((r) => r.path === '/v1/embeddings' && JSON.stringify(r.body).includes('7f3a')).length;
  let callsAtCommit = -1;
  await db.transaction(async (tx) => {
    await tx.query('UPDATE leads SET notes = $2 WHERE id = $1', [lead.id, note]);
    tx.afterCommit(() => {
      callsAtCommit = embeddingCalls(); // runs first: the commit has happened, the scoring task not yet
    });
    assert.equal(await scoreLeadInTransaction(tx, db, null, lead.id, NOW), true);
    assert.equal(embeddingCalls(), 0, 'no provider call inside the transaction');
  });
  assert.equal(callsAtCommit, 0);
  assert.equal(embeddingCalls(), 1, 'the note was embedded after the commit');
  const after = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM lead_scores WHERE lead_id = $1', [lead.id])).rows[0].n);
  assert.equal(after, before + 1, 'and the lead was scored');
});

test('a rolled-back write schedules nothing', async () => {
  const { rows: [lead] } = await db.query<{ id: string }>(`SELECT id FROM leads ORDER BY created_at LIMIT 1`);
  const calls = fake.requests.length;
  await assert.rejects(db.transaction(async (tx) => {
    await scoreLeadInTransaction(tx, db, null, lead.id, NOW);
    throw new Error('changed my mind');
  }), /changed my mind/);
  assert.equal(fake.requests.length, calls);
});
