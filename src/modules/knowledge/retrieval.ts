// The in-memory knowledge index: heading-aware chunks of the published articles, BM25 over
// their words and dense vectors (offline LSA or the provider's embeddings) fused by a convex
// combination of normalised scores over the union of both candidate lists (RRF lost passages
// found only by a rare exact term such as a plan code: see bench/knowledge.bench.ts), plus a learnt per-chunk prior from helpful / not-helpful feedback on answers to
// similar questions. One index per process and database, rebuilt when articles change.
import { createBm25, type Bm25Index } from '../../ml/text/bm25.ts';
import { convexScoreFusion } from '../../ml/text/fusion.ts';
import { tokenize } from '../../ml/text/tokenize.ts';
import { topKIndices } from '../../ml/text/topk.ts';
import { chunkArticle, type ArticleFormat } from './chunking.ts';
import { calibrate, calibrationQuestions, defaultCalibration, type Calibration } from './calibration.ts';
import type { VectorStore } from './vector-store.ts';

export interface ArticleInput {
  id: string;
  title: string;
  body: string;
  format: ArticleFormat;
  tags?: string[];
}

export interface IndexedChunk {
  chunk_id: string;
  article_id: string;
  title: string;
  heading: string;
  text: string;
}

export interface KnowledgeHit extends IndexedChunk {
  snippet: string;
  score: number;
  /** Share of the query's idf-weighted terms found in this chunk (0–1). */
  coverage: number;
}

export interface FeedbackVote {
  chunk_id: string;
  query: string;
  helpful: boolean;
}

/** Embeds texts into unit vectors of one space (the same for chunks and queries). */
export type Embedder = (texts: string[]) => Promise<Float32Array[]>;

export interface KnowledgeIndex {
  readonly chunks: readonly IndexedChunk[];
  readonly model: string;
  /** The "I don't know" threshold, calibrated on this corpus when the index was built (calibration.ts). */
  readonly calibration: Calibration;
  search(query: string, k?: number): Promise<KnowledgeHit[]>;
  /** Adds a vote to the in-memory prior (the caller stores it). */
  addFeedback(vote: FeedbackVote): void;
}

const DEPTH = 50;
/** Keyword and dense scores weigh alike. */
const WEIGHTS = [0.5, 0.5];
/**
 * One vote on the identical question moves a chunk by the whole fused scale (0–1): "not
 * helpful" sinks it below every candidate for that question; on a question sharing half its
 * terms it moves by half as much.
 */
const FEEDBACK_WEIGHT = 1;
/** Questions sharing less than this share of terms do not inherit each other's feedback. */
const FEEDBACK_MIN_SIMILARITY = 0.5;

/**
 * Function words of questions, ignored when judging whether a passage answers a question
 * (a small knowledge base may never contain "who" or "should", which says nothing about it).
 */
export const QUESTION_STOPWORDS = new Set(
  ('a an the is are was were be been being do does did has have had can could should would will shall may might must ' +
    'i you we they he she it my your our their me us them this that these those what which who whom whose when where why how ' +
    'to of in on at for from by with about into over under and or not no if then than so as any some there here ' +
    '的 了 吗 呢 吧 是 在 和 与 或 我 你 我们 他们 什么 怎么 如何 哪 哪些 多少 几 谁 为什么 可以 能 要 需要 应该').split(' '),
);

/** Crude stem for coverage only: a word and its inflections share their first five letters. */
const stem = (t: string) => (/^[a-z]{6,}$/.test(t) ? t.slice(0, 5) : t);

function termSet(text: string): Set<string> {
  return new Set(tokenize(text));
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}

export function snippetOf(text: string, max = 240): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

export function chunkArticles(articles: readonly ArticleInput[]): IndexedChunk[] {
  return articles.flatMap((a) =>
    chunkArticle(a.title, a.body, a.format).map((c) => ({ chunk_id: `${a.id}#${c.index}`, article_id: a.id, title: a.title, heading: c.heading, text: c.text })),
  );
}

