// Text embeddings for every capability: from the configured model provider when there is one,
// else "offline embeddings" — TF-IDF + LSA fitted on the team's own corpus (knowledge articles,
// notes, emails) and stored as a model version (kind 'offline-embedding'). Vectors are cached
// by content hash and model, so unchanged text is never embedded twice.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { Rng } from '../../ml/random.ts';
import { fitLsa, loadLsa, type LsaArtifact, type LsaModel } from '../../ml/text/lsa.ts';
import type { Actor } from '../crm/access.ts';
import { getModelProvider } from '../providers/service.ts';
import { chunkArticle, type ArticleFormat } from './chunking.ts';

export const OFFLINE_EMBEDDING_KIND = 'offline-embedding';
const OFFLINE_DIM = 128;
const OFFLINE_SEED = 7;
export const FIT_SAMPLE = 5000;

export interface EmbeddingResult {
  /** Identifies the vector space: vectors from different models never mix. */
  model: string;
  dims: number;
  /** Unit length, one per input text, in order. */
  vectors: Float32Array[];
}

export interface OfflineEmbeddingModel {
  version: number;
  name: string;
  lsa: LsaModel;
}

export const contentHash = (text: string) => createHash('sha256').update(text).digest('hex');

export function cosine(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new RangeError(`vectors differ in length: ${a.length} vs ${b.length}`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

const toBytes = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
function fromBytes(bytes: Uint8Array): Float32Array {
  const copy = new Uint8Array(bytes); // aligned copy
  return new Float32Array(copy.buffer, 0, copy.byteLength / 4);
}

/** The texts offline embeddings are fitted on: published articles (as chunks), notes and emails. */
export async function embeddingCorpus(db: Db): Promise<string[]> {
  const articles = await db.query<{ title: string; body: string; format: ArticleFormat }>(
    `SELECT title, body, format FROM knowledge_articles WHERE status = 'published' ORDER BY id`,
  );
  const activities = await db.query<{ text: string }>(
    `SELECT concat_ws(E'\\n', subject, body) AS text FROM activities
      WHERE type IN ('note', 'email') AND coalesce(body, subject) IS NOT NULL ORDER BY id LIMIT 20000`,
  );
  const chunks = articles.rows.flatMap((a) => chunkArticle(a.title, a.body, a.format).map((c) => `${c.heading}\n${c.text}`));
  return [...chunks, ...activities.rows.map((r) => r.text)].filter((t) => t.trim());
}

const loaded = new Map<string, LsaModel>(); // by model row id: artifacts do not change

/** Fits TF-IDF + LSA on the corpus and stores it as the active 'offline-embedding' version. */
export async function refitOfflineEmbedding(db: Db, actor: Actor | null = null): Promise<OfflineEmbeddingModel & { documents: number }> {
  const corpus = await embeddingCorpus(db);
  // The components are fitted on a seeded sample of at most FIT_SAMPLE texts (fitting time grows
  // with the corpus; the sample's vocabulary and topics suffice), applied to every text.
  const docs = corpus.length === 0 ? ['empty knowledge base'] : corpus.length <= FIT_SAMPLE ? corpus : new Rng(OFFLINE_SEED).shuffle([...corpus]).slice(0, FIT_SAMPLE);
  const dim = Math.max(1, Math.min(OFFLINE_DIM, docs.length - 1 || 1));
  const lsa = fitLsa(docs, { dim, seed: OFFLINE_SEED });
  const row = await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ v: number }>(`SELECT coalesce(max(version), 0) + 1 AS v FROM models WHERE kind = $1`, [OFFLINE_EMBEDDING_KIND]);
    const version = Number(rows[0].v);
    await tx.query(`UPDATE models SET active = false WHERE kind = $1 AND active`, [OFFLINE_EMBEDDING_KIND]);
    const inserted = await tx.query<{ id: string }>(
      `INSERT INTO models (kind, version, params, metrics, artifact, active, notes, created_by)
       VALUES ($1, $2, $3, $4, $5, true, $6, $7) RETURNING id`,
      [OFFLINE_EMBEDDING_KIND, version, JSON.stringify({ dim: lsa.dim, seed: OFFLINE_SEED, features: 'word 1-2-grams, sublinear tf' }),
        JSON.stringify({ documents: corpus.length, fitted_on: docs.length }), JSON.stringify(lsa.toArtifact()), 'TF-IDF + LSA on knowledge articles, notes and emails', actor?.id ?? null],
    );
    return { id: inserted.rows[0].id, version };
  });
  loaded.set(row.id, lsa);
  return { version: row.version, name: `${OFFLINE_EMBEDDING_KIND}@v${row.version}`, lsa, documents: corpus.length };
}

