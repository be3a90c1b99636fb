// Offline drafting: a built-in template set per language, assembled by kind, tone and length,
// with seeded wording variation so that N variants differ in wording but carry the same facts.
import { Rng } from '../random.ts';
import { EN } from './builtin-en.ts';
import { ZH } from './builtin-zh.ts';
import type { Channel, LengthName } from './spam.ts';
import { renderTemplate, tidy, type TemplateVars } from './template.ts';

export const KINDS = ['follow_up', 'outreach', 'proposal', 're_engagement', 'marketing_copy'] as const;
export const TONES = ['formal', 'friendly', 'direct'] as const;
export const LENGTHS = ['short', 'medium', 'long'] as const;
export const LANGUAGES = ['en', 'zh'] as const;
export type Kind = (typeof KINDS)[number];
export type Tone = (typeof TONES)[number];
export type Language = (typeof LANGUAGES)[number];

/** The variables templates may use; user templates are validated against this list. */
export const TEMPLATE_VARIABLES = [
  'recipient_name', 'recipient_title', 'company', 'industry', 'employees', 'country', 'segment',
  'product', 'product_price', 'product_description', 'product_snippet', 'products_bought',
  'opportunity_name', 'opportunity_amount', 'expected_close', 'last_activity_subject', 'last_activity_date',
  'key_sentence', 'sender_name', 'call_to_action', 'customers',
] as const;

type ByTone = Record<Tone, string>;

export interface TemplateSet {
  defaultCta: string;
  copyDefaultCta: string;
  subject: Record<Kind, string>;
  greeting: ByTone;
  opener: Record<Kind, ByTone>;
  context: string;
  value: string;
  copyValue: string;
  detail: string;
  copyDetail: string;
  copyMore: string;
  cta: ByTone;
  copyCta: ByTone;
  closing: ByTone;
}

export const TEMPLATE_SETS: Record<Language, TemplateSet> = { en: EN, zh: ZH };

export interface ComposeOptions {
  kind: Kind;
  tone: Tone;
  length: LengthName;
  language: Language;
  channel?: Channel;
}

export interface Draft {
  subject: string;
  body: string;
}

function emailParts(set: TemplateSet, o: ComposeOptions): string[] {
  const parts = [set.greeting[o.tone], set.opener[o.kind][o.tone]];
  if (o.length !== 'short') parts.push(set.context);
  parts.push(set.value);
  if (o.length === 'long') parts.push(set.detail);
  parts.push(set.cta[o.tone], set.closing[o.tone]);
  return parts;
}

function copyParts(set: TemplateSet, o: ComposeOptions): string[] {
  if (o.channel === 'sms') return [set.copyValue, set.copyCta.direct];
  const parts = [set.opener.marketing_copy[o.tone], set.copyValue];
  if (o.length !== 'short') parts.push(set.copyDetail);
  if (o.length === 'long') parts.push(set.copyMore);
  parts.push(set.copyCta[o.tone]);
  return parts;
}

/** One draft from the built-in set; the same seed gives the same wording. */
export function composeBuiltin(options: ComposeOptions, vars: TemplateVars, seed: number): Draft {
  const set = TEMPLATE_SETS[options.language];
  const rng = new Rng(seed);
  const copy = options.kind === 'marketing_copy';
  const withCta = { ...vars, call_to_action: vars.call_to_action?.trim() || (copy ? set.copyDefaultCta : set.defaultCta) };
  const parts = copy ? copyParts(set, options) : emailParts(set, options);
  const body = tidy(parts.map((p) => renderTemplate(p, withCta, rng)).filter((p) => p.trim()).join('\n\n'));
  const subject = renderTemplate(set.subject[options.kind], withCta, rng).replace(/\s*\n\s*/g, ' ');
  return { subject, body };
}

/** N variants whose wording differs (re-rolled a few times when two come out the same). */
export function composeVariants(options: ComposeOptions, vars: TemplateVars, count: number, seed = 1): Draft[] {
  const out: Draft[] = [];
  for (let v = 0; v < count; v++) {
    let draft = composeBuiltin(options, vars, seed * 7919 + v);
    for (let retry = 1; retry <= 5 && out.some((d) => d.body === draft.body); retry++) draft = composeBuiltin(options, vars, seed * 7919 + v + 1000 * retry);
    out.push(draft);
  }
  return out;
}

/** A user template rendered with the same variables (wording choices allowed there too). */
export function composeFromTemplate(template: { subject: string; body: string }, vars: TemplateVars, seed: number, defaultCta: string): Draft {
  const rng = new Rng(seed);
  const withCta = { ...vars, call_to_action: vars.call_to_action?.trim() || defaultCta };
  return { subject: renderTemplate(template.subject, withCta, rng).replace(/\s*\n\s*/g, ' '), body: renderTemplate(template.body, withCta, rng) };
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A date (ISO string or Date) as a reader expects it: "December 15, 2026" / "2026年12月15日" (UTC). */
export function formatDate(value: string | Date, language: Language): string {
  const d = value instanceof Date ? value : new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) return '';
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
  return language === 'zh' ? `${y}年${m + 1}月${day}日` : `${MONTHS_EN[m]} ${day}, ${y}`;
}

const SYMBOL: Record<string, string> = { USD: '$', EUR: '€', GBP: '£' };

/** An amount as written in an email: "$12,000" / "12,000 美元" / "¥8,000". */
export function formatMoney(amount: number, currency: string, language: Language): string {
  const digits = Number.isInteger(amount) ? 0 : 2;
  const n = amount.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  if (language === 'zh') {
    if (currency === 'CNY' || currency === 'RMB') return `${n}元`;
    if (currency === 'USD') return `${n} 美元`;
    return `${n} ${currency}`;
  }
  if (currency === 'CNY' || currency === 'RMB') return `¥${n}`;
  return SYMBOL[currency] ? `${SYMBOL[currency]}${n}` : `${n} ${currency}`;
}
