// Reads the evaluation files of `salesbloom eval forecast`: long-format CSVs with one row per
// observation. Validation lives here, at the boundary; the algorithms trust what it returns.
import { basename } from 'node:path';
import { readCsvFile } from '../../core/csv-file.ts';
import { InputError, type InputIssue } from '../../core/errors.ts';

export interface EvalSeries {
  id: string;
  train: Float64Array;
  test: Float64Array;
}

const MAX_ISSUES = 100;

interface Observation {
  index: number;
  value: number;
  row: number;
}

/** Reads one long-format file into series → observations, collecting issues instead of throwing. */
function readLong(path: string, indexColumn: 't' | 'h', issues: InputIssue[]): Map<string, Observation[]> {
  const { file, header, records } = readCsvFile(path);
  const col = (name: string) => header.indexOf(name);
  const missing = ['series_id', indexColumn, 'value'].filter((c) => col(c) < 0);
  if (missing.length) {
    throw new InputError(
      `${file} lacks required column(s) ${missing.join(', ')}`,
      missing.map((column) => ({ file, row: 1, column, reason: `header must contain series_id, ${indexColumn}, value (period optional); found: ${header.join(', ') || 'nothing'}` })),
    );
  }
  const [cId, cIndex, cValue] = [col('series_id'), col(indexColumn), col('value')];
  const out = new Map<string, Observation[]>();
  const add = (issue: InputIssue) => issues.length < MAX_ISSUES && issues.push({ file, ...issue });
  for (let r = 0; r < records.length; r++) {
    const row = r + 2; // line number in the file, header being line 1
    const rec = records[r];
    const id = rec[cId] ?? '';
    const rawIndex = rec[cIndex] ?? '';
    const rawValue = rec[cValue] ?? '';
    if (!id) add({ row, column: 'series_id', value: id, reason: 'series_id is empty' });
    const index = Number(rawIndex);
    if (!/^\d+$/.test(rawIndex) || index < 1) add({ row, column: indexColumn, value: rawIndex, reason: `${indexColumn} must be a whole number ≥ 1` });
    const value = rawValue === '' ? NaN : Number(rawValue);
    if (!Number.isFinite(value)) add({ row, column: 'value', value: rawValue, reason: rawValue === '' ? 'value is missing' : 'value is not a finite number' });
    if (!id || !Number.isFinite(value) || !/^\d+$/.test(rawIndex) || index < 1) continue;
    let list = out.get(id);
    if (!list) out.set(id, (list = []));
    list.push({ index, value, row });
  }
  if (records.length === 0) add({ row: 2, reason: 'file has no data rows' });
  // Each series must be indexed 1..n without gaps or duplicates.
  for (const [id, list] of out) {
    list.sort((a, b) => a.index - b.index);
    for (let i = 0; i < list.length; i++) {
      if (list[i].index !== i + 1) {
        const dup = i > 0 && list[i].index === list[i - 1].index;
        add({
          row: list[i].row,
          column: indexColumn,
          value: String(list[i].index),
          reason: dup ? `series ${id} repeats ${indexColumn} ${list[i].index}` : `series ${id} skips ${indexColumn} ${i + 1} (${indexColumn} must run 1, 2, … without gaps)`,
        });
        break;
      }
    }
  }
  return out;
}

/**
 * Loads TRAIN (series_id,t[,period],value) and TEST (series_id,h[,period],value). Every test
 * series must have training data; training series without test rows are ignored (returned in
 * `skipped`). Throws InputError listing every problem found (up to 100).
 */
export function loadEvalFiles(trainPath: string, testPath: string): { series: EvalSeries[]; skipped: string[] } {
  const issues: InputIssue[] = [];
  const train = readLong(trainPath, 't', issues);
  const test = readLong(testPath, 'h', issues);
  for (const [id, list] of test) {
    if (!train.has(id)) issues.push({ file: basename(testPath), row: list[0].row, column: 'series_id', value: id, reason: `series ${id} has no rows in ${basename(trainPath)}` });
  }
  if (issues.length) throw new InputError(`invalid forecasting evaluation files (${issues.length}${issues.length >= MAX_ISSUES ? '+' : ''} problem(s))`, issues);
  const series: EvalSeries[] = [];
  const skipped: string[] = [];
  for (const [id, list] of train) {
    const future = test.get(id);
    if (!future) {
      skipped.push(id);
      continue;
    }
    series.push({ id, train: Float64Array.from(list, (o) => o.value), test: Float64Array.from(future, (o) => o.value) });
  }
  if (series.length === 0) throw new InputError('no series appear in both files', [{ file: basename(testPath), reason: 'no series_id in the test file matches the training file' }]);
  return { series, skipped };
}
