// Pattern detectors for personal data in CRM text: emails, phone numbers, payment cards, IBANs and
// street addresses, in English and Chinese. Written by hand: the JS PII libraries are either
// English-only, cloud services, or wrap large NER models; these patterns plus check digits are
// transparent, fast and tuned for sales text (order numbers, dates and amounts must survive).
import { IBAN_LENGTHS, ibanValid, luhnValid } from './checksums.ts';

export type PiiKind = 'EMAIL' | 'PHONE' | 'CARD' | 'IBAN' | 'ADDRESS' | 'PERSON' | 'ORG';

export interface PiiSpan {
  start: number;
  end: number;
  kind: PiiKind;
  /** Canonical form for "same value, same placeholder" (digits only for phones, lower case for emails, …). */
  key: string;
}

const digitsOf = (s: string) => s.replace(/\D/g, '');
const span = (m: RegExpExecArray, kind: PiiKind, key: string, text = m[0]): PiiSpan => ({ start: m.index, end: m.index + text.length, kind, key });

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = re.exec(text)); ) {
    if (m[0] === '') re.lastIndex++;
    else yield m;
  }
}

const EMAIL = /(?<![\w.%+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])/gu;

export function findEmails(text: string): PiiSpan[] {
  return [...matches(EMAIL, text)].map((m) => span(m, 'EMAIL', m[0].toLowerCase()));
}

// Phone shapes. The boundaries stop them starting or ending inside codes like ORD-2024-0001-2345.
// A digit group just before or after (across one separator) means this is part of a longer number.
const B = String.raw`(?<![\w+#/.\-])(?<!\d[ .\-])`;
const E = String.raw`(?![\w/\-]|[.,]\d|[ .\-]\d)`;
const PHONE_PATTERNS = [
  // International: +44 20 7946 0958, +1-415-555-0132, +86 138 1234 5678, +49 (0)30 1234567
  String.raw`\+\d{1,3}(?:[ .\-]?(?:\(\d{1,4}\)|\d{2,5})){1,5}`,
  // Area code in parentheses: (415) 555-0132, (020) 7946 0958, (010)12345678
  String.raw`\(\d{2,5}\)[ .\-]?\d{3,4}(?:[ .\-]?\d{3,4})?`,
  // Grouped national numbers: 415-555-0132, 415.555.0132, 020 7946 0958, 0171 234 5678
  String.raw`\d{2,5}[ .\-]\d{3,4}[ .\-]\d{4}`,
  // Chinese landlines: 010-12345678, 0755-1234567
  String.raw`0\d{2,3}-\d{7,8}`,
  // Chinese mobiles: 13812345678, 138 1234 5678, 138-1234-5678
  String.raw`1[3-9]\d(?:[ \-]?\d{4}){2}`,
].map((p) => new RegExp(`${B}(?:${p})${E}`, 'g'));

/** Numbers introduced like this are references, not phones. */
const REFERENCE_CONTEXT = /(?:order|invoice|inv|ref(?:erence)?|po|ticket|case|tracking|sku|serial|account|acct|quote|contract|id|订单|单号|编号|合同|发票)\s*(?:no\.?|number|num|#|号)?\s*[:：#]?\s*$/i;
const DATE_LIKE = /^(?:19|20)\d{2}[.\-/ ](?:0?[1-9]|1[0-2])[.\-/ ](?:0?[1-9]|[12]\d|3[01])$/;

export function findPhones(text: string): PiiSpan[] {
  const out: PiiSpan[] = [];
  for (const re of PHONE_PATTERNS) {
    for (const m of matches(re, text)) {
      const digits = digitsOf(m[0]);
      const international = m[0].startsWith('+');
      if (digits.length < (international ? 8 : 10) || digits.length > 15) continue;
      if (DATE_LIKE.test(m[0]) || REFERENCE_CONTEXT.test(text.slice(Math.max(0, m.index - 24), m.index))) continue;
      out.push(span(m, 'PHONE', international ? `+${digits}` : digits));
    }
  }
  return out;
}

const CARD = /(?<![\d\-])\d(?:[ \-]?\d){12,18}(?![\d\-])/g;

/** Card numbers are written unseparated or in the issuers' groupings (4-4-4-4, 4-6-5, 4-6-4). */
function cardGrouping(raw: string): boolean {
  const groups = raw.split(/[ \-]/).map((g) => g.length);
  if (groups.length === 1) return true;
  const shape = groups.join('-');
  if (shape === '4-6-5' || shape === '4-6-4') return true;
  return groups.slice(0, -1).every((n) => n === 4) && groups[groups.length - 1] >= 1 && groups[groups.length - 1] <= 4;
}

export function findCards(text: string): PiiSpan[] {
  const out: PiiSpan[] = [];
  for (const m of matches(CARD, text)) {
    const digits = digitsOf(m[0]);
    if (cardGrouping(m[0]) && luhnValid(digits) && !/^0/.test(digits)) out.push(span(m, 'CARD', digits));
  }
  return out;
}

const IBAN_CANDIDATE = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}/g;

