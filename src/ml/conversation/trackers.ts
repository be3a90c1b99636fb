// Trackers: user-defined topics (pricing, competitors, objections, next steps, …) found in a
// conversation by keyword (with plural and one-typo tolerance) or by character n-gram similarity
// to example phrases, so "what would this run us per seat" hits pricing without the word "price".
// Written by hand: a keyword index and cosine over n-gram counts are a few lines; no library
// handles English and Chinese keyword spotting together.
import { InputError, type InputIssue } from '../../core/errors.ts';
import { charNgrams, hasHan, normalizeText, tokenize } from '../text/tokenize.ts';
import { sentencesOf, type Role, type Turn } from './transcript.ts';

export interface TrackerDefinition {
  id: string;
  name: string;
  keywords: string[];
  /** Example phrases; a sentence this similar (cosine of character n-grams ≥ threshold) is a hit. */
  examples?: string[];
  /** Default 0.55. */
  threshold?: number;
  /** Only count sentences by these roles (default: both). */
  roles?: Role[];
}

export interface TrackerHit {
  trackerId: string;
  turn: number;
  role: Role;
  sentence: string;
  /** 'similar': character n-gram vectors (offline); 'embedding': a model's sentence embeddings. */
  matchedBy: 'keyword' | 'similar' | 'embedding';
  /** The keyword or example phrase that matched. */
  term: string;
  /** 1 for an exact keyword, lower for a typo or a similar phrase. */
  score: number;
  /** Character offsets of the sentence within the turn's text (for highlighting). */
  start: number;
  end: number;
}

export const DEFAULT_TRACKERS: TrackerDefinition[] = [
  {
    id: 'pricing',
    name: 'Pricing',
    keywords: ['price', 'pricing', 'cost', 'budget', 'discount', 'quote', 'per seat', 'per user', 'license fee', 'invoice', 'payment terms', '价格', '报价', '预算', '折扣', '费用', '多少钱', '优惠', '价钱', '付款'],
    examples: ['how much does it cost', 'what would this cost us per year', 'can you give us a better deal', '这个多少钱', '能不能便宜一点'],
  },
  {
    id: 'competitors',
    name: 'Competitors',
    keywords: ['competitor', 'competition', 'alternative', 'other vendor', 'other vendors', 'currently using', 'switch from', 'salesforce', 'hubspot', 'pipedrive', 'zoho', '竞争对手', '竞品', '其他厂商', '别家', '友商', '对比'],
    examples: ['we are also looking at other vendors', 'how are you different from the others', '我们也在看别的供应商'],
  },
  {
    id: 'objections',
    name: 'Objections',
    keywords: ['too expensive', 'not interested', 'no budget', 'not the right time', 'need to think', 'already have', 'not sure', 'concern', 'worried', 'too busy', '太贵', '没有预算', '不感兴趣', '再考虑', '考虑一下', '担心', '已经有了', '没时间'],
    examples: ["I don't think we can afford this", 'this is not a priority for us right now', "I'm not convinced it will work", '现在不是时候', '我们暂时不需要'],
  },
  {
    id: 'next-steps',
    name: 'Next steps',
    keywords: ['next step', 'next steps', 'follow up', 'follow-up', 'schedule', 'demo', 'proposal', 'contract', 'trial', 'pilot', 'send over', 'calendar invite', '下一步', '跟进', '安排', '演示', '合同', '试用', '方案', '会议'],
    examples: ["let's set up a call next week", "I'll send you the proposal", '我们下周再约时间', '我把资料发给您'],
  },
];

interface CompiledTracker {
  def: TrackerDefinition;
  threshold: number;
  keywords: { text: string; tokens: string[]; han: boolean }[];
  examples: { text: string; vector: Map<string, number>; norm: number }[];
}

function ngramVector(text: string): { vector: Map<string, number>; norm: number } {
  const vector = new Map<string, number>();
  for (const g of charNgrams(text, 2, 4)) vector.set(g, (vector.get(g) ?? 0) + 1);
  let sq = 0;
  for (const v of vector.values()) sq += v * v;
  return { vector, norm: Math.sqrt(sq) };
}

