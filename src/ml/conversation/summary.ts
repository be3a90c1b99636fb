// Extractive summary: the sentences most central to the conversation (TextRank: PageRank over a
// sentence-similarity graph), returned in the order they were said.
// Written by hand: TextRank is a short power iteration; the JS summarisers are English-only.
import { tokenize } from '../text/tokenize.ts';
import { splitSentences, type Role, type Turn } from './transcript.ts';

export interface SummarySentence {
  turn: number;
  speaker: string;
  role: Role;
  text: string;
  score: number;
}

export interface SummaryOptions {
  /** Sentences to keep (default 3). */
  maxSentences?: number;
  /** Sentences with fewer words are skipped as chit-chat ("ok", "thanks"). Default 4. */
  minWords?: number;
}

const STOPWORDS = new Set(
  ('a an the and or but if of to in on at for with by from as is are was were be been being it its this that these those ' +
    'i you he she we they me him her us them my your our their do does did have has had so just very can will would could ' +
    'should not no yes ok okay um uh well really also about there here what which who how then than too all any some ' +
    '的 了 是 我 你 他 她 我们 你们 在 和 就 都 也 吗 呢 吧 啊 这 那 有 一个 这个 那个 就是 还是 不 会 要 可以').split(' '),
);

const DAMPING = 0.85;
const ITERATIONS = 50;

export function extractiveSummary(turns: readonly Turn[], options: SummaryOptions = {}): SummarySentence[] {
  const maxSentences = options.maxSentences ?? 3;
  const minWords = options.minWords ?? 4;
  const candidates: { turn: number; text: string; terms: Map<string, number> }[] = [];
  turns.forEach((t, turn) => {
    for (const text of splitSentences(t.text)) {
      const words = tokenize(text);
      if (words.length < minWords) continue;
      const terms = new Map<string, number>();
      for (const w of words) if (!STOPWORDS.has(w)) terms.set(w, (terms.get(w) ?? 0) + 1);
      candidates.push({ turn, text, terms });
    }
  });
  const n = candidates.length;
  if (n === 0) return [];
  // Similarity = shared terms normalised by sentence lengths (the original TextRank measure).
  const sim = new Float64Array(n * n);
  const rowSum = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let shared = 0;
      for (const [term, c] of candidates[i].terms) shared += Math.min(c, candidates[j].terms.get(term) ?? 0);
      if (shared === 0) continue;
      const s = shared / (Math.log(1 + candidates[i].terms.size) + Math.log(1 + candidates[j].terms.size));
      sim[i * n + j] = sim[j * n + i] = s;
      rowSum[i] += s;
      rowSum[j] += s;
    }
  }
  let rank = new Float64Array(n).fill(1 / n);
  for (let it = 0; it < ITERATIONS; it++) {
    const next = new Float64Array(n).fill((1 - DAMPING) / n);
    let dangling = 0;
    for (let j = 0; j < n; j++) if (rowSum[j] === 0) dangling += rank[j];
    for (let i = 0; i < n; i++) {
      let s = dangling / n; // isolated sentences spread their rank evenly
      for (let j = 0; j < n; j++) if (sim[j * n + i] > 0) s += (sim[j * n + i] / rowSum[j]) * rank[j];
      next[i] += DAMPING * s;
    }
    rank = next;
  }
  return candidates
    .map((c, i) => ({ i, score: rank[i] }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, maxSentences)
    .sort((a, b) => a.i - b.i)
    .map(({ i, score }) => {
      const c = candidates[i];
      return { turn: c.turn, speaker: turns[c.turn].speaker, role: turns[c.turn].role, text: c.text, score };
    });
}