export function findIbans(text: string): PiiSpan[] {
  const out: PiiSpan[] = [];
  for (const m of matches(IBAN_CANDIDATE, text)) {
    // The candidate may run into a following word; cut it at the country's length (or the longest valid prefix).
    const lengths = IBAN_LENGTHS[m[0].slice(0, 2)] !== undefined ? [IBAN_LENGTHS[m[0].slice(0, 2)]] : Array.from({ length: 20 }, (_, i) => 34 - i);
    for (const length of lengths) {
      let count = 0;
      let end = 0;
      while (end < m[0].length && count < length) if (m[0][end++] !== ' ') count++;
      const compact = m[0].slice(0, end).replace(/ /g, '');
      if (count === length && ibanValid(compact) && !/[A-Za-z0-9]/.test(text[m.index + end] ?? '')) {
        out.push(span(m, 'IBAN', compact, m[0].slice(0, end)));
        break;
      }
    }
  }
  return out;
}

const SUFFIXES = [
  'Street', 'St', 'Avenue', 'Ave', 'Road', 'Rd', 'Boulevard', 'Blvd', 'Lane', 'Ln', 'Drive', 'Dr', 'Court', 'Ct', 'Way',
  'Place', 'Pl', 'Square', 'Sq', 'Terrace', 'Parkway', 'Pkwy', 'Highway', 'Hwy', 'Circle', 'Cir', 'Close', 'Crescent', 'Mews', 'Row',
];
const suffix = SUFFIXES.flatMap((s) => [s, s.toLowerCase()]).join('|');
const STREET_WORD = String.raw`(?:[A-Z][A-Za-z'’\-]*\.?|\d{1,3}(?:st|nd|rd|th))`;
const US_ZIP = String.raw`(?:,?\s*[A-Z]{2})?\s+\d{5}(?:-\d{4})?`;
const UK_POSTCODE = String.raw`,?\s*(?:[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})`;
const EN_ADDRESS = new RegExp(
  String.raw`\b\d{1,5}[A-Za-z]?(?:-\d{1,5})?,?\s+(?:${STREET_WORD}\s+){1,4}(?:${suffix})\b\.?(?:\s+(?:NW|NE|SW|SE|N|S|E|W)\b)?` +
    String.raw`(?:,?\s+(?:Suite|Ste\.?|Apt\.?|Apartment|Unit|Floor|Fl\.?|#)\s*#?[A-Za-z0-9\-]+)?` +
    String.raw`(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}(?:${US_ZIP}|${UK_POSTCODE})?)?`,
  'g',
);
const PO_BOX = /\bP\.?\s?O\.?\s+Box\s+\d+/gi;
const UK_POSTCODE_ALONE = /\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b/g;

// Chinese: optional province / city / district / town, then a road and a house number.
// Place-name characters exclude words that usually precede an address (是, 在, 地址, 寄到, …),
// so "我的地址是北京市…" yields "北京市…".
const PLACE = String.raw`(?:(?![的是在于到往址住我你他她们请了位從从至])\p{Script=Han})`;
const CN_NUMBER = String.raw`[0-9０-９一二三四五六七八九十百零〇]+`;
const CN_ADDRESS = new RegExp(
  String.raw`(?:${PLACE}{2,7}?(?:省|自治区|特别行政区))?(?:${PLACE}{2,6}?(?:市|州|盟))?(?:${PLACE}{1,5}?(?:区|县|旗))?` +
    String.raw`(?:${PLACE}{1,6}?(?:镇|乡|街道))?${PLACE}{1,8}?(?:大道|大街|路|街|道|巷|胡同|弄)` +
    String.raw`${CN_NUMBER}(?:-${CN_NUMBER})?号(?:(?:[0-9A-Za-z０-９一二三四五六七八九十]+)(?:号楼|栋|幢|座|单元|层|楼|室))*`,
  'gu',
);

export function findAddresses(text: string): PiiSpan[] {
  const out: PiiSpan[] = [];
  for (const re of [EN_ADDRESS, PO_BOX, UK_POSTCODE_ALONE, CN_ADDRESS]) {
    for (const m of matches(re, text)) {
      const raw = m[0].replace(/[,\s]+$/, '');
      out.push(span(m, 'ADDRESS', raw.replace(/\s+/g, ' ').toLowerCase(), raw));
    }
  }
  return out;
}
