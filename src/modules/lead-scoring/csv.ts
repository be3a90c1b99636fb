// Reading and validating the lead CSV files given to `salesbloom eval leads`: every problem becomes
// an InputError naming the file, row, column and value, before any model sees the data.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InputError, type InputIssue } from '../../core/errors.ts';
import { inferColumn, isMissing, naSet, parseBoolean, parseDateDays, parseNumber, type RawRecord } from '../../ml/features/infer.ts';
import type { FeaturePipeline } from '../../ml/features/pipeline.ts';

export interface CsvTable {
  file: string;
  columns: string[];
  records: Record<string, string>[];
}

/** Spreadsheet row number of data record i (the header is row 1). */
export const rowNumber = (i: number) => i + 2;

export function readCsvTable(path: string, delimiter = ','): CsvTable {
  const file = basename(path);
  if (!existsSync(path)) throw new InputError(`${path}: file not found`, [{ file, reason: 'file not found' }]);
  let records: Record<string, string>[];
  try {
    records = parse(readFileSync(path), { columns: true, delimiter, bom: true, skip_empty_lines: true, trim: false });
  } catch (error) {
    const e = error as { message: string; lines?: number };
    throw new InputError(`${file}: not a valid CSV file`, [{ file, row: e.lines, reason: e.message }]);
  }
  if (records.length === 0) throw new InputError(`${file}: no data rows`, [{ file, reason: 'the file has a header but no data rows' }]);
  const columns = Object.keys(records[0]);
  if (columns.length < 2) {
    throw new InputError(`${file}: found only one column`, [{ file, column: columns[0], reason: `only one column; is the delimiter "${delimiter}" right? (use --delimiter)` }]);
  }
  return { file, columns, records };
}

export interface TargetSpec {
  column: string;
  /** The value that counts as a conversion; inferred for 0/1, yes/no, true/false. */
  positive?: string;
}

const OBVIOUS_POSITIVES = ['1', 'yes', 'true', 'y', 't', 'won', 'converted'];

function suggestColumn(columns: string[], name: string): string {
  const hit = columns.find((c) => c.toLowerCase() === name.toLowerCase() || c.toLowerCase().replace(/\s+/g, '') === name.toLowerCase().replace(/\s+/g, ''));
  return hit ? ` Did you mean "${hit}"?` : '';
}

export function requireColumn(table: CsvTable, column: string, what: string): void {
  if (!table.columns.includes(column)) {
    throw new InputError(`${table.file}: no ${what} column "${column}".${suggestColumn(table.columns, column)}`, [
      { file: table.file, column, reason: `not found; columns are: ${table.columns.join(', ')}` },
    ]);
  }
}

/** Decides which target value is the positive class, from the training file. */
export function resolvePositive(table: CsvTable, spec: TargetSpec, na: Set<string>): string {
  requireColumn(table, spec.column, 'target');
  const counts = new Map<string, number>();
  const missingRows: InputIssue[] = [];
  table.records.forEach((r, i) => {
    const v = r[spec.column];
    if (isMissing(v, na)) missingRows.push({ file: table.file, row: rowNumber(i), column: spec.column, value: v, reason: 'the outcome is missing' });
    else counts.set(v.trim(), (counts.get(v.trim()) ?? 0) + 1);
  });
  if (missingRows.length > 0) throw new InputError(`${table.file}: ${missingRows.length} row(s) have no outcome in "${spec.column}"; remove them or fill them in`, missingRows);
  const values = [...counts.keys()];
  const listed = values.slice(0, 10).map((v) => `"${v}" (${counts.get(v)})`).join(', ');
  if (spec.positive !== undefined) {
    if (!counts.has(spec.positive.trim())) {
      throw new InputError(`${table.file}: --positive "${spec.positive}" never occurs in "${spec.column}"`, [{ file: table.file, column: spec.column, value: spec.positive, reason: `values are ${listed}` }]);
    }
    if (values.length < 2) throw oneClass(table.file, spec.column, values[0]);
    return spec.positive.trim();
  }
  if (values.length < 2) throw oneClass(table.file, spec.column, values[0]);
  if (values.length > 2) {
    throw new InputError(`${table.file}: target "${spec.column}" has ${values.length} different values, not two; pass --positive VALUE to say which one counts as a conversion`, [
      { file: table.file, column: spec.column, reason: `values are ${listed}${values.length > 10 ? ', …' : ''}` },
    ]);
  }
  const positive = values.find((v) => OBVIOUS_POSITIVES.includes(v.toLowerCase()));
  if (!positive) {
    throw new InputError(`${table.file}: cannot tell which value of "${spec.column}" is the conversion; pass --positive VALUE`, [{ file: table.file, column: spec.column, reason: `values are ${listed}` }]);
  }
  return positive;
}

