// Rejected rows of an import with --on-error skip: the original columns plus row number and reasons.
import { createWriteStream } from 'node:fs';
import { stringify } from 'csv-stringify';
import type { InputIssue } from '../../core/errors.ts';

/** Writes rejected rows with their row number and reasons, for --on-error skip. */
export class RejectsWriter {
  private readonly stream = stringify({ header: false });
  private headerWritten = false;
  private readonly done: Promise<void>;
  private columns: string[];

  constructor(path: string, headers: string[] | null) {
    this.columns = headers ?? [];
    const out = createWriteStream(path);
    this.stream.pipe(out);
    this.done = new Promise((resolve, reject) => {
      out.on('finish', resolve);
      out.on('error', reject);
    });
  }

  write(row: number, values: Record<string, unknown> | undefined, issues: InputIssue[]): void {
    if (!this.headerWritten) {
      if (this.columns.length === 0 && values) this.columns = Object.keys(values);
      this.stream.write(['row', 'errors', ...this.columns]);
      this.headerWritten = true;
    }
    const reasons = issues.map((i) => `${i.column ? `${i.column}: ` : ''}${i.value !== undefined ? `${JSON.stringify(i.value)} ` : ''}${i.reason}`).join('; ');
    this.stream.write([row, reasons, ...this.columns.map((c) => formatCell(values?.[c]))]);
  }

  async close(): Promise<void> {
    this.stream.end();
    await this.done;
  }
}

function formatCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
