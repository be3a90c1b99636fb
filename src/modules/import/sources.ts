// Streaming readers for import files: CSV (any delimiter, quoted fields, with or without BOM)
// and JSON Lines. Bytes are decoded strictly, so invalid UTF-8 is reported, never replaced.
// csv-parse does the CSV grammar; this module adds sniffing, strict decoding and row numbers.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { Transform, type Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { InputError, type InputIssue } from '../../core/errors.ts';

export interface SourceRow {
  /** Row number as a spreadsheet shows it: the header is row 1 (for JSON Lines: the line number). */
  row: number;
  values: Record<string, unknown>;
}

export type SourceItem = SourceRow | { row: number; error: InputIssue };

export interface SourceFile {
  format: 'csv' | 'jsonl';
  headers: string[];
  /** Rows in chunks of whatever the parser has buffered: no promise per row. */
  chunks: AsyncIterable<SourceItem[]>;
  /** Bytes read so far, for progress. */
  bytesRead(): number;
  size: number;
}

export interface SourceOptions {
  format?: 'csv' | 'jsonl';
  delimiter?: string;
}

/**
 * Checks that the bytes are UTF-8 and passes them on unchanged (the CSV parser decodes each field
 * itself; decoding here too would turn every byte into a string and back). A chunk that ends
 * inside a character keeps that character's first bytes for the next chunk. The error names the
 * line where the bad bytes are.
 */
class StrictUtf8 extends Transform {
  private line = 1;
  private tail: Buffer | null = null;
  bytes = 0;
  constructor(private readonly file: string) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (error?: Error | null, data?: Buffer) => void) {
    this.bytes += chunk.length;
    const buf = this.tail ? Buffer.concat([this.tail, chunk]) : chunk;
    const end = completeCharacters(buf);
    this.tail = end < buf.length ? Buffer.from(buf.subarray(end)) : null;
    const body = buf.subarray(0, end);
    if (!isUtf8(body)) {
      done(new InputError(`${this.file} is not valid UTF-8`, [{ file: this.file, row: this.firstBadLine(body), reason: 'has bytes that are not UTF-8 (save the file as UTF-8)', code: 'not_utf8' }]));
      return;
    }
    for (let i = body.indexOf(0x0a); i !== -1; i = body.indexOf(0x0a, i + 1)) this.line++;
    done(null, body);
  }
  override _flush(done: (error?: Error | null) => void) {
    if (this.tail) done(new InputError(`${this.file} is not valid UTF-8`, [{ file: this.file, reason: 'the file ends inside a multi-byte character', code: 'truncated_utf8' }]));
    else done();
  }
  private firstBadLine(chunk: Buffer): number {
    let line = this.line;
    let start = 0;
    for (let i = 0; i <= chunk.length; i++) {
      if (i === chunk.length || chunk[i] === 0x0a) {
        if (!isUtf8(chunk.subarray(start, i))) return line;
        line++;
        start = i + 1;
      }
    }
    return line;
  }
}

/** The length of buf's prefix that ends on a character boundary (at most 3 bytes are held back). */
function completeCharacters(buf: Buffer): number {
  let i = buf.length - 1;
  for (let k = 0; i >= 0 && k < 3 && (buf[i] & 0xc0) === 0x80; k++) i--;
  if (i < 0) return buf.length;
  const lead = buf[i];
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return buf.length - i < need ? i : buf.length;
}

function openBytes(path: string): Readable {
  const raw = createReadStream(path);
  return path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
}