function oneClass(file: string, column: string, value: string): InputError {
  return new InputError(`${file}: every row has the same outcome "${value}" in "${column}"; a model needs both conversions and non-conversions`, [
    { file, column, value, reason: 'only one class' },
  ]);
}

/** 0/1 labels; in a test file every value must be the positive or one of the training values. */
export function extractLabels(table: CsvTable, column: string, positive: string, knownValues: Set<string> | null, na: Set<string>): Float64Array {
  requireColumn(table, column, 'target');
  const issues: InputIssue[] = [];
  const labels = new Float64Array(table.records.length);
  table.records.forEach((r, i) => {
    const v = r[column];
    if (isMissing(v, na)) issues.push({ file: table.file, row: rowNumber(i), column, value: v, reason: 'the outcome is missing' });
    else if (knownValues && !knownValues.has(v.trim())) issues.push({ file: table.file, row: rowNumber(i), column, value: v, reason: `not one of the training outcomes (${[...knownValues].join(', ')})` });
    else labels[i] = v.trim() === positive ? 1 : 0;
  });
  if (issues.length > 0) throw new InputError(`${table.file}: ${issues.length} row(s) have an unusable outcome in "${column}"`, issues);
  return labels;
}

/** Cells that contradict their column's inferred type in the training file (e.g. "abc" among numbers). */
export function checkTrainingCells(table: CsvTable, features: readonly string[], na: Set<string>): void {
  const issues: InputIssue[] = [];
  for (const column of features) {
    const inf = inferColumn(column, table.records.map((r) => r[column]), na);
    for (const bad of inf.badRows) {
      issues.push({ file: table.file, row: rowNumber(bad.row), column, value: bad.value, reason: 'not a number in a numeric column; fix it or list it in --na-values' });
    }
  }
  if (issues.length > 0) throw new InputError(`${table.file}: ${issues.length} value(s) do not fit their column`, issues);
}

/** Test-file columns and cells must match what the pipeline learned from the training file. */
export function checkScoringTable(table: CsvTable, pipeline: FeaturePipeline, trainColumns: readonly string[]): string[] {
  const used = pipeline.encoders.map((e) => e.column);
  const missing = used.filter((c) => !table.columns.includes(c));
  if (missing.length > 0) {
    throw new InputError(`${table.file}: ${missing.length} column(s) used by the model are missing`, missing.map((column) => ({ file: table.file, column, reason: 'present in the training file but not in this file' })));
  }
  const na = naSet(pipeline.naValues);
  const issues: InputIssue[] = [];
  for (const enc of pipeline.encoders) {
    if (enc.kind === 'categorical' || enc.kind === 'text') continue;
    const parse = enc.kind === 'numeric' ? parseNumber : enc.kind === 'boolean' ? parseBoolean : parseDateDays;
    table.records.forEach((r: RawRecord, i) => {
      const v = r[enc.column];
      if (!isMissing(v, na) && Number.isNaN(parse(v))) {
        issues.push({ file: table.file, row: rowNumber(i), column: enc.column, value: v, reason: `not a ${enc.kind === 'numeric' ? 'number' : enc.kind === 'boolean' ? 'yes/no value' : 'ISO date'}, as this column is in the training file` });
      }
    });
  }
  if (issues.length > 0) throw new InputError(`${table.file}: ${issues.length} value(s) do not fit their column`, issues);
  const extra = table.columns.filter((c) => !trainColumns.includes(c));
  return extra.length > 0 ? [`${table.file}: ignoring column(s) not in the training file: ${extra.join(', ')}`] : [];
}
