// Reads labelled intent CSV files (columns text,label) and reports every problem with its
// file, row, column and value before any model is trained.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InputError, type InputIssue } from '../../core/errors.ts';

export interface LabelledTexts {
  file: string;
  texts: string[];
  labels: string[];
  /** The column the labels came from (`label`, or `category` when falling back). */
  labelColumn: string;
}

export interface ColumnChoice {
  textColumn?: string;
  /** When not given: `label`, falling back to `category` (the banking77 files). */
  labelColumn?: string;
}

/** Row numbers in issues are file lines: the header is row 1, the first data row is row 2. */
export function loadLabelledCsv(file: string, columns: ColumnChoice = {}): LabelledTexts {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${file}`, [{ file, reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(error) }]);
  }
  let records: string[][];
  try {
    records = parse(content, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (error) {
    const e = error as { lines?: number; message: string };
    throw new InputError(`${file} is not valid CSV`, [{ file, row: e.lines, reason: e.message }]);
  }
  if (records.length === 0) throw new InputError(`${file} is empty`, [{ file, reason: 'no header row and no data rows' }]);
  const header = records[0].map((h) => h.trim());
  const textColumn = columns.textColumn ?? 'text';
  const labelColumn = columns.labelColumn ?? (header.includes('label') || !header.includes('category') ? 'label' : 'category');
  const issues: InputIssue[] = [];
  const textAt = header.indexOf(textColumn);
  const labelAt = header.indexOf(labelColumn);
  const found = `found columns: ${header.join(', ') || '(none)'}`;
  if (textAt < 0) issues.push({ file, row: 1, column: textColumn, reason: `missing text column "${textColumn}" (${found})` });
  if (labelAt < 0) {
    const hint = columns.labelColumn === undefined ? ' or "category"' : '';
    issues.push({ file, row: 1, column: labelColumn, reason: `missing label column "${labelColumn}"${hint} (${found})` });
  }
  if (issues.length > 0) throw new InputError(`${file} lacks required columns`, issues);
  if (records.length === 1) throw new InputError(`${file} has a header but no data rows`, [{ file, reason: 'no data rows' }]);

  const texts: string[] = [];
  const labels: string[] = [];
  for (let r = 1; r < records.length; r++) {
    const rec = records[r];
    const text = (rec[textAt] ?? '').trim();
    const label = (rec[labelAt] ?? '').trim();
    if (text === '') issues.push({ file, row: r + 1, column: textColumn, value: rec[textAt] ?? '', reason: 'text is empty' });
    if (label === '') issues.push({ file, row: r + 1, column: labelColumn, value: rec[labelAt] ?? '', reason: 'label is empty' });
    texts.push(text);
    labels.push(label);
  }
  if (issues.length > 0) throw new InputError(`${file} has ${issues.length} invalid value${issues.length === 1 ? '' : 's'}`, issues);
  return { file, texts, labels, labelColumn };
}
