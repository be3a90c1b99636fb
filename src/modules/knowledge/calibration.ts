// The "I don't know" threshold, calibrated on the knowledge base itself when the index is built.
// A question is answered when the best of its top-3 passages covers at least `threshold` of its
// idf-weighted terms. Which value separates answerable from unanswerable questions depends on the
// corpus (how much articles share their wording), so it is learnt by leaving articles out:
//   - from a seeded sample of articles, questions are generated from each passage's heading and
//     first sentence (its content words, a seeded subset of them, as a user would ask);
//   - "answerable": the coverage the question reaches with every article indexed;
//   - "unanswerable": the coverage it reaches with its own article held out (its passages removed
//     from the same ranking; term weights and fused-score normalisation stay those of the whole
//     corpus — an approximation that avoids rebuilding the index per article);
//   - the threshold maximises balanced accuracy (the mean of the answered share of the first and
//     the abstained share of the second), in the middle of the best interval (the widest margin),
//     shrunk towards DEFAULT_MIN_COVERAGE by the number of questions (a tiny knowledge base has
//     too few to trust) and kept within [MIN_THRESHOLD, MAX_THRESHOLD].
// Hand-written: the procedure is specific to this index (no library calibrates an abstention
// threshold for hybrid retrieval); it is small and deterministic (seeded).
import { Rng } from '../../ml/random.ts';
import { hasHan, tokenize } from '../../ml/text/tokenize.ts';
import { sentences } from './chunking.ts';

/** Used as is below MIN_ARTICLES, and as the prior the calibrated value is shrunk towards. */
export const DEFAULT_MIN_COVERAGE = 0.45;
/** Weight of the default, in questions: with 20 generated questions the two weigh alike. */
export const PRIOR_QUESTIONS = 20;
export const MIN_ARTICLES = 3;
/** At most this many articles are sampled (calibration cost is bounded for large knowledge bases). */
export const CALIBRATION_ARTICLES = 100;
export const MIN_THRESHOLD = 0.2;
export const MAX_THRESHOLD = 0.9;
const SEED = 5;

export interface Calibration {
  /** The coverage a question's best passage needs for an answer. */
  threshold: number;
  method: 'leave-article-out' | 'default';
  articles: number;
  questions: number;
  /** The threshold the questions alone would give (before shrinking), or null. */
  calibrated: number | null;
  /** At `threshold`: share of questions answered with their article indexed … */
  answered_when_indexed: number | null;
  /** … and share abstained from with their article held out. */
  abstained_when_held_out: number | null;
  /** Time the calibration took at index build. */
  duration_ms?: number;
}

export interface CalibrationQuestion {
  article_id: string;
  question: string;
}

interface ChunkLike {
  article_id: string;
  heading: string;
  text: string;
}

/**
 * Words people add when they ask in their own words ("how long", "can I get", "具体"): each
 * generated question gets 0–2 of those the corpus does not use, since real questions rarely use
 * only the article's own wording. (Any word absent from the corpus weighs the same in coverage.)
 */
const PARAPHRASE_WORDS = ['exactly', 'typically', 'usually', 'long', 'ask', 'get', 'tell', 'kind', 'know', 'please'];
const PARAPHRASE_WORDS_ZH = ['具体', '通常', '一般', '请问', '告诉'];

/**
 * Questions for a seeded sample of articles: per article its first passage and (when it has more)
 * one more, each as the last heading's words plus about two thirds of the first sentence's
 * content words, in their order, plus 0–2 paraphrase words. `known` says whether the corpus uses a term.
 */