export async function buildKnowledgeIndex(
  articles: readonly ArticleInput[],
  options: { embed: Embedder; store: VectorStore; model: string; feedback?: readonly FeedbackVote[]; calibrate?: boolean },
): Promise<KnowledgeIndex> {
  const chunks = chunkArticles(articles);
  const docs = chunks.map((c) => `${c.heading}\n${c.text}`);
  const bm25: Bm25Index = createBm25(docs);
  const docTerms = docs.map(termSet);
  const docStems = docTerms.map((terms) => new Set([...terms].map(stem)));
  // idf of every corpus term, for coverage; terms the corpus lacks weigh as much as the rarest.
  const df = new Map<string, number>();
  for (const terms of docTerms) for (const t of terms) df.set(t, (df.get(t) ?? 0) + 1);
  // Terms the corpus lacks (names, numbers, off-topic words) count at a third of the rarest
  // term's weight: a question about an absent topic (all terms unknown) still scores 0, while a
  // question padded with a customer's name and email still matches its passage.
  const maxIdf = Math.log(1 + (chunks.length + 1) / 1.5);
  const idf = (t: string) => (df.has(t) ? Math.log(1 + (chunks.length + 1) / (df.get(t)! + 0.5)) : maxIdf / 3);
  const vectors = chunks.length ? await options.embed(docs) : [];
  await options.store.replace(vectors);
  const byId = new Map(chunks.map((c, i) => [c.chunk_id, i]));
  const votes = new Map<number, { terms: Set<string>; sign: number }[]>();
  const addFeedback = (vote: FeedbackVote) => {
    const i = byId.get(vote.chunk_id);
    if (i === undefined) return;
    const list = votes.get(i) ?? [];
    list.push({ terms: termSet(vote.query), sign: vote.helpful ? 1 : -1 });
    votes.set(i, list);
  };
  for (const v of options.feedback ?? []) addFeedback(v);

  const coverage = (queryTerms: string[], chunk: number): number => {
    let total = 0;
    let found = 0;
    for (const t of new Set(queryTerms)) {
      if (QUESTION_STOPWORDS.has(t)) continue;
      const w = idf(t);
      total += w;
      if (docTerms[chunk].has(t) || docStems[chunk].has(stem(t))) found += w;
    }
    return total === 0 ? 0 : found / total;
  };

  /** The top k hits for a query with its vector. */
  const rank = async (query: string, q: Float32Array, k: number): Promise<KnowledgeHit[]> => {
    const bm25Scores = bm25.scores(query);
    const candidates = new Set(topKIndices(bm25Scores, DEPTH, (i) => bm25Scores[i] > 0));
    // A query sharing no term with the corpus embeds to zero: dense ranks would be arbitrary.
    const dense = q.some((x) => x !== 0);
    if (dense) for (const h of await options.store.search(q, DEPTH)) candidates.add(h.id);
    const ids = [...candidates].sort((a, b) => a - b);
    const lists = [ids.map((i) => bm25Scores[i])];
    if (dense) lists.push(ids.map((i) => dot(q, vectors[i])));
    const fused = convexScoreFusion(lists, dense ? WEIGHTS : [1]);
    const queryTerms = tokenize(query);
    const qSet = new Set(queryTerms);
    const hits = ids.map((id, j) => {
      let score = fused[j];
      for (const vote of votes.get(id) ?? []) {
        const sim = jaccard(qSet, vote.terms);
        if (sim >= FEEDBACK_MIN_SIMILARITY) score += vote.sign * sim * FEEDBACK_WEIGHT;
      }
      return { id, score };
    });
    hits.sort((a, b) => b.score - a.score || a.id - b.id);
    return hits.slice(0, k).map((hit) => ({ ...chunks[hit.id], snippet: snippetOf(chunks[hit.id].text), score: hit.score, coverage: coverage(queryTerms, hit.id) }));
  };

  // Calibrate the "I don't know" threshold at index time: each generated question's confidence
  // (best coverage among its top 3) with its article indexed, and with it held out.
  const articleCount = new Set(chunks.map((c) => c.article_id)).size;
  let calibration = defaultCalibration(articleCount);
  if (options.calibrate !== false && chunks.length > 0) {
    const started = performance.now();
    const allStems = new Set<string>();
    for (const stems of docStems) for (const t of stems) allStems.add(t);
    const questions = calibrationQuestions(chunks, QUESTION_STOPWORDS, (t) => df.has(t) || allStems.has(stem(t)));
    if (questions.length > 0) {
      const qVectors = await options.embed(questions.map((q) => q.question));
      const confidence = (hits: readonly KnowledgeHit[]) => Math.max(0, ...hits.slice(0, 3).map((h) => h.coverage));
      const answerable: number[] = [];
      const unanswerable: number[] = [];
      const perArticle = new Map<string, number>();
      for (const c of chunks) perArticle.set(c.article_id, (perArticle.get(c.article_id) ?? 0) + 1);
      for (const [i, q] of questions.entries()) {
        // One ranking serves both: its top 3, and its top 3 once the article's passages are removed
        // (the fused scores are not renormalised without them: a close approximation, half the cost).
        const hits = await rank(q.question, qVectors[i], 3 + perArticle.get(q.article_id)!);
        answerable.push(confidence(hits));
        unanswerable.push(confidence(hits.filter((h) => h.article_id !== q.article_id)));
      }
      calibration = { ...calibrate(articleCount, answerable, unanswerable), duration_ms: Math.round(performance.now() - started) };
    }
  }

  return {
    chunks,
    model: options.model,
    calibration,
    addFeedback,
    async search(query, k = 10) {
      if (chunks.length === 0 || !query.trim()) return [];
      const [q] = await options.embed([query]);
      return rank(query, q, k);
    },
  };
}
