// PII redaction before text leaves the machine, and restoration of the model's answer.
// Each distinct value gets a placeholder like [EMAIL_1] or [PERSON_2], the same one every time it
// recurs within a call, so the model can still refer to "the same person" and we can put it back.
import { findAddresses, findCards, findEmails, findIbans, findPhones, type PiiKind, type PiiSpan } from './pii/detectors.ts';
import { nameMatcher, type NameMatcher } from './pii/names.ts';

export type { PiiKind } from './pii/detectors.ts';

export interface RedactOptions {
  /** People the CRM knows (contacts, users). */
  knownNames?: readonly string[];
  /** Accounts / companies the CRM knows; legal suffixes are optional in the text ("Acme" for "Acme Inc."). */
  knownOrganizations?: readonly string[];
  /** Restrict to these kinds (default: all). */
  kinds?: readonly PiiKind[];
}

export type RedactionCounts = Record<PiiKind, number>;

export interface RedactResult {
  text: string;
  /** Placeholder → original text, e.g. {"[EMAIL_1]": "ana@acme.com"}. */
  mapping: Record<string, string>;
  /** Occurrences replaced, by kind. */
  counts: RedactionCounts;
}

const ALL_KINDS: PiiKind[] = ['EMAIL', 'PHONE', 'CARD', 'IBAN', 'ADDRESS', 'PERSON', 'ORG'];
const PLACEHOLDER = /\[\s*([A-Z]+_\d+)\s*\]/g;

const emptyCounts = (): RedactionCounts => ({ EMAIL: 0, PHONE: 0, CARD: 0, IBAN: 0, ADDRESS: 0, PERSON: 0, ORG: 0 });

/** Keeps the longest of overlapping detections (an email beats the name inside it, an IBAN the digits inside it). */
function resolveOverlaps(spans: PiiSpan[]): PiiSpan[] {
  const order = (k: PiiKind) => ALL_KINDS.indexOf(k);
  const sorted = [...spans].sort((a, b) => b.end - b.start - (a.end - a.start) || order(a.kind) - order(b.kind) || a.start - b.start);
  const kept: PiiSpan[] = [];
  for (const s of sorted) if (!kept.some((k) => s.start < k.end && k.start < s.end)) kept.push(s);
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * A redaction session: several texts (the messages of one request) share placeholders,
 * so "[PERSON_1]" means the same person in the system prompt and in the user's message.
 */
export class Redactor {
  readonly mapping: Record<string, string> = {};
  readonly counts: RedactionCounts = emptyCounts();
  private readonly names: NameMatcher;
  private readonly kinds: Set<PiiKind>;
  private readonly placeholderByKey = new Map<string, string>();
  private readonly next: RedactionCounts = emptyCounts();

  constructor(options: RedactOptions = {}) {
    this.names = nameMatcher(options.knownNames ?? [], options.knownOrganizations ?? []);
    this.kinds = new Set(options.kinds ?? ALL_KINDS);
  }

  redact(text: string): string {
    const spans = [
      ...findEmails(text),
      ...findIbans(text),
      ...findCards(text),
      ...findPhones(text),
      ...findAddresses(text),
      ...this.names.find(text),
    ].filter((s) => this.kinds.has(s.kind));
    let out = '';
    let at = 0;
    for (const s of resolveOverlaps(spans)) {
      out += text.slice(at, s.start) + this.placeholderFor(s, text.slice(s.start, s.end));
      at = s.end;
      this.counts[s.kind]++;
    }
    return out + text.slice(at);
  }

  private placeholderFor(s: PiiSpan, original: string): string {
    const key = `${s.kind}|${s.key}`;
    let placeholder = this.placeholderByKey.get(key);
    if (!placeholder) {
      placeholder = `[${s.kind}_${++this.next[s.kind]}]`;
      this.placeholderByKey.set(key, placeholder);
      this.mapping[placeholder] = original; // first spelling seen is what the answer gets back
    }
    return placeholder;
  }
}

export function redact(text: string, options: RedactOptions = {}): RedactResult {
  const r = new Redactor(options);
  const out = r.redact(text);
  return { text: out, mapping: { ...r.mapping }, counts: { ...r.counts } };
}

/** Puts the originals back; tolerant of spaces the model may add inside the brackets. Unknown placeholders stay. */
export function restore(text: string, mapping: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, id: string) => mapping[`[${id}]`] ?? whole);
}

/** Restores every string inside a parsed JSON answer. */
export function restoreDeep(value: unknown, mapping: Record<string, string>): unknown {
  if (typeof value === 'string') return restore(value, mapping);
  if (Array.isArray(value)) return value.map((v) => restoreDeep(v, mapping));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [restore(k, mapping), restoreDeep(v, mapping)]));
  }
  return value;
}

/**
 * Restores a streamed answer delta by delta. A placeholder may arrive split ("[PER", "SON_1]"),
 * so text from an unclosed "[" is held back until it closes or grows too long to be one.
 */
export function createStreamRestorer(mapping: Record<string, string>): { push(delta: string): string; flush(): string } {
  let pending = '';
  return {
    push(delta: string): string {
      pending += delta;
      const open = pending.lastIndexOf('[');
      const cut = open >= 0 && !pending.includes(']', open) && pending.length - open <= 24 ? open : pending.length;
      const ready = pending.slice(0, cut);
      pending = pending.slice(cut);
      return restore(ready, mapping);
    },
    flush(): string {
      const rest = restore(pending, mapping);
      pending = '';
      return rest;
    },
  };
}
