// Streaming readers for import files: CSV (any delimiter, quoted fields, with or without BOM)
// and JSON Lines. Bytes are decoded strictly, so invalid UTF-8 is reported, never replaced.
// csv-parse does the CSV grammar; this module adds sniffing, strict decoding and row numbers.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
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

export interface SourceFile {
  format: 'csv' | 'jsonl';
  headers: string[];
  rows: AsyncIterable<SourceRow | { row: number; error: InputIssue }>;
  /** Bytes read so far, for progress. */
  bytesRead(): number;
  size: number;
}

export interface SourceOptions {
  format?: 'csv' | 'jsonl';
  delimiter?: string;
}

/** Decodes UTF-8 strictly; the error names the line where the bad bytes are. */
class StrictUtf8 extends Transform {
  private decoder = new TextDecoder('utf-8', { fatal: true });
  private line = 1;
  bytes = 0;
  constructor(private readonly file: string) {
    super({ readableObjectMode: false });
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (error?: Error | null, data?: string) => void) {
    this.bytes += chunk.length;
    try {
      const text = this.decoder.decode(chunk, { stream: true });
      done(null, this.count(text));
    } catch {
      const line = this.firstBadLine(chunk);
      done(new InputError(`${this.file} is not valid UTF-8`, [{ file: this.file, row: line, reason: 'has bytes that are not UTF-8 (save the file as UTF-8)' }]));
    }
  }
  override _flush(done: (error?: Error | null, data?: string) => void) {
    try {
      done(null, this.decoder.decode());
    } catch {
      done(new InputError(`${this.file} is not valid UTF-8`, [{ file: this.file, reason: 'the file ends inside a multi-byte character' }]));
    }
  }
  private count(text: string): string {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.line++;
    return text;
  }
  private firstBadLine(chunk: Buffer): number {
    let line = this.line;
    const probe = new TextDecoder('utf-8', { fatal: true });
    let start = 0;
    for (let i = 0; i <= chunk.length; i++) {
      if (i === chunk.length || chunk[i] === 0x0a) {
        try {
          probe.decode(chunk.subarray(start, i));
        } catch {
          return line;
        }
        line++;
        start = i + 1;
      }
    }
    return line;
  }
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

  const next = recordReader(parser);
  let first: string[] | null;
  try {
    first = await next();
  } catch (error) {
    throw asInputError(error, label);
  }
  if (!first) throw new InputError(`${label} is empty: a CSV file needs a header row`);
  const headers = first.map((h) => h.trim());
  const seen = new Set<string>();
  for (const h of headers) {
    if (seen.has(h)) throw new InputError(`${label} has two columns named "${h}"`, [{ file: label, row: 1, column: h, reason: 'duplicate column name' }]);
    seen.add(h);
  }

  async function* rows(): AsyncGenerator<SourceRow | { row: number; error: InputIssue }> {
    let row = 1;
    try {
      for (let record = await next(); record; record = await next()) {
        row++;
        if (record.length !== headers.length) {
          yield { row, error: { file: label, row, reason: `has ${record.length} fields but the header has ${headers.length}` } };
          continue;
        }
        const values: Record<string, unknown> = {};
        for (let i = 0; i < headers.length; i++) values[headers[i]] = record[i];
        yield { row, values };
      }
    } catch (error) {
      throw asInputError(error, label, row + 1);
    }
  }
  return { format: 'csv', headers, rows: rows(), bytesRead: () => decoder.bytes, size };
}

/**
 * Records from a parser stream, drained synchronously while it has them buffered: a promise per
 * buffer refill instead of one per record (the async iterator's cost dominated large imports).
 */
function recordReader(parser: Readable): () => string[] | null | Promise<string[] | null> {
  let ended = false;
  let failure: unknown = null;
  parser.once('end', () => (ended = true));
  parser.once('error', (error) => (failure = error));
  const next = (): string[] | null | Promise<string[] | null> => {
    if (failure) throw failure;
    const record = parser.read() as string[] | null;
    if (record !== null) return record;
    if (ended || parser.readableEnded) return null;
    return new Promise<void>((resolve) => {
      const done = () => {
        parser.off('readable', done).off('end', done).off('error', done);
        resolve();
      };
      parser.on('readable', done).on('end', done).on('error', done);
    }).then(next);
  };
  return next;
}

function asInputError(error: unknown, label: string, row?: number): Error {
  if (error instanceof InputError) return error;
  const e = error as { code?: string; message: string; lines?: number };
  if (typeof e.code === 'string' && e.code.startsWith('CSV_')) {
    const reason = e.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted field is never closed (unbalanced quotes)' : e.message.replace(/^Invalid \w+:\s*/, '');
    return new InputError(`${label} is not valid CSV`, [{ file: label, row: e.lines ?? row, reason }]);
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
  async function* rows(): AsyncGenerator<SourceRow | { row: number; error: InputIssue }> {
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
        yield { row, error: { file: label, row, reason: `is not valid JSON (${(error as Error).message})` } };
        continue;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        yield { row, error: { file: label, row, reason: 'is not a JSON object' } };
        continue;
      }
      for (const k of Object.keys(value)) headers.add(k);
      yield { row, values: value as Record<string, unknown> };
    }
  }
  return { format: 'jsonl', get headers() { return [...headers]; }, rows: rows(), bytesRead: () => decoder.bytes, size };
}
