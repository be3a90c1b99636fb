// Lexicon sentiment for English and Chinese with negation and intensity handling (VADER-style).
// Written by hand: the JS sentiment packages are English-only (AFINN-based) and this scorer must
// explain itself to a sales manager ("negative because: too expensive, worried").
import { tokenize } from '../text/tokenize.ts';
import { EN_BOOSTERS, EN_SENTIMENT, isEnglishNegator, ZH_BOOSTERS, ZH_NEGATORS, ZH_SENTIMENT } from './sentiment-lexicon.ts';

export interface SentimentScore {
  /** In [-1, 1]: the summed evidence squashed by x / sqrt(x² + 15). 0 when no lexicon word occurs. */
  compound: number;
  label: 'positive' | 'neutral' | 'negative';
  /** The words behind the score with their signed contributions, for explanations. */
  evidence: { term: string; weight: number }[];
}

/** Negation reaches this many words ahead ("not very good"). */
const NEGATION_WINDOW = 3;
/** Negated words flip and weaken: "not bad" is mildly positive, not as good as "good". */
const NEGATION_FACTOR = -0.74;
const ALPHA = 15;
const NEUTRAL_BAND = 0.05;
const ZH_ENTRIES = Object.keys(ZH_SENTIMENT).sort((a, b) => b.length - a.length);
const HAN_RUN = /\p{Script=Han}+/gu;

/** Tokens as the scorer reads them (curly apostrophes straightened so "don’t" is a negator). */
export const sentimentTokens = (text: string) => tokenize(text.replace(/[’‘]/g, "'"));

function englishEvidence(allTokens: readonly string[], out: SentimentScore['evidence']): void {
  const tokens = allTokens.filter((t) => /[a-z]/.test(t));
  for (let i = 0; i < tokens.length; i++) {
    const base = EN_SENTIMENT[tokens[i]];
    if (base === undefined) continue;
    let weight = base;
    const prev = tokens[i - 1];
    if (prev !== undefined && EN_BOOSTERS[prev] !== undefined) weight *= EN_BOOSTERS[prev];
    for (let k = 1; k <= NEGATION_WINDOW && i - k >= 0; k++) {
      if (isEnglishNegator(tokens[i - k])) {
        weight *= NEGATION_FACTOR;
        break;
      }
    }
    out.push({ term: tokens[i], weight });
  }
}

function chineseEvidence(text: string, out: SentimentScore['evidence']): void {
  for (const run of text.normalize('NFKC').match(HAN_RUN) ?? []) {
    for (let i = 0; i < run.length; ) {
      const entry = ZH_ENTRIES.find((e) => run.startsWith(e, i));
      if (!entry) {
        i++;
        continue;
      }
      let weight = ZH_SENTIMENT[entry];
      const before = run.slice(Math.max(0, i - 4), i);
      const booster = Object.keys(ZH_BOOSTERS).find((b) => before.endsWith(b));
      if (booster) weight *= ZH_BOOSTERS[booster];
      // A negator just before (optionally with a booster in between: 不太满意, 不是很好) flips the word.
      const head = booster ? before.slice(0, before.length - booster.length) : before;
      if (ZH_NEGATORS.some((n) => head.endsWith(n))) weight *= NEGATION_FACTOR;
      out.push({ term: entry, weight });
      i += entry.length;
    }
  }
}

/** `tokens` may be passed when the caller already has `sentimentTokens(text)`. */
export function scoreSentiment(text: string, tokens: readonly string[] = sentimentTokens(text)): SentimentScore {
  const evidence: SentimentScore['evidence'] = [];
  englishEvidence(tokens, evidence);
  chineseEvidence(text, evidence);
  const sum = evidence.reduce((s, e) => s + e.weight, 0);
  const compound = sum / Math.sqrt(sum * sum + ALPHA);
  const label = compound > NEUTRAL_BAND ? 'positive' : compound < -NEUTRAL_BAND ? 'negative' : 'neutral';
  return { compound, label, evidence };
}
