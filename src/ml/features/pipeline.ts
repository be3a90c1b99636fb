// The tabular feature pipeline: infer column types, fit encoders on training records only, guard
// against leaked columns, and turn any records (training, test, live) into the linear and tree designs.
// Written by hand: JS has no maintained equivalent of scikit-learn's ColumnTransformer, and the
// encoders must keep human-readable names for reason codes.
import { isMissing, inferColumn, naSet, parseNumber, type RawRecord } from './infer.ts';
import { describeValue, fitEncoder, linearNames, treeColumns, writeLinear, writeTree, type Encoder, type TreeColumn, OTHER } from './encoders.ts';
import { singleColumnAuc } from './leakage.ts';
import type { DenseMatrix } from './matrix.ts';
import { Rng } from '../random.ts';

export interface PipelineOptions {
  /** Extra spellings of "not available", e.g. ["Select", "NA"] (case-insensitive; "" is always missing). */
  naValues?: string[];
  /** Levels seen fewer times than this are pooled into "other" (default: 1 % of rows, between 2 and 10). */
  minCategoryCount?: number;
  maxCategories?: number;
  textComponents?: number;
  /** Exclude any column whose cross-validated single-column AUC reaches this (default 0.97). */
  leakageAuc?: number;
  seed?: number;
}

export interface FeaturePipeline {
  naValues: string[];
  encoders: Encoder[];
  linearNames: string[];
  /** Encoder index of every linear-design column (to group contributions by input column). */
  linearSource: number[];
  treeColumns: TreeColumn[];
  treeSource: number[];
  excluded: { column: string; reason: string }[];
  warnings: string[];
}

export function fitFeaturePipeline(records: readonly RawRecord[], columns: readonly string[], labels: ArrayLike<number> | null, options: PipelineOptions = {}): FeaturePipeline {
  const naValues = options.naValues ?? [];
  const na = naSet(naValues);
  const n = records.length;
  const encOpt = {
    na,
    minCategoryCount: options.minCategoryCount ?? Math.max(2, Math.min(10, Math.ceil(0.01 * n))),
    maxCategories: options.maxCategories ?? 50,
    textComponents: options.textComponents ?? 8,
    seed: options.seed ?? 17,
  };
  const excluded: FeaturePipeline['excluded'] = [];
  const warnings: string[] = [];
  let encoders: Encoder[] = [];
  for (const column of columns) {
    const values = records.map((r) => r[column]);
    const inf = inferColumn(column, values, na);
    if (inf.kind === 'empty') excluded.push({ column, reason: 'every value is missing' });
    else if (inf.kind === 'constant') excluded.push({ column, reason: 'has a single value' });
    else if (inf.kind === 'identifier') excluded.push({ column, reason: 'looks like an identifier (almost every value is distinct)' });
    else {
      if (inf.badRows.length > 0) warnings.push(`${column}: ${inf.badRows.length} non-numeric value(s) treated as missing`);
      encoders.push(fitEncoder(column, inf.kind, values, encOpt));
    }
  }
  const guard = options.leakageAuc ?? 0.97;
  if (labels && encoders.length > 0) {
    let pos = 0;
    for (let i = 0; i < labels.length; i++) pos += labels[i];
    if (Math.min(pos, n - pos) >= 10) {
      const probe = assemble(encoders, naValues, excluded, warnings);
      // 10,000 rows are plenty to see a near-perfect single-column AUC.
      const sample = n > 10_000 ? new Rng(encOpt.seed).shuffle(Array.from({ length: n }, (_, i) => i)).slice(0, 10_000) : null;
      const X = transformTree(probe, sample ? sample.map((i) => records[i]) : records);
      const sampleLabels = sample ? Float64Array.from(sample, (i) => labels[i]) : labels;
      const leaky = new Set<number>();
      probe.treeColumns.forEach((tc, j) => {
        const auc = singleColumnAuc(X, j, tc.categorical, sampleLabels);
        if (auc >= guard) {
          leaky.add(probe.treeSource[j]);
          const reason = `alone predicts the outcome almost perfectly (cross-validated AUC ${auc.toFixed(3)}); probably recorded after the outcome`;
          excluded.push({ column: encoders[probe.treeSource[j]].column, reason });
          warnings.push(`excluded ${encoders[probe.treeSource[j]].column}: ${reason}`);
        }
      });
      encoders = encoders.filter((_, e) => !leaky.has(e));
    } else warnings.push('leakage guard skipped: fewer than 10 outcomes of one class');
  }
  return assemble(encoders, naValues, excluded, warnings);
}