function cosine(a: { vector: Map<string, number>; norm: number }, b: { vector: Map<string, number>; norm: number }): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  const [small, large] = a.vector.size < b.vector.size ? [a.vector, b.vector] : [b.vector, a.vector];
  let dot = 0;
  for (const [g, v] of small) dot += v * (large.get(g) ?? 0);
  return dot / (a.norm * b.norm);
}

/** At most one edit (insert, delete, substitute or swap) apart; for typo-tolerant keywords. */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Scores one token against a keyword token: 1 exact or plural, 0.8 one typo away (words of 6+ letters), else 0. */
function tokenScore(token: string, keyword: string): number {
  if (token === keyword || token === `${keyword}s` || token === `${keyword}es`) return 1;
  return keyword.length >= 6 && withinOneEdit(token, keyword) ? 0.8 : 0;
}

export function compileTrackers(defs: readonly TrackerDefinition[]): CompiledTracker[] {
  const issues: InputIssue[] = [];
  defs.forEach((d, row) => {
    if (!d.id) issues.push({ file: 'trackers', row, column: 'id', value: d.id, reason: 'is required' });
    if ((d.keywords?.length ?? 0) + (d.examples?.length ?? 0) === 0) issues.push({ file: 'trackers', row, column: 'keywords', value: d.keywords, reason: 'a tracker needs at least one keyword or example phrase' });
    if (d.threshold !== undefined && !(d.threshold > 0 && d.threshold <= 1)) issues.push({ file: 'trackers', row, column: 'threshold', value: d.threshold, reason: 'must be in (0, 1]' });
  });
  if (issues.length > 0) throw new InputError('Invalid tracker definitions', issues);
  return defs.map((def) => ({
    def,
    threshold: def.threshold ?? 0.55,
    keywords: def.keywords.filter((k) => k.trim()).map((k) => ({ text: k, tokens: tokenize(k), han: hasHan(k) })),
    examples: (def.examples ?? []).map((e) => ({ text: e, ...ngramVector(e) })),
  }));
}

function keywordHit(tracker: CompiledTracker, normalized: string, tokens: string[]): { term: string; score: number } | undefined {
  let best: { term: string; score: number } | undefined;
  for (const k of tracker.keywords) {
    if (k.han) {
      // Chinese keywords as substrings: word segmentation of the sentence and of the keyword may differ.
      if (normalized.includes(normalizeText(k.text))) return { term: k.text, score: 1 };
      continue;
    }
    const n = k.tokens.length;
    for (let i = 0; i + n <= tokens.length; i++) {
      let score = 1;
      for (let j = 0; j < n && score > 0; j++) score = Math.min(score, tokenScore(tokens[i + j], k.tokens[j]));
      if (score === 1) return { term: k.text, score };
      if (score > 0 && (!best || score > best.score)) best = { term: k.text, score };
    }
  }
  return best;
}

/** Every sentence that hits a tracker (at most one hit per tracker and sentence: the strongest). */
export function findTrackerHits(turns: readonly Turn[], definitions: readonly TrackerDefinition[] = DEFAULT_TRACKERS): TrackerHit[] {
  const trackers = compileTrackers(definitions);
  const hits: TrackerHit[] = [];
  for (const { turn: turnIndex, role, sentence, start, end } of sentencesOf(turns)) {
    const normalized = normalizeText(sentence);
    const tokens = tokenize(sentence);
    let vector: ReturnType<typeof ngramVector> | undefined;
    for (const t of trackers) {
      if (t.def.roles && !t.def.roles.includes(role)) continue;
      const base = { trackerId: t.def.id, turn: turnIndex, role, sentence, start, end };
      const kw = keywordHit(t, normalized, tokens);
      if (kw?.score === 1) {
        hits.push({ ...base, matchedBy: 'keyword', ...kw });
        continue;
      }
      let similar: { term: string; score: number } | undefined;
      if (t.examples.length > 0) {
        vector ??= ngramVector(sentence);
        for (const e of t.examples) {
          const s = cosine(vector, e);
          if (s >= t.threshold && (!similar || s > similar.score)) similar = { term: e.text, score: s };
        }
      }
      const best = similar && (!kw || similar.score > kw.score) ? { matchedBy: 'similar' as const, ...similar } : kw ? { matchedBy: 'keyword' as const, ...kw } : undefined;
      if (best) hits.push({ ...base, ...best });
    }
  }
  return hits;
}
