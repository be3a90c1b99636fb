// Small CSV files read whole (evaluation inputs): one place for the read, parse and error wording.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InputError } from './errors.ts';

export interface CsvFile {
  /** The file's name, for messages. */
  file: string;
  /** Lower-cased header cells. */
  header: string[];
  /** Data rows, without the header; row i is spreadsheet row i + 2. */
  records: string[][];
}

export function readCsvFile(path: string): CsvFile {
  const file = basename(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${path}`, [{ file, reason: (error as Error).message }]);
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (error) {
    throw new InputError(`${file} is not valid CSV`, [{ file, reason: (error as Error).message }]);
  }
  return { file, header: (records[0] ?? []).map((c) => c.toLowerCase()), records: records.slice(1) };
}
