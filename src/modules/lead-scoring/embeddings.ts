// Note text through the configured embedding provider (when there is one): embeddings are cached
// by content hash in lead_note_embeddings, reduced to a few principal directions fitted on the
// training notes, and replace the offline text vectors of the `notes` column.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import type { ModelProvider } from '../../llm/types.ts';
import { fitProjection, project, type Projection } from '../../ml/features/projection.ts';
import type { Actor } from '../crm/access.ts';
import { getModelProvider } from '../providers/service.ts';
import type { LeadRecord } from './records.ts';

export const EMBEDDING_COMPONENTS = 8;
const BATCH = 64;

export interface NoteEmbedding {
  model: string;
  projection: Projection;
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');

/** Embeddings of the texts (cached), in order. */
export async function embedNotes(db: Db, provider: ModelProvider, texts: readonly string[]): Promise<Float64Array[]> {
  const model = provider.embeddingModel;
  const hashes = texts.map(hashOf);
  const unique = [...new Set(hashes)];
  const known = new Map<string, Float64Array>();
  for (let i = 0; i < unique.length; i += 1000) {
    const { rows } = await db.query<{ content_hash: string; vector: number[] }>(
      `SELECT content_hash, vector FROM lead_note_embeddings WHERE model = $1 AND content_hash = ANY($2::text[])`,
      [model, unique.slice(i, i + 1000)],
    );
    for (const r of rows) known.set(r.content_hash, Float64Array.from(r.vector));
  }
  const textOf = new Map(hashes.map((h, i) => [h, texts[i]]));
  const missing = unique.filter((h) => !known.has(h));
  for (let i = 0; i < missing.length; i += BATCH) {
    const batch = missing.slice(i, i + BATCH);
    const vectors = await provider.embed(batch.map((h) => textOf.get(h)!), { purpose: 'lead-scoring notes' });
    await db.query(
      `INSERT INTO lead_note_embeddings (content_hash, model, vector)
       SELECT h, $1, ARRAY(SELECT jsonb_array_elements_text(v::jsonb)::double precision)
         FROM unnest($2::text[], $3::text[]) AS u(h, v)
       ON CONFLICT DO NOTHING`,
      [model, batch, vectors.map((v) => JSON.stringify(Array.from(v)))],
    );
    batch.forEach((h, k) => known.set(h, Float64Array.from(vectors[k])));
  }
  return hashes.map((h) => known.get(h)!);
}

function applyProjection(leads: readonly LeadRecord[], vectors: readonly (Float64Array | null)[], projection: Projection): void {
  leads.forEach((lead, i) => {
    const v = vectors[i];
    const z = v ? project(projection, v) : null;
    for (let a = 0; a < projection.k; a++) lead.record[`notes_embedding_${a + 1}`] = z && Number.isFinite(z[a]) ? z[a] : null;
    delete lead.record.notes;
  });
}

async function vectorsOf(db: Db, provider: ModelProvider, leads: readonly LeadRecord[]): Promise<(Float64Array | null)[]> {
  const withText = leads.map((l, i) => ({ i, text: typeof l.record.notes === 'string' ? l.record.notes.trim() : '' })).filter((t) => t.text);
  const vecs = await embedNotes(db, provider, withText.map((t) => t.text));
  const out: (Float64Array | null)[] = leads.map(() => null);
  withText.forEach((t, k) => (out[t.i] = vecs[k]));
  return out;
}

/**
 * Training: with a provider, embeds every note, fits the projection on the first `fitRows` leads
 * (the training part) and writes the components into the records. Without one: nothing (offline
 * text vectors are used) and undefined is returned.
 */
export async function addNoteEmbeddings(db: Db, actor: Actor | null, leads: LeadRecord[], fitRows: number, provider?: ModelProvider | null): Promise<NoteEmbedding | undefined> {
  const p = provider === undefined ? await getModelProvider(db, actor) : provider;
  if (!p) return undefined;
  const vectors = await vectorsOf(db, p, leads);
  const fitOn = vectors.slice(0, fitRows).filter((v): v is Float64Array => v !== null);
  if (fitOn.length < 2 * EMBEDDING_COMPONENTS) return undefined;
  const projection = fitProjection(fitOn, EMBEDDING_COMPONENTS);
  applyProjection(leads, vectors, projection);
  return { model: p.embeddingModel, projection };
}

/** Scoring: the same features for a model trained with embeddings (missing when no provider now). */
export async function applyNoteEmbeddings(db: Db, actor: Actor | null, leads: LeadRecord[], spec: NoteEmbedding | undefined, provider?: ModelProvider | null): Promise<void> {
  if (!spec) return;
  const p = provider === undefined ? await getModelProvider(db, actor) : provider;
  const vectors = p && p.embeddingModel === spec.model ? await vectorsOf(db, p, leads) : leads.map(() => null);
  applyProjection(leads, vectors, spec.projection);
}
