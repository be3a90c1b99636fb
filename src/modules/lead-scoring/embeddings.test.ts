import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestDb, type TestDb } from '../../db/testing.ts';
import type { ModelProvider } from '../../llm/types.ts';
import { Rng } from '../../ml/random.ts';
import { addNoteEmbeddings, applyNoteEmbeddings, EMBEDDING_COMPONENTS } from './embeddings.ts';
import type { LeadRecord } from './records.ts';

/** A stand-in embedding provider: a seeded vector per distinct text, counting what it is asked. */
function fakeProvider(dims = 24): ModelProvider & { embedded: string[] } {
  const embedded: string[] = [];
  return {
    kind: 'local', chatModel: 'none', embeddingModel: 'fake-embed', remote: false, embedded,
    async embed(texts: string[]) {
      embedded.push(...texts);
      return texts.map((t) => {
        const rng = new Rng([...t].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7));
        return Float32Array.from({ length: dims }, () => rng.normal());
      });
    },
    async generate() { throw new Error('not used'); },
    // eslint-disable-next-line require-yield
    async *stream() { throw new Error('not used'); },
  };
}

const leads = (texts: (string | null)[]): LeadRecord[] =>
  texts.map((notes, i) => ({ id: String(i), createdAt: new Date(0), ownerId: null, label: null, record: { notes, source: 'Web' } }));

let db: TestDb;
before(async () => (db = await createTestDb()));
after(async () => db?.close());

test('with a provider, notes become cached embedding components; without one, nothing changes', async () => {
  const texts = Array.from({ length: 40 }, (_, i) => `note number ${i % 30}`);
  const provider = fakeProvider();
  const train = leads([...texts, null]);
  const spec = await addNoteEmbeddings(db, null, train, 30, provider);
  assert.ok(spec);
  assert.equal(spec.projection.k, EMBEDDING_COMPONENTS);
  assert.equal(provider.embedded.length, 30, 'each distinct text is embedded once');
  const cached = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM lead_note_embeddings WHERE model = 'fake-embed'`)).rows[0].n;
  assert.equal(cached, 30);
  assert.equal(train[0].record.notes, undefined);
  assert.equal(typeof train[0].record.notes_embedding_1, 'number');
  assert.equal(train[40].record.notes_embedding_1, null, 'no note: missing, not zero');
  // The same text gives the same features, via the cache (no new provider calls).
  const again = leads(['note number 3']);
  await applyNoteEmbeddings(db, null, again, spec, provider);
  assert.equal(provider.embedded.length, 30);
  assert.deepEqual(again[0].record, train[3].record);
  // Scoring with no provider now: the embedding features are missing rather than wrong.
  const offline = leads(['note number 3']);
  await applyNoteEmbeddings(db, null, offline, spec, null);
  assert.equal(offline[0].record.notes_embedding_1, null);
  // Offline mode at training: records keep their text for the offline vectors.
  const plain = leads(texts);
  assert.equal(await addNoteEmbeddings(db, null, plain, 30, null), undefined);
  assert.equal(plain[0].record.notes, texts[0]);
});
