// Column type inference for tabular records (CRM exports): numeric, boolean, date, categorical,
// free text, or unusable (empty, constant, identifier-like).
// Written by hand: the rules are specific to CRM exports (NA spellings like "Select", yes/no words);
// a generic CSV type sniffer would guess differently per file.
import { tokenize } from '../text/tokenize.ts';

export type RawValue = string | number | boolean | null | undefined;
export type RawRecord = Record<string, RawValue>;
export type ColumnKind = 'numeric' | 'boolean' | 'date' | 'categorical' | 'text';
export type UnusableKind = 'empty' | 'constant' | 'identifier';

export interface ColumnInference {
  name: string;
  kind: ColumnKind | UnusableKind;
  /** Rows whose value contradicts the inferred kind (e.g. "abc" in a numeric column). */
  badRows: { row: number; value: string }[];
  missing: number;
}

const TRUE_WORDS = new Set(['yes', 'true', 'y', 't', '1']);
const FALSE_WORDS = new Set(['no', 'false', 'n', 'f', '0']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A lower-cased set of the "not available" spellings, always including the empty string. */
export function naSet(naValues: readonly string[] = []): Set<string> {
  return new Set(['', ...naValues.map((v) => v.trim().toLowerCase())]);
}

const longestNa = new WeakMap<Set<string>, number>();

export function isMissing(v: RawValue, na: Set<string>): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'number') return !Number.isFinite(v);
  if (typeof v === 'boolean') return false;
  if (v.length === 0) return true;
  // Fast path (this runs for every cell): a value with no surrounding spaces that is longer than
  // every NA spelling cannot be one, and needs no trimmed, lower-cased copy.
  if (v.charCodeAt(0) > 32 && v.charCodeAt(v.length - 1) > 32) {
    let longest = longestNa.get(na);
    if (longest === undefined) {
      longest = 0;
      for (const s of na) longest = Math.max(longest, s.length);
      longestNa.set(na, longest);
    }
    if (v.length > longest) return false;
  }
  return na.has(v.trim().toLowerCase());
}

/** True for plain decimal numbers (optional sign, digits, one dot, exponent): no hex, no "Infinity". */
function isDecimal(s: string): boolean {
  let i = 0;
  const n = s.length;
  let c = s.charCodeAt(0);
  if (c === 43 || c === 45) i++; // + -
  let digits = 0;
  while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) (i++, digits++);
  if (i < n && s.charCodeAt(i) === 46) {
    i++;
    while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) (i++, digits++);
  }
  if (digits === 0) return false;
  if (i < n && ((c = s.charCodeAt(i)) === 101 || c === 69)) {
    i++;
    if (i < n && ((c = s.charCodeAt(i)) === 43 || c === 45)) i++;
    let exp = 0;
    while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) (i++, exp++);
    if (exp === 0) return false;
  }
  return i === n;
}

export function parseNumber(v: RawValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v !== 'string' || v.length === 0) return NaN;
  const s = v.charCodeAt(0) > 32 && v.charCodeAt(v.length - 1) > 32 ? v : v.trim();
  return isDecimal(s) ? Number(s) : NaN;
}

export function parseBoolean(v: RawValue): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  const s = String(v).trim().toLowerCase();
  return TRUE_WORDS.has(s) ? 1 : FALSE_WORDS.has(s) ? 0 : NaN;
}

/** Epoch days of an ISO date/time, or NaN. */
export function parseDateDays(v: RawValue): number {
  if (typeof v !== 'string' || !ISO_DATE.test(v.trim())) return NaN;
  const t = Date.parse(v.trim());
  return Number.isFinite(t) ? t / 86_400_000 : NaN;
}

export function inferColumn(name: string, values: readonly RawValue[], na: Set<string>): ColumnInference {
  const presentRows: number[] = [];
  for (let i = 0; i < values.length; i++) if (!isMissing(values[i], na)) presentRows.push(i);
  const missing = values.length - presentRows.length;
  const result = (kind: ColumnInference['kind'], badRows: ColumnInference['badRows'] = []): ColumnInference => ({ name, kind, badRows, missing });
  if (presentRows.length === 0) return result('empty');
  const text = (i: number) => String(values[i]).trim();

  // Yes/no: at most two distinct spellings (ignoring case), all boolean words.
  const lower = new Set<string>();
  let boolean = true;
  for (const i of presentRows) {
    if (Number.isNaN(parseBoolean(values[i]))) {
      boolean = false;
      break;
    }
    lower.add(text(i).toLowerCase());
    if (lower.size > 2) {
      boolean = false;
      break;
    }
  }
  if (boolean && lower.size === 1 && missing === 0 && new Set(presentRows.map(text)).size === 1) return result('constant');
  if (boolean) return result('boolean');

  const nonNumeric: number[] = [];
  const tolerance = Math.max(1, 0.02 * presentRows.length);
  for (const i of presentRows) {
    if (Number.isNaN(parseNumber(values[i]))) {
      nonNumeric.push(i);
      if (nonNumeric.length > tolerance) break;
    }
  }
  if (nonNumeric.length === 0) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const i of presentRows) {
      const x = parseNumber(values[i]);
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    return result(lo === hi && missing === 0 ? 'constant' : 'numeric');
  }
  // Mostly numbers with a few stray words: a data problem the caller should report, not a category.
  if (nonNumeric.length <= tolerance && presentRows.length >= 20) {
    return result('numeric', nonNumeric.map((row) => ({ row, value: String(values[row]) })));
  }
  if (presentRows.every((i) => !Number.isNaN(parseDateDays(values[i])))) return result('date');
  const distinct = new Set(presentRows.map(text));
  if (distinct.size === 1 && missing === 0) return result('constant');

  // Free text: several words per value and mostly distinct values.
  const sample = presentRows.slice(0, 500);
  const words = sample.reduce((s, i) => s + tokenize(String(values[i])).length, 0) / sample.length;
  const uniqueShare = distinct.size / presentRows.length;
  if (words >= 3 && uniqueShare > 0.3) return result('text');
  if (presentRows.length >= 20 && uniqueShare > 0.5) return result('identifier');
  return result('categorical');
}