/** The active offline embedding model, fitted on first use. */
export async function offlineEmbeddingModel(db: Db): Promise<OfflineEmbeddingModel> {
  const { rows } = await db.query<{ id: string; version: number }>(`SELECT id, version FROM models WHERE kind = $1 AND active`, [OFFLINE_EMBEDDING_KIND]);
  if (rows.length === 0) return refitOfflineEmbedding(db);
  const { id, version } = rows[0];
  let lsa = loaded.get(id);
  if (!lsa) {
    const art = await db.query<{ artifact: LsaArtifact }>(`SELECT artifact FROM models WHERE id = $1`, [id]);
    lsa = loadLsa(art.rows[0].artifact);
    loaded.set(id, lsa);
  }
  return { version: Number(version), name: `${OFFLINE_EMBEDDING_KIND}@v${version}`, lsa };
}

/** Looks up cached vectors, computes the missing ones with `compute`, and stores them. */
async function cached(db: Db, model: string, texts: readonly string[], compute: (missing: string[]) => Promise<Float32Array[]>): Promise<Float32Array[]> {
  const hashes = texts.map(contentHash);
  const found = new Map<string, Float32Array>();
  const unique = [...new Set(hashes)];
  for (let i = 0; i < unique.length; i += 1000) {
    const { rows } = await db.query<{ hash: string; vector: Uint8Array }>(
      `SELECT hash, vector FROM embedding_cache WHERE model = $1 AND hash = ANY($2::text[])`,
      [model, unique.slice(i, i + 1000)],
    );
    for (const r of rows) found.set(r.hash, fromBytes(r.vector));
  }
  const firstMissing = new Map<string, number>();
  hashes.forEach((h, i) => found.has(h) || firstMissing.has(h) || firstMissing.set(h, i));
  const missingIdx = [...firstMissing.values()];
  if (missingIdx.length > 0) {
    const vectors = await compute(missingIdx.map((i) => texts[i]));
    missingIdx.forEach((i, j) => found.set(hashes[i], vectors[j]));
    for (let i = 0; i < missingIdx.length; i += 500) {
      const part = missingIdx.slice(i, i + 500);
      await db.query(
        `INSERT INTO embedding_cache (model, hash, dims, vector)
         SELECT $1, h, $2, v FROM unnest($3::text[], $4::bytea[]) AS t(h, v) ON CONFLICT DO NOTHING`,
        [model, vectors[0].length, part.map((k) => hashes[k]), part.map((k) => toBytes(found.get(hashes[k])!))],
      );
    }
  }
  return hashes.map((h) => found.get(h)!);
}

/**
 * Embeds texts with the configured provider (through the privacy guard, audited), or offline
 * with the active TF-IDF + LSA model. Stable signature: other capabilities call it.
 */
export async function embedTexts(db: Db, texts: string[], options: { actor?: Actor | null; purpose?: string } = {}): Promise<EmbeddingResult> {
  const provider = await getModelProvider(db, options.actor ?? null);
  if (provider) {
    const model = `${provider.kind}:${provider.embeddingModel}`;
    const vectors = texts.length ? await cached(db, model, texts, (missing) => provider.embed(missing, { purpose: options.purpose ?? 'embedding' })) : [];
    return { model, dims: vectors[0]?.length ?? 0, vectors };
  }
  const offline = await offlineEmbeddingModel(db);
  const vectors = texts.length ? await cached(db, offline.name, texts, async (missing) => missing.map((t) => offline.lsa.embed(t))) : [];
  return { model: offline.name, dims: offline.lsa.dim, vectors };
}