/** Picks the delimiter that splits the header line into the most fields. */
export function sniffDelimiter(headerLine: string): string {
  const candidates = [',', ';', '\t', '|'];
  let best = ',';
  let bestCount = 0;
  for (const d of candidates) {
    let count = 0;
    let quoted = false;
    for (const ch of headerLine) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

async function readFirstLine(path: string): Promise<string> {
  if (path.endsWith('.gz')) {
    for await (const line of createInterface({ input: openBytes(path) })) return line;
    return '';
  }
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const text = buf.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
    return text.split(/\r?\n/)[0] ?? '';
  } finally {
    await handle.close();
  }
}

export function detectFormat(path: string, explicit?: string): 'csv' | 'jsonl' {
  if (explicit === 'csv' || explicit === 'jsonl') return explicit;
  return /\.(jsonl|ndjson)(\.gz)?$/i.test(path) ? 'jsonl' : 'csv';
}

export async function openSource(path: string, label: string, options: SourceOptions = {}): Promise<SourceFile> {
  let size = 0;
  try {
    const handle = await open(path, 'r');
    size = (await handle.stat()).size;
    await handle.close();
  } catch (error) {
    throw new InputError(`cannot read ${label}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  const format = detectFormat(path, options.format);
  return format === 'jsonl' ? openJsonl(path, label, size) : openCsv(path, label, size, options.delimiter);
}

async function openCsv(path: string, label: string, size: number, delimiter?: string): Promise<SourceFile> {
  const firstLine = await readFirstLine(path);
  if (!firstLine.trim()) throw new InputError(`${label} is empty: a CSV file needs a header row`);
  const delim = delimiter ?? sniffDelimiter(firstLine);
  const decoder = new StrictUtf8(label);
  const bytes = openBytes(path);
  const parser = parse({
    bom: true,
    delimiter: delim,
    relax_column_count: true, // column-count errors are reported per row below, not thrown
    skip_empty_lines: true,
  });
  bytes.on('error', (e) => parser.destroy(e));
  decoder.on('error', (e) => parser.destroy(e));
  bytes.pipe(decoder).pipe(parser);

  const reader = recordReader(parser);
  let first: string[] | null | undefined;
  try {
    while ((first = reader.take()) === undefined) await reader.wait();
  } catch (error) {
    throw asInputError(error, label);
  }
  if (!first) throw new InputError(`${label} is empty: a CSV file needs a header row`);
  const headers = first.map((h) => h.trim());
  const seen = new Set<string>();
  for (const h of headers) {
    if (seen.has(h)) throw new InputError(`${label} has two columns named "${h}"`, [{ file: label, row: 1, column: h, reason: 'duplicate column name', code: 'duplicate_column' }]);
    seen.add(h);
  }

  async function* chunks(): AsyncGenerator<SourceItem[]> {
    let row = 1;
    try {
      for (;;) {
        const chunk: SourceItem[] = [];
        let record: string[] | null | undefined;
        // The size check comes before take(): a record taken is a record kept.
        while (chunk.length < MAX_CHUNK && (record = reader.take()) !== undefined && record !== null) {
          row++;
          if (record.length !== headers.length) {
            chunk.push({ row, error: { file: label, row, reason: `has ${record.length} fields but the header has ${headers.length}`, code: 'field_count', params: { fields: record.length, expected: headers.length } } });
            continue;
          }
          const values: Record<string, unknown> = {};
          for (let i = 0; i < headers.length; i++) values[headers[i]] = record[i];
          chunk.push({ row, values });
        }
        if (chunk.length) yield chunk;
        if (record === null) return;
        if (record === undefined) await reader.wait();
      }
    } catch (error) {
      throw asInputError(error, label, row + 1);
    }
  }
  return { format: 'csv', headers, chunks: chunks(), bytesRead: () => decoder.bytes, size };
}

const MAX_CHUNK = 4096;

/**
 * Records from a parser stream, taken synchronously while it has them buffered: a promise per
 * buffer refill instead of one per record (per-record promises dominated large imports).
 * take() gives a record, null at the end, or undefined when the caller must wait().
 */
function recordReader(parser: Readable): { take(): string[] | null | undefined; wait(): Promise<void> } {
  let ended = false;
  let failure: unknown = null;
  parser.once('end', () => (ended = true));
  parser.once('error', (error) => (failure = error));
  return {
    take() {
      if (failure) throw failure;
      const record = parser.read() as string[] | null;
      if (record !== null) return record;
      return ended || parser.readableEnded ? null : undefined;
    },
    wait() {
      if (failure || ended || parser.readableEnded) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = () => {
          parser.off('readable', done).off('end', done).off('error', done);
          resolve();
        };
        parser.on('readable', done).on('end', done).on('error', done);
      });
    },
  };
}

function asInputError(error: unknown, label: string, row?: number): Error {
  if (error instanceof InputError) return error;
  const e = error as { code?: string; message: string; lines?: number };
  if (typeof e.code === 'string' && e.code.startsWith('CSV_')) {
    const unbalanced = e.code === 'CSV_QUOTE_NOT_CLOSED';
    const reason = unbalanced ? 'a quoted field is never closed (unbalanced quotes)' : e.message.replace(/^Invalid \w+:\s*/, '');
    return new InputError(`${label} is not valid CSV`, [{ file: label, row: e.lines ?? row, reason, code: unbalanced ? 'unbalanced_quotes' : undefined }]);
  }
  return error as Error;
}

async function openJsonl(path: string, label: string, size: number): Promise<SourceFile> {
  const decoder = new StrictUtf8(label);
  const bytes = openBytes(path);
  bytes.on('error', (e) => decoder.destroy(e));
  const lines = createInterface({ input: bytes.pipe(decoder), crlfDelay: Infinity });
  // Take the iterator now: readline emits lines as soon as the file flows, and an iterator
  // created later (after the caller's first await) would miss them.
  const lineIterator = lines[Symbol.asyncIterator]();
  const headers = new Set<string>();
  async function* rows(): AsyncGenerator<SourceItem> {
    let row = 0;
    for (let next = await lineIterator.next(); !next.done; next = await lineIterator.next()) {
      const raw = next.value;
      row++;
      const line = row === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (!line.trim()) continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        yield { row, error: { file: label, row, reason: `is not valid JSON (${(error as Error).message})`, code: 'bad_jsonl', params: { detail: (error as Error).message } } };
        continue;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        yield { row, error: { file: label, row, reason: 'is not a JSON object', code: 'not_object' } };
        continue;
      }
      for (const k of Object.keys(value)) headers.add(k);
      yield { row, values: value as Record<string, unknown> };
    }
  }
  return { format: 'jsonl', get headers() { return [...headers]; }, chunks: singles(rows()), bytesRead: () => decoder.bytes, size };
}

/** JSON Lines come a line at a time from readline; each becomes a chunk of one. */
async function* singles(items: AsyncIterable<SourceItem>): AsyncGenerator<SourceItem[]> {
  for await (const item of items) yield [item];
}
