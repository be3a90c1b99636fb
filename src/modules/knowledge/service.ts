// Knowledge search and cited answers over the team's articles. The index lives in memory, one
// per database per process, and is rebuilt on the next question after any article changes
// (the CRM write hook and this module's own writes mark it stale).
import type { Db } from '../../db/client.ts';
import type { ChatMessage } from '../../llm/types.ts';
import type { Actor } from '../crm/access.ts';
import type { Repository } from '../crm/repository.ts';
import { getModelProvider } from '../providers/service.ts';
import { extractiveAnswer, generativeAnswer, type Answer } from './answer.ts';
import { recordVersion } from './articles.ts';
import type { ArticleFormat } from './chunking.ts';
import { embedTexts, offlineEmbeddingModel } from './embeddings.ts';
import { buildKnowledgeIndex, type ArticleInput, type FeedbackVote, type KnowledgeHit, type KnowledgeIndex } from './retrieval.ts';
import { createVectorStore } from './vector-store.ts';

export type { KnowledgeHit } from './retrieval.ts';
export type { Answer, Citation } from './answer.ts';

interface Entry {
  model: string;
  index: Promise<KnowledgeIndex>;
}
const indexes = new WeakMap<Db, Entry>();

/** Forgets the index of this database: the next search rebuilds it. */
export function markKnowledgeStale(db: Db): void {
  indexes.delete(db);
}

export async function publishedArticles(db: Db): Promise<ArticleInput[]> {
  const { rows } = await db.query<{ id: string; title: string; body: string; format: ArticleFormat; tags: string[] }>(
    `SELECT id, title, body, format, tags FROM knowledge_articles WHERE status = 'published' ORDER BY id`,
  );
  return rows;
}

async function loadFeedback(db: Db): Promise<FeedbackVote[]> {
  const { rows } = await db.query<FeedbackVote>(`SELECT chunk_id, query, helpful FROM knowledge_feedback ORDER BY id`);
  return rows;
}

/** The model whose vectors the index holds: the provider's, or the active offline LSA version. */
async function embeddingSpace(db: Db, actor: Actor | null) {
  const provider = await getModelProvider(db, actor);
  if (provider) {
    const model = `${provider.kind}:${provider.embeddingModel}`;
    return { model, embed: async (texts: string[]) => (await embedTexts(db, texts, { actor, purpose: 'knowledge-index' })).vectors };
  }
  const offline = await offlineEmbeddingModel(db);
  // LSA is cheap to compute in-process: no round trip to the embedding cache.
  return { model: offline.name, embed: async (texts: string[]) => texts.map((t) => offline.lsa.embed(t)) };
}

export async function knowledgeIndex(db: Db, actor: Actor | null = null, options: { vectors?: 'auto' | 'memory' } = {}): Promise<KnowledgeIndex> {
  const space = await embeddingSpace(db, actor);
  const cached = indexes.get(db);
  if (cached && cached.model === space.model && !options.vectors) return cached.index;
  const index = (async () => {
    const [articles, feedback] = await Promise.all([publishedArticles(db), loadFeedback(db)]);
    const store = await createVectorStore(db, options.vectors ?? (process.env.SALESBLOOM_VECTOR_BACKEND === 'memory' ? 'memory' : 'auto'));
    return buildKnowledgeIndex(articles, { embed: space.embed, store, model: space.model, feedback });
  })();
  if (!options.vectors) {
    indexes.set(db, { model: space.model, index });
    index.catch(() => indexes.get(db)?.index === index && indexes.delete(db));
  }
  return index;
}

/** The calibrated "I don't know" threshold of the current index (rebuilt, and recalibrated, after article changes). */
export async function knowledgeCalibration(db: Db, actor: Actor | null = null) {
  return (await knowledgeIndex(db, actor)).calibration;
}

/** Hybrid search (stable signature: other capabilities call it). */
export async function searchKnowledge(db: Db, query: string, options: { k?: number; actor?: Actor | null } = {}): Promise<KnowledgeHit[]> {
  const index = await knowledgeIndex(db, options.actor ?? null);
  return index.search(query, options.k ?? 10);
}

/** A cited answer: generative with a provider, extractive offline; "I don't know" when retrieval is weak. */
export async function askKnowledge(db: Db, actor: Actor | null, question: string, options: { k?: number; history?: ChatMessage[]; retrievalQuery?: string } = {}): Promise<Answer> {
  const index = await knowledgeIndex(db, actor);
  const hits = await index.search(options.retrievalQuery ?? question, Math.max(5, options.k ?? 5));
  const threshold = index.calibration.threshold;
  const provider = await getModelProvider(db, actor);
  return provider ? generativeAnswer(provider, question, hits, options.history, threshold) : extractiveAnswer(question, hits, threshold);
}

/** Stores a vote and applies it to the live index at once. */
export async function recordFeedback(db: Db, actor: Actor | null, votes: FeedbackVote[], messageId: string | null): Promise<void> {
  for (const v of votes) {
    await db.query(`INSERT INTO knowledge_feedback (chunk_id, query, helpful, message_id, user_id) VALUES ($1, $2, $3, $4, $5)`, [
      v.chunk_id, v.query, v.helpful, messageId, actor?.id ?? null,
    ]);
  }
  const entry = indexes.get(db);
  if (entry) {
    const index = await entry.index;
    for (const v of votes) index.addFeedback(v);
  }
}

const hooked = new WeakSet<Repository>();

/** Article writes through the generic CRM API keep a version each and refresh the index. */
export function registerKnowledgeHooks(repo: Repository, db: Db): void {
  if (hooked.has(repo)) return;
  hooked.add(repo);
  repo.onWrite(async (event) => {
    if (event.entity.name !== 'knowledge_articles') return;
    if (event.after) await recordVersion(event.tx, event.after, event.actor.id);
    // After the commit: an index rebuilt between this mark and the commit would miss the change.
    event.tx.afterCommit(() => markKnowledgeStale(db));
  });
}
