// Finding the checkable facts in a text: dates (English and Chinese formats), numbers, prices and
// percentages (with normalisation: "1,200" = 1200, "$1.2k" = 1200, "12万" = 120000), each with its
// position. Written by hand: no maintained JS library extracts and normalises these in both
// English and Chinese text; a handful of regular expressions does.

export type MentionKind = 'number' | 'price' | 'percent' | 'date';

export interface DateValue {
  year?: number;
  month: number;
  day?: number;
}

export interface Mention {
  kind: MentionKind;
  text: string;
  index: number;
  /** Numbers: the value; the precision it was written with (e.g. 100 for "12.3k") decides matching. */
  value?: number;
  precision?: number;
  date?: DateValue;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_NAME = String.raw`(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?`;

function monthOf(name: string): number {
  const n = name.toLowerCase().replace('.', '');
  return MONTHS.findIndex((m) => m.startsWith(n.slice(0, 3))) + 1;
}

interface DatePattern {
  re: RegExp;
  read: (m: RegExpExecArray) => DateValue[] | null;
}

const validDay = (d: DateValue) => d.month >= 1 && d.month <= 12 && (d.day === undefined || (d.day >= 1 && d.day <= 31));
const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));

// Ordered: longer, more specific forms first so "December 15, 2026" is one mention, not two.
const DATE_PATTERNS: DatePattern[] = [
  { re: /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)/g, read: (m) => [{ year: +m[1], month: +m[2], day: +m[3] }] },
  { re: /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/g, read: (m) => [{ year: num(m[1]), month: +m[2], day: +m[3] }] },
  { re: /(\d{4})\s*年\s*(\d{1,2})\s*月(?!\s*\d)/g, read: (m) => [{ year: +m[1], month: +m[2] }] },
  { re: new RegExp(String.raw`\b(${MONTH_NAME})\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?(?![\d:])`, 'g'), read: (m) => [{ month: monthOf(m[1]), day: +m[2], year: num(m[3]) }] },
  { re: new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(${MONTH_NAME})(?:,?\s+(\d{4}))?`, 'g'), read: (m) => [{ month: monthOf(m[2]), day: +m[1], year: num(m[3]) }] },
  { re: new RegExp(String.raw`\b(${MONTH_NAME})\s+(\d{4})\b`, 'g'), read: (m) => [{ month: monthOf(m[1]), year: +m[2] }] },
  // 3/4/2026 is ambiguous (US or European order): either reading may match a fact.
  { re: /(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{4})(?![\d/])/g, read: (m) => [{ month: +m[1], day: +m[2], year: +m[3] }, { month: +m[2], day: +m[1], year: +m[3] }] },
];

/** Spans that hold digits but no checkable fact: links, e-mail addresses, template variables (before dates)… */
const NOISE = [/\bhttps?:\/\/\S+/g, /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, /\{\{\s*[\w.]+\s*\}\}/g];
/** …and phone numbers and clock times (after dates, which look like them). */
const LATE_NOISE = [
  /(?<![\w$])\+\d[\d ()-]{7,}\d(?!\w)/g,
  /(?<![\w$])(?:\(\d{3}\)\s?|\d{3}[-. ])\d{3,4}[-. ]\d{4}(?!\w)/g,
  /\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm|AM|PM)?\b/g,
];

function mask(text: string, start: number, length: number): string {
  return text.slice(0, start) + ' '.repeat(length) + text.slice(start + length);
}

const SCALE: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, million: 1e6, bn: 1e9, billion: 1e9, 千: 1e3, 万: 1e4, 亿: 1e8 };
const CURRENCY_BEFORE = String.raw`US\$|\$|€|£|¥|￥|RMB\s?|CNY\s?|USD\s?|EUR\s?`;
const CURRENCY_AFTER = String.raw`USD|EUR|CNY|RMB|dollars?|euros?|元|美元|人民币|块钱|块`;
// Not inside a code ("BSH-100", "B2B", "v2.1") and not glued to Latin letters.
const NUMBER = new RegExp(
  String.raw`(?<![A-Za-z0-9_.,/]|[A-Za-z]-)(${CURRENCY_BEFORE})?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s?(k|K|m|M|bn|thousand|million|billion|千|万|亿)(?![A-Za-z]))?(?:\s?(%|％|percent|per cent)|\s?(${CURRENCY_AFTER}))?(?:st|nd|rd|th)?(?![A-Za-z0-9/])`,
  'g',
);

/** Every date and number in the text, in order of position. */
export function findMentions(input: string): Mention[] {
  let text = input;
  for (const re of NOISE) {
    for (const m of input.matchAll(re)) text = mask(text, m.index!, m[0].length);
  }
  const out: Mention[] = [];
  for (const { re, read } of DATE_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const values = read(m as RegExpExecArray)?.filter(validDay) ?? [];
      if (values.length === 0) continue;
      for (const date of values) out.push({ kind: 'date', text: m[0].trim(), index: m.index!, date });
      text = mask(text, m.index!, m[0].length);
    }
  }
  for (const re of LATE_NOISE) {
    for (const m of text.matchAll(re)) text = mask(text, m.index!, m[0].length);
  }
  for (const m of text.matchAll(NUMBER)) {
    const [whole, currency, intPart, frac, scaleWord, percent, currencyAfter] = m;
    const decimals = frac ? frac.length : 0;
    const scale = scaleWord ? SCALE[scaleWord.toLowerCase()] ?? SCALE[scaleWord] : 1;
    const base = Number(`${intPart.replace(/,/g, '')}${frac ? `.${frac}` : ''}`);
    const kind: MentionKind = percent ? 'percent' : currency || currencyAfter ? 'price' : 'number';
    out.push({ kind, text: whole.trim(), index: m.index!, value: base * scale, precision: scale * 10 ** -decimals });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** True when a number written with this precision could be a rounding of the fact value. */
export function numberMatches(mention: { value: number; precision: number }, fact: number): boolean {
  const eps = mention.precision * 1e-6 + 1e-9;
  if (Math.abs(mention.value - fact) <= eps) return true;
  // Rounded ("$12.3k" for 12,345) or truncated ("12,345" for 12,345.67) renderings of the fact.
  const p = mention.precision;
  return Math.abs(fact) >= p && [Math.round(fact / p) * p, Math.floor(fact / p) * p].some((v) => Math.abs(v - mention.value) <= eps);
}

/** A date mention matches a fact date when every part the mention states agrees. */
export function dateMatches(mention: DateValue, fact: DateValue): boolean {
  if (mention.month !== fact.month) return false;
  if (mention.year !== undefined && fact.year !== undefined && mention.year !== fact.year) return false;
  if (mention.year !== undefined && fact.year === undefined) return false;
  if (mention.day !== undefined && mention.day !== fact.day) return false;
  return true;
}