export function calibrationQuestions(chunks: readonly ChunkLike[], stopwords: ReadonlySet<string>, known: (term: string) => boolean, maxArticles = CALIBRATION_ARTICLES): CalibrationQuestion[] {
  const byArticle = new Map<string, ChunkLike[]>();
  for (const c of chunks) {
    const list = byArticle.get(c.article_id) ?? [];
    list.push(c);
    byArticle.set(c.article_id, list);
  }
  const unknownOf = (words: string[]) => words.filter((w) => tokenize(w).length === 1 && !known(tokenize(w)[0]) && !stopwords.has(w));
  const paraphrase = { en: unknownOf(PARAPHRASE_WORDS), zh: unknownOf(PARAPHRASE_WORDS_ZH) };
  const rng = new Rng(SEED);
  const ids = rng.shuffle([...byArticle.keys()].sort()).slice(0, maxArticles);
  const out: CalibrationQuestion[] = [];
  for (const id of ids) {
    const list = byArticle.get(id)!;
    const picked = list.length > 1 ? [list[0], list[1 + rng.int(list.length - 1)]] : [list[0]];
    for (const chunk of picked) {
      const heading = chunk.heading.split(' > ').at(-1) ?? '';
      const first = sentences(chunk.text.replace(/\n+/g, ' '))[0] ?? chunk.text;
      const content = (s: string) => tokenize(s).filter((t) => !stopwords.has(t));
      const words = content(first);
      const keep = Math.max(2, Math.min(8, Math.round(words.length * 0.65)));
      const chosen = words.length <= keep ? words : rng.shuffle(words.map((_, i) => i)).slice(0, keep).sort((a, b) => a - b).map((i) => words[i]);
      const terms = [...new Set([...content(heading).slice(0, 3), ...chosen])];
      const pool = hasHan(first) ? paraphrase.zh : paraphrase.en;
      const extra = pool.length ? Array.from({ length: rng.int(3) }, () => rng.pick(pool)) : [];
      if (terms.length >= 2) out.push({ article_id: id, question: `${[...new Set([...extra, ...terms])].join(' ')}?` });
    }
  }
  return out;
}

/** The threshold maximising balanced accuracy, in the middle of the best interval; null when undecidable. */
export function balancedThreshold(answerable: readonly number[], unanswerable: readonly number[]): number | null {
  if (answerable.length === 0 || unanswerable.length === 0) return null;
  const values = [...new Set([...answerable, ...unanswerable, 0, 1.000001])].sort((a, b) => a - b);
  const inSorted = [...answerable].sort((a, b) => a - b);
  const outSorted = [...unanswerable].sort((a, b) => a - b);
  const countBelow = (sorted: number[], t: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // Threshold t answers x >= t. Between consecutive values v[j] < t <= v[j+1] the score is constant.
  let best = -1;
  let bestFrom = -1;
  let bestTo = -1;
  for (let j = 0; j + 1 < values.length; j++) {
    const t = values[j + 1];
    const score = (1 - countBelow(inSorted, t) / inSorted.length + countBelow(outSorted, t) / outSorted.length) / 2;
    if (score > best + 1e-12) (best = score), (bestFrom = j), (bestTo = j);
    else if (Math.abs(score - best) <= 1e-12 && bestTo === j - 1) bestTo = j;
  }
  // Any t in (values[bestFrom], values[bestTo + 1]] scores best: take the middle.
  return (values[bestFrom] + Math.min(1, values[bestTo + 1])) / 2;
}

export function defaultCalibration(articles: number, questions = 0): Calibration {
  return { threshold: DEFAULT_MIN_COVERAGE, method: 'default', articles, questions, calibrated: null, answered_when_indexed: null, abstained_when_held_out: null };
}

/** Combines the measured confidences into the stored calibration. */
export function calibrate(articles: number, answerable0: readonly number[], unanswerable0: readonly number[]): Calibration {
  // A question another article answers as well as its own (shared wording) is no held-out negative.
  const keep = answerable0.map((a, i) => unanswerable0[i] < a - 1e-9);
  const answerable = answerable0.filter((_, i) => keep[i]);
  const unanswerable = unanswerable0.filter((_, i) => keep[i]);
  const calibrated = articles < MIN_ARTICLES ? null : balancedThreshold(answerable, unanswerable);
  if (calibrated === null) return defaultCalibration(articles, answerable.length);
  const n = answerable.length;
  const shrunk = (n * calibrated + PRIOR_QUESTIONS * DEFAULT_MIN_COVERAGE) / (n + PRIOR_QUESTIONS);
  const threshold = Math.round(Math.min(MAX_THRESHOLD, Math.max(MIN_THRESHOLD, shrunk)) * 1000) / 1000;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    threshold,
    method: 'leave-article-out',
    articles,
    questions: n,
    calibrated: round(calibrated),
    answered_when_indexed: round(answerable.filter((c) => c >= threshold).length / n),
    abstained_when_held_out: round(unanswerable.filter((c) => c < threshold).length / unanswerable.length),
  };
}
