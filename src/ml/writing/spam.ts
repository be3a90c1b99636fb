// Deliverability checks: spam-trigger phrases (English and Chinese) and length limits for the
// subject and the body. Word lists rather than a model: filters themselves react to such lists.
import { hasHan } from '../text/tokenize.ts';

export interface SpamHit {
  text: string;
  kind: 'spam';
  field: 'subject' | 'body';
  index: number;
  reason: string;
}

const PHRASES: [RegExp, string][] = [
  [/\b(?:act now|buy now|order now|click here|click below|limited time|urgent(?:ly)?|don'?t miss out|once in a lifetime|winner|you(?:'ve| have) won|cash bonus|free gift|100% free|no obligation|no strings attached|risk[- ]free|special promotion|exclusive deal|lowest price|earn \$|double your|instant access|apply now|call now)\b/gi, 'spam-trigger phrase'],
  [/(?<!feel |for )\bfree\b(?! to\b)/gi, '"free" triggers spam filters'],
  [/!{2,}/g, 'repeated exclamation marks'],
  [/\${2,}/g, 'repeated dollar signs'],
  [/免费|限时|立即购买|点击这里|点击链接|中奖|恭喜您|马上行动|机不可失|最后机会|稳赚|零风险/g, '垃圾邮件触发词'],
];

function scan(text: string, field: 'subject' | 'body'): SpamHit[] {
  const hits: SpamHit[] = [];
  for (const [re, reason] of PHRASES) {
    for (const m of text.matchAll(re)) {
      const [i, j] = [m.index!, m.index! + m[0].length];
      // One finding per span: "free gift" already covers its "free".
      if (!hits.some((h) => i < h.index + h.text.length && j > h.index)) hits.push({ text: m[0], kind: 'spam', field, index: i, reason });
    }
  }
  // SHOUTING: words of 4+ capitals in the subject (acronyms like SSO, ERP are shorter).
  if (field === 'subject') {
    for (const m of text.matchAll(/\b[A-Z]{4,}\b/g)) {
      if (!hits.some((h) => h.index === m.index)) hits.push({ text: m[0], kind: 'spam', field, index: m.index!, reason: 'all-capitals word in the subject' });
    }
  }
  return hits.sort((a, b) => a.index - b.index);
}

export function findSpam(subject: string, body: string): SpamHit[] {
  return [...scan(subject, 'subject'), ...scan(body, 'body')];
}

export type LengthName = 'short' | 'medium' | 'long';
export type Channel = 'email' | 'linkedin' | 'landing_page' | 'sms';

export interface LengthTarget {
  language: 'en' | 'zh';
  /** Words for English, characters for Chinese. */
  minBody: number;
  maxBody: number;
  maxSubjectChars: number;
  unit: 'words' | 'characters';
}

const EN: Record<LengthName, [number, number]> = { short: [30, 120], medium: [70, 220], long: [130, 380] };
const ZH: Record<LengthName, [number, number]> = { short: [50, 220], medium: [110, 420], long: [200, 700] };

// Marketing copy carries no greeting, recap or signature: shorter bodies.
const EN_COPY: Record<LengthName, [number, number]> = { short: [15, 100], medium: [35, 180], long: [60, 300] };
const ZH_COPY: Record<LengthName, [number, number]> = { short: [30, 200], medium: [60, 360], long: [100, 600] };

export function lengthTarget(length: LengthName, language: 'en' | 'zh', channel: Channel = 'email', copy = false): LengthTarget {
  const [minBody, maxBody] = (language === 'zh' ? (copy ? ZH_COPY : ZH) : copy ? EN_COPY : EN)[length];
  // Chinese subjects often hold English product names: 40 characters rather than 30.
  const base: LengthTarget = { language, minBody, maxBody, maxSubjectChars: language === 'zh' ? 40 : 70, unit: language === 'zh' ? 'characters' : 'words' };
  if (channel === 'sms') return { ...base, minBody: 5, maxBody: language === 'zh' ? 70 : 30 };
  if (channel === 'linkedin') return { ...base, maxBody: Math.min(base.maxBody, language === 'zh' ? 300 : 150) };
  return base;
}

export interface LengthCheck {
  subject_chars: number;
  body: number;
  unit: 'words' | 'characters';
  target: [number, number];
  ok: boolean;
  problems: string[];
}

/** Body size in the target's unit: words for English, non-space characters for Chinese (mixed text counts both). */
export function bodySize(body: string, unit: 'words' | 'characters'): number {
  if (unit === 'words' && !hasHan(body)) return (body.match(/\S+/g) ?? []).length;
  const han = (body.match(/\p{Script=Han}/gu) ?? []).length;
  const latinWords = (body.replace(/\p{Script=Han}/gu, ' ').match(/[A-Za-z0-9][\w'’.-]*/g) ?? []).length;
  return unit === 'characters' ? han + latinWords : latinWords + Math.round(han / 2);
}

export function checkLength(subject: string, body: string, target: LengthTarget): LengthCheck {
  const size = bodySize(body, target.unit);
  const problems: string[] = [];
  const subjectChars = [...subject].length;
  if (subject && subjectChars > target.maxSubjectChars) problems.push(`subject has ${subjectChars} characters; keep it under ${target.maxSubjectChars}`);
  if (size < target.minBody) problems.push(`body has ${size} ${target.unit}; aim for at least ${target.minBody}`);
  if (size > target.maxBody) problems.push(`body has ${size} ${target.unit}; keep it under ${target.maxBody}`);
  return { subject_chars: subjectChars, body: size, unit: target.unit, target: [target.minBody, target.maxBody], ok: problems.length === 0, problems };
}
