// Known-name matching: the CRM knows its contacts, accounts and users, which finds names far more
// reliably than guessing them. Longest names first, so "Mary Ann Lee" wins over "Mary Ann".
import type { PiiKind, PiiSpan } from './detectors.ts';

const HAN = /\p{Script=Han}/u;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const LEGAL_SUFFIX = /[\s,]+(?:inc\.?|incorporated|ltd\.?|limited|llc|l\.l\.c\.|plc|gmbh|ag|s\.?a\.?|corp\.?|corporation|co\.?|company|co\.,?\s*ltd\.?)$/i;
const CN_LEGAL_SUFFIX = /(?:股份有限公司|有限责任公司|有限公司|集团|公司)$/u;
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'sir', 'the', 'and', 'van', 'von', 'de', 'la', 'del']);

export interface NameMatcher {
  find(text: string): PiiSpan[];
}

interface Entry {
  text: string;
  kind: PiiKind;
  /** Parts of full names only count when capitalised ("Will" the person, not "will" the verb). */
  capitalisedOnly: boolean;
}

function variants(raw: string, kind: PiiKind): Entry[] {
  const name = raw.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (name.length < 2) return [];
  const out: Entry[] = [{ text: name, kind, capitalisedOnly: false }];
  if (kind === 'ORG') {
    const core = name.replace(LEGAL_SUFFIX, '').replace(CN_LEGAL_SUFFIX, '').trim();
    if (core !== name && core.length >= 2) out.push({ text: core, kind, capitalisedOnly: false });
  } else if (!HAN.test(name)) {
    for (const part of name.split(' ')) {
      if (part !== name && part.length >= 3 && !HONORIFICS.has(part.toLowerCase().replace(/\.$/, ''))) {
        out.push({ text: part, kind, capitalisedOnly: true });
      }
    }
  }
  return out;
}

/** Builds one matcher over people and organisations; matching is case-insensitive with word boundaries for Latin names. */
export function nameMatcher(people: readonly string[], organisations: readonly string[]): NameMatcher {
  const byText = new Map<string, Entry>();
  const add = (e: Entry) => {
    const key = e.text.toLowerCase();
    const prior = byText.get(key);
    // A full name beats the same string seen as a part of another name.
    if (!prior || (prior.capitalisedOnly && !e.capitalisedOnly)) byText.set(key, e);
  };
  for (const p of people) variants(p, 'PERSON').forEach(add);
  for (const o of organisations) variants(o, 'ORG').forEach(add);
  const entries = [...byText.values()].sort((a, b) => b.text.length - a.text.length);
  if (entries.length === 0) return { find: () => [] };
  const alternatives = entries.map((e) => {
    const body = escape(e.text).replace(/ /g, '\\s+');
    // Chinese is written without spaces, so Han names match anywhere; Latin names need word boundaries.
    return HAN.test(e.text) ? body : `(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`;
  });
  const re = new RegExp(alternatives.join('|'), 'giu');
  return {
    find(text: string): PiiSpan[] {
      const out: PiiSpan[] = [];
      re.lastIndex = 0;
      for (let m: RegExpExecArray | null; (m = re.exec(text)); ) {
        const key = m[0].toLowerCase().replace(/\s+/g, ' ');
        const entry = byText.get(key);
        if (!entry) continue;
        if (entry.capitalisedOnly && !/^\p{Lu}/u.test(m[0])) continue;
        out.push({ start: m.index, end: m.index + m[0].length, kind: entry.kind, key: `${entry.kind}:${key}` });
      }
      return out;
    },
  };
}
