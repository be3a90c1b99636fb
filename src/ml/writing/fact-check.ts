// The fact check every draft goes through: each number, price, percentage, date and product name
// in the output must come from the inputs (the fact sheet), and claims that no fact sheet can
// support ("guaranteed", "#1", "最好") are flagged unless the inputs say so themselves.
// Hand-written for the same reason as mentions.ts: the rules are specific to sales text.
import { dateMatches, findMentions, numberMatches, type DateValue, type Mention } from './mentions.ts';
import { checkLength, findSpam, type LengthCheck, type LengthTarget, type SpamHit } from './spam.ts';

export type InventedKind = 'number' | 'price' | 'percent' | 'date' | 'product' | 'claim';

export interface Invented {
  text: string;
  kind: InventedKind;
  index: number;
  /** Subject or body. */
  field: 'subject' | 'body';
}

export interface FactIndex {
  numbers: number[];
  dates: DateValue[];
  /** All fact text, lower-cased, for "is this phrase in the inputs" questions. */
  text: string;
}

/** Every string and number in a fact sheet (any JSON), flattened. */
export function flattenFacts(facts: unknown, out: string[] = []): string[] {
  if (facts === null || facts === undefined) return out;
  if (typeof facts === 'string') out.push(facts);
  else if (typeof facts === 'number' && Number.isFinite(facts)) out.push(String(facts));
  else if (Array.isArray(facts)) for (const f of facts) flattenFacts(f, out);
  else if (typeof facts === 'object') for (const v of Object.values(facts as Record<string, unknown>)) flattenFacts(v, out);
  return out;
}

export function indexFacts(facts: unknown): FactIndex {
  const strings = flattenFacts(facts);
  const numbers: number[] = [];
  const dates: DateValue[] = [];
  for (const s of strings) {
    if (/^-?\d+(?:\.\d+)?$/.test(s)) numbers.push(Number(s));
    for (const m of findMentions(s)) {
      if (m.date) {
        dates.push(m.date);
        if (m.date.year !== undefined) numbers.push(m.date.year);
        if (m.date.day !== undefined) numbers.push(m.date.day);
      } else if (m.value !== undefined) numbers.push(m.value);
    }
  }
  return { numbers, dates, text: strings.join('\n').toLowerCase() };
}

// Claims a sales email cannot back up unless the inputs make them.
const CLAIMS = [
  /\bguarantee(?:d|s)?\b/gi, /#\s?1\b/g, /\bnumber one\b/gi, /\bbest[- ]in[- ]class\b/gi, /\bindustry[- ]leading\b/gi,
  /\bworld[- ]class\b/gi, /\bmarket[- ]leading\b/gi, /\brisk[- ]free\b/gi, /\bno risk\b/gi, /\bproven to\b/gi,
  /\bunbeatable\b/gi, /\blowest price\b/gi, /\bbest price\b/gi, /\bcheapest\b/gi, /\bfastest\b/gi, /\bthe best\b/gi,
  /\bnever fails?\b/gi, /\b100% (?:safe|secure|reliable|satisfaction)\b/gi, /\bclinically\b/gi, /\baward[- ]winning\b/gi,
  /保证/g, /(?:行业|市场|全国|全球|排名|销量)第一|第一品牌|第一名/g, /最好/g, /最佳/g, /领先/g, /零风险/g, /绝对/g, /最低价/g, /最便宜/g, /顶级/g, /唯一/g,
];

const PRODUCT_SUFFIX = /^(?:Suite|Pro|Platform|Edition|Add-on|Addon|Module|Cloud|Gateway|Hub|Kit|App|Plus|Max|Enterprise|Premium|Studio|Engine|Sensor|Analytics|Package)$/;
const LEADING_STOPWORDS = new Set(['Our', 'The', 'Your', 'With', 'A', 'An', 'This', 'That', 'Hi', 'Dear', 'And', 'Or', 'Both', 'New', 'About', 'For', 'Using', 'Meet', 'Try', 'Its', 'Their', 'My', 'We', 'I']);

