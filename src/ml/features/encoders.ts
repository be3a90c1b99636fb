// Per-column encoders, fitted on training values only. Each writes two designs:
// - linear: standardised numbers, one-hot levels and missing indicators (for logistic regression);
// - tree: raw numbers with NaN for missing and integer category codes (for native-categorical GBDT).
// Every output column keeps a human-readable name for reason codes.
import { isMissing, parseBoolean, parseDateDays, parseNumber, type ColumnKind, type RawValue } from './infer.ts';
import { fitTextVectorizer, textVector, type TextVectorizer } from './text-vector.ts';

export interface EncoderOptions {
  na: Set<string>;
  minCategoryCount: number;
  maxCategories: number;
  textComponents: number;
  seed: number;
}

interface Base {
  column: string;
  hasMissing: boolean;
}
export interface NumericEncoder extends Base { kind: 'numeric' | 'boolean'; lo: number; hi: number; mean: number; sd: number }
export interface CategoricalEncoder extends Base { kind: 'categorical'; levels: string[]; hasOther: boolean }
export interface DateEncoder extends Base { kind: 'date'; referenceDay: number; mean: number; sd: number }
export interface TextEncoder extends Base { kind: 'text'; vectorizer: TextVectorizer; means: Float64Array; sds: Float64Array }
export type Encoder = NumericEncoder | CategoricalEncoder | DateEncoder | TextEncoder;

export const OTHER = 'other';
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function meanSd(values: ArrayLike<number>): { mean: number; sd: number } {
  let s = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) (s += values[i]), n++;
  const mean = n ? s / n : 0;
  let v = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) v += (values[i] - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(v / (n - 1)) : 0;
  return { mean, sd: sd > 1e-12 ? sd : 1 };
}

/** Parses a raw value for a numeric-like encoder; NaN means missing (or unparseable, checked at the boundary). */
export function numericValue(enc: Encoder, v: RawValue, na: Set<string>): number {
  if (isMissing(v, na)) return NaN;
  if (enc.kind === 'boolean') return parseBoolean(v);
  if (enc.kind === 'date') return parseDateDays(v);
  return parseNumber(v);
}