function assemble(encoders: Encoder[], naValues: string[], excluded: FeaturePipeline['excluded'], warnings: string[]): FeaturePipeline {
  const p: FeaturePipeline = { naValues, encoders, linearNames: [], linearSource: [], treeColumns: [], treeSource: [], excluded, warnings };
  encoders.forEach((enc, e) => {
    for (const name of linearNames(enc)) (p.linearNames.push(name), p.linearSource.push(e));
    for (const tc of treeColumns(enc)) (p.treeColumns.push(tc), p.treeSource.push(e));
  });
  return p;
}

function encoderOffsets(p: FeaturePipeline, source: number[]): number[] {
  const offsets = new Array<number>(p.encoders.length).fill(-1);
  source.forEach((e, j) => {
    if (offsets[e] < 0) offsets[e] = j;
  });
  return offsets;
}

/** Linear design: standardised numbers, one-hot levels, missing indicators. */
export function transformLinear(p: FeaturePipeline, records: readonly RawRecord[]): DenseMatrix {
  const na = naSet(p.naValues);
  const cols = p.linearNames.length;
  const data = new Float64Array(records.length * cols);
  const offsets = encoderOffsets(p, p.linearSource);
  records.forEach((r, i) => p.encoders.forEach((enc, e) => writeLinear(enc, r[enc.column], na, data, i * cols + offsets[e])));
  return { data, rows: records.length, cols };
}

/** Tree design: raw numbers (NaN = missing) and category codes. */
export function transformTree(p: FeaturePipeline, records: readonly RawRecord[]): DenseMatrix {
  const na = naSet(p.naValues);
  const cols = p.treeColumns.length;
  const data = new Float64Array(records.length * cols);
  const offsets = encoderOffsets(p, p.treeSource);
  records.forEach((r, i) => p.encoders.forEach((enc, e) => writeTree(enc, r[enc.column], na, data, i * cols + offsets[e])));
  return { data, rows: records.length, cols };
}

/** Category values never seen (or too rare) in training, per column, counted: they score as "other". */
export function unseenCategories(p: FeaturePipeline, records: readonly RawRecord[]): { column: string; value: string; count: number }[] {
  const na = naSet(p.naValues);
  const out: { column: string; value: string; count: number }[] = [];
  for (const enc of p.encoders) {
    if (enc.kind !== 'categorical') continue;
    const counts = new Map<string, number>();
    for (const r of records) {
      const v = r[enc.column];
      if (isMissing(v, na)) continue;
      const s = String(v).trim();
      if (!enc.levels.includes(s)) counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    for (const [value, count] of counts) out.push({ column: enc.column, value, count });
  }
  return out;
}

/** Human-readable label of one input column's value in a record, e.g. "Lead Source = Referral". */
export function describeColumn(p: FeaturePipeline, encoderIndex: number, record: RawRecord): string {
  const enc = p.encoders[encoderIndex];
  return describeValue(enc, record[enc.column], naSet(p.naValues));
}

export { OTHER };

/**
 * Returns records whose numeric-looking columns hold numbers (null when missing) instead of strings.
 * Parsing a decimal string costs far more than reading a number, and training reads every cell
 * several times (inference, encoder fitting, the leakage probe, two designs), so parse once up front.
 */
export function coerceNumbers(records: readonly RawRecord[], columns: readonly string[], naValues: readonly string[] = []): RawRecord[] {
  const na = naSet(naValues);
  const numeric = columns.filter((c) => {
    let seen = false;
    for (const r of records) {
      const v = r[c];
      if (isMissing(v, na)) continue;
      if (Number.isNaN(parseNumber(v))) return false;
      seen = true;
    }
    return seen;
  });
  if (numeric.length === 0) return records as RawRecord[];
  return records.map((r) => {
    const out: RawRecord = { ...r };
    for (const c of numeric) {
      const v = r[c];
      out[c] = isMissing(v, na) ? null : parseNumber(v);
    }
    return out;
  });
}