/** First words shared by several catalogue names ("Bloom"): a capitalised phrase starting with one names a product. */
export function brandWords(catalogue: readonly string[]): Set<string> {
  const counts = new Map<string, number>();
  for (const name of catalogue) {
    const first = name.trim().split(/\s+/)[0];
    if (first && /^[A-Z]/.test(first)) counts.set(first, (counts.get(first) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n >= 2).map(([w]) => w));
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function findProducts(text: string, catalogue: readonly string[], facts: FactIndex): { text: string; index: number }[] {
  const out: { text: string; index: number }[] = [];
  const covered: [number, number][] = [];
  const inside = (i: number, j: number) => covered.some(([a, b]) => i < b && j > a);
  // Catalogue names, longest first, so "X Enterprise" is not read as "X".
  for (const name of [...catalogue].sort((a, b) => b.length - a.length)) {
    if (!name.trim()) continue;
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(name)}(?![\\p{L}\\p{N}])`, 'giu');
    for (const m of text.matchAll(re)) {
      const [i, j] = [m.index!, m.index! + m[0].length];
      if (inside(i, j)) continue;
      covered.push([i, j]);
      if (!facts.text.includes(name.toLowerCase())) out.push({ text: m[0], index: i });
    }
  }
  // Product-like phrases outside the catalogue: capitalised runs that start with a brand word or end in a product word.
  const brands = brandWords(catalogue);
  for (const m of text.matchAll(/\b[A-Z][\w-]*(?:[ \t]+[A-Z0-9][\w-]*){1,4}\b/g)) {
    const parts = [...m[0].matchAll(/\S+/g)].map((w) => ({ word: w[0], index: m.index! + w.index! }));
    let k = 0;
    while (k < parts.length && LEADING_STOPWORDS.has(parts[k].word)) k++;
    if (parts.length - k < 2) continue;
    const words = parts.slice(k).map((p) => p.word);
    const index = parts[k].index;
    const phrase = words.join(' ');
    const productLike = brands.has(words[0]) || PRODUCT_SUFFIX.test(words[words.length - 1]);
    if (!productLike || inside(index, index + phrase.length)) continue;
    if (facts.text.includes(phrase.toLowerCase())) continue;
    out.push({ text: phrase, index });
  }
  return out;
}

function mentionSupported(m: Mention, facts: FactIndex): boolean {
  if (m.kind === 'date') return facts.dates.some((d) => dateMatches(m.date!, d));
  return facts.numbers.some((n) => numberMatches({ value: m.value!, precision: m.precision! }, n));
}

/** Numbers, dates, products and claims in the text that the facts do not support. */
export function findInvented(text: string, facts: FactIndex, catalogue: readonly string[] = [], field: 'subject' | 'body' = 'body'): Invented[] {
  const out: Invented[] = [];
  const seen = new Set<string>();
  const add = (item: Invented) => {
    const key = `${item.kind}:${item.index}`;
    if (!seen.has(key)) seen.add(key), out.push(item);
  };
  // An ambiguous numeric date yields two readings at one position: supported if either is.
  const mentions = findMentions(text);
  const byPosition = new Map<number, Mention[]>();
  for (const m of mentions) byPosition.set(m.index, [...(byPosition.get(m.index) ?? []), m]);
  for (const [index, ms] of byPosition) {
    if (ms.some((m) => mentionSupported(m, facts))) continue;
    add({ text: ms[0].text, kind: ms[0].kind, index, field });
  }
  for (const p of findProducts(text, catalogue, facts)) add({ ...p, kind: 'product', field });
  for (const re of CLAIMS) {
    for (const m of text.matchAll(re)) {
      if (!facts.text.includes(m[0].toLowerCase())) add({ text: m[0], kind: 'claim', index: m.index!, field });
    }
  }
  return out.sort((a, b) => (a.field === b.field ? a.index - b.index : a.field === 'subject' ? -1 : 1));
}

export interface DraftCheck {
  ok: boolean;
  invented: Invented[];
  spam: SpamHit[];
  length: LengthCheck;
}

export interface CheckInput {
  subject?: string;
  body: string;
  facts: unknown;
  /** Every product name the company sells: a catalogue product absent from the facts is invented. */
  catalogue?: readonly string[];
  target: LengthTarget;
}

export function checkDraft(input: CheckInput): DraftCheck {
  const facts = indexFacts(input.facts);
  const invented = [
    ...(input.subject ? findInvented(input.subject, facts, input.catalogue, 'subject') : []),
    ...findInvented(input.body, facts, input.catalogue, 'body'),
  ];
  const spam = findSpam(input.subject ?? '', input.body);
  const length = checkLength(input.subject ?? '', input.body, input.target);
  return { ok: invented.length === 0 && spam.length === 0 && length.ok, invented, spam, length };
}