export function fitEncoder(column: string, kind: ColumnKind, values: readonly RawValue[], opt: EncoderOptions): Encoder {
  const hasMissing = values.some((v) => isMissing(v, opt.na));
  if (kind === 'numeric' || kind === 'boolean') {
    const nums = Float64Array.from(values, (v) => (isMissing(v, opt.na) ? NaN : kind === 'boolean' ? parseBoolean(v) : parseNumber(v)));
    // Winsorise at the 0.5 % / 99.5 % training quantiles so a few huge values cannot dominate the linear model.
    const sorted = nums.filter((x) => x === x).sort();
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))];
    const lo = kind === 'boolean' ? 0 : q(0.005);
    const hi = kind === 'boolean' ? 1 : q(0.995);
    const { mean, sd } = meanSd(nums.map((x) => (x === x ? Math.min(hi, Math.max(lo, x)) : NaN)));
    return { kind, column, hasMissing, lo, hi, mean, sd };
  }
  if (kind === 'date') {
    const days = Float64Array.from(values, (v) => (isMissing(v, opt.na) ? NaN : parseDateDays(v)));
    let referenceDay = -Infinity;
    for (const d of days) if (d > referenceDay) referenceDay = d;
    const { mean, sd } = meanSd(days.map((d) => referenceDay - d));
    return { kind, column, hasMissing, referenceDay, mean, sd };
  }
  if (kind === 'text') {
    const texts = values.map((v) => (isMissing(v, opt.na) ? '' : String(v)));
    const vectorizer = fitTextVectorizer(texts, opt.textComponents, opt.seed);
    const vecs = texts.map((t) => textVector(vectorizer, t));
    const means = new Float64Array(vectorizer.k);
    const sds = new Float64Array(vectorizer.k);
    for (let j = 0; j < vectorizer.k; j++) {
      const s = meanSd(vecs.map((v) => v[j]));
      means[j] = s.mean;
      sds[j] = s.sd;
    }
    return { kind, column, hasMissing, vectorizer, means, sds };
  }
  const counts = new Map<string, number>();
  for (const v of values) if (!isMissing(v, opt.na)) counts.set(String(v).trim(), (counts.get(String(v).trim()) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const levels = ranked.filter(([, c]) => c >= opt.minCategoryCount).slice(0, opt.maxCategories).map(([l]) => l);
  return { kind: 'categorical', column, hasMissing, levels, hasOther: levels.length < ranked.length };
}

/** Names of the linear-design columns this encoder writes. */
export function linearNames(enc: Encoder): string[] {
  const c = enc.column;
  const names: string[] = [];
  if (enc.kind === 'numeric' || enc.kind === 'boolean') names.push(c);
  else if (enc.kind === 'date') names.push(`${c} age (days)`, ...WEEKDAYS.map((d) => `${c} weekday = ${d}`));
  else if (enc.kind === 'text') for (let j = 0; j < enc.vectorizer.k; j++) names.push(`${c} text topic ${j + 1}`);
  else if (enc.kind === 'categorical') names.push(...enc.levels.map((l) => `${c} = ${l}`), ...(enc.hasOther ? [`${c} = ${OTHER}`] : []));
  if (enc.hasMissing) names.push(`${c} missing`);
  return names;
}

export interface TreeColumn {
  name: string;
  categorical: boolean;
  /** Category labels by code (categorical only). */
  levels?: string[];
}

export function treeColumns(enc: Encoder): TreeColumn[] {
  const c = enc.column;
  if (enc.kind === 'date') return [{ name: `${c} age (days)`, categorical: false }, { name: `${c} weekday`, categorical: true, levels: WEEKDAYS }];
  if (enc.kind === 'text') return Array.from({ length: enc.vectorizer.k }, (_, j) => ({ name: `${c} text topic ${j + 1}`, categorical: false }));
  if (enc.kind === 'categorical') return [{ name: c, categorical: true, levels: [...enc.levels, ...(enc.hasOther ? [OTHER] : [])] }];
  return [{ name: c, categorical: false }];
}

/** Category code of a value: its level, else "other" (unseen or rare), else −1 when there is no "other" slot. */
export function categoryCode(enc: CategoricalEncoder, v: string): number {
  const i = enc.levels.indexOf(v);
  if (i >= 0) return i;
  return enc.hasOther ? enc.levels.length : -1;
}

/** Writes this encoder's linear columns for one value at out[off…]. Unseen categories without an "other" level write all zeros. */
export function writeLinear(enc: Encoder, v: RawValue, na: Set<string>, out: Float64Array, off: number): void {
  const missing = isMissing(v, na);
  let width = 0;
  if (enc.kind === 'numeric' || enc.kind === 'boolean') {
    const x = numericValue(enc, v, na);
    out[off] = x === x ? (Math.min(enc.hi, Math.max(enc.lo, x)) - enc.mean) / enc.sd : 0;
    width = 1;
  } else if (enc.kind === 'date') {
    const d = numericValue(enc, v, na);
    out[off] = d === d ? (enc.referenceDay - d - enc.mean) / enc.sd : 0;
    for (let k = 0; k < 7; k++) out[off + 1 + k] = 0;
    if (d === d) out[off + 1 + new Date(d * 86_400_000).getUTCDay()] = 1;
    width = 8;
  } else if (enc.kind === 'text') {
    const vec = textVector(enc.vectorizer, missing ? '' : String(v));
    for (let j = 0; j < vec.length; j++) out[off + j] = (vec[j] - enc.means[j]) / enc.sds[j];
    width = vec.length;
  } else if (enc.kind === 'categorical') {
    width = enc.levels.length + (enc.hasOther ? 1 : 0);
    for (let k = 0; k < width; k++) out[off + k] = 0;
    if (!missing) {
      const code = categoryCode(enc, String(v).trim());
      if (code >= 0) out[off + code] = 1;
    }
  }
  if (enc.hasMissing) out[off + width] = missing ? 1 : 0;
}

/** Writes this encoder's tree columns (NaN = missing). */
export function writeTree(enc: Encoder, v: RawValue, na: Set<string>, out: Float64Array, off: number): void {
  const missing = isMissing(v, na);
  if (enc.kind === 'date') {
    const d = numericValue(enc, v, na);
    out[off] = d === d ? enc.referenceDay - d : NaN;
    out[off + 1] = d === d ? new Date(d * 86_400_000).getUTCDay() : NaN;
  } else if (enc.kind === 'text') {
    out.set(textVector(enc.vectorizer, missing ? '' : String(v)), off);
  } else if (enc.kind === 'categorical') {
    const code = missing ? -1 : categoryCode(enc, String(v).trim());
    out[off] = code >= 0 ? code : NaN;
  } else {
    out[off] = numericValue(enc, v, na);
  }
}

/** "Lead Source = Referral", "TotalVisits = 5", "TotalVisits missing", "Notes (text)": for reason codes. */
export function describeValue(enc: Encoder, v: RawValue, na: Set<string>): string {
  if (isMissing(v, na)) return `${enc.column} missing`;
  if (enc.kind === 'text') return `${enc.column} (text)`;
  if (enc.kind === 'categorical') {
    const s = String(v).trim();
    return enc.levels.includes(s) ? `${enc.column} = ${s}` : `${enc.column} = ${s} (${OTHER})`;
  }
  return `${enc.column} = ${String(v).trim()}`;
}
