// Word segmentation for English, Chinese and mixed text. Uses the platform's Intl.Segmenter
// (ICU dictionaries, so Chinese is split into words, not characters) instead of a JS
// dictionary segmenter: it ships with Node, is fast and needs no data files.

const wordSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;
const WORDLIKE = /[\p{L}\p{N}]/u;

/** Normalises case, width (full-width ASCII to half-width) and Unicode composition. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Word tokens: lower-cased, punctuation dropped; Chinese words as ICU segments them. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const seg of wordSegmenter.segment(normalizeText(text))) {
    if (seg.isWordLike || WORDLIKE.test(seg.segment)) out.push(seg.segment);
  }
  return out;
}

/** True when the text contains Chinese characters. */
export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/** Word n-grams (joined by a space) for n in [minN, maxN]. */
export function wordNgrams(tokens: readonly string[], minN = 1, maxN = 2): string[] {
  const out: string[] = [];
  for (let n = minN; n <= maxN; n++) {
    for (let i = 0; i + n <= tokens.length; i++) out.push(n === 1 ? tokens[i] : tokens.slice(i, i + n).join(' '));
  }
  return out;
}

/** Character n-grams within word boundaries padded by spaces (like scikit-learn's `char_wb`). */
export function charNgrams(text: string, minN = 2, maxN = 5): string[] {
  const out: string[] = [];
  for (const token of tokenize(text)) {
    const padded = ` ${token} `;
    const chars = Array.from(padded);
    for (let n = minN; n <= maxN; n++) {
      if (chars.length < n) break;
      for (let i = 0; i + n <= chars.length; i++) out.push(chars.slice(i, i + n).join(''));
    }
  }
  return out;
}

/** 32-bit FNV-1a hash of a string, for feature hashing. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The same n-grams as `charNgrams`, from tokens already produced by `tokenize` (saves a second
 * segmentation pass; uses plain substrings when a token has no astral-plane characters).
 */
export function charNgramsOfTokens(tokens: readonly string[], minN = 2, maxN = 5): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    const padded = ` ${token} `;
    if (/[\uD800-\uDFFF]/.test(padded)) {
      const chars = Array.from(padded);
      for (let n = minN; n <= maxN && n <= chars.length; n++) {
        for (let i = 0; i + n <= chars.length; i++) out.push(chars.slice(i, i + n).join(''));
      }
      continue;
    }
    for (let n = minN; n <= maxN && n <= padded.length; n++) {
      for (let i = 0; i + n <= padded.length; i++) out.push(padded.substring(i, i + n));
    }
  }
  return out;
}
