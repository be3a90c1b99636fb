// PDF articles: text per page through unpdf (a serverless build of Mozilla's PDF.js), turned into
// Markdown-like text so PDFs are chunked like the other formats. Lines set in a font larger than
// the body text become headings (the largest size "#", the next "##", …), because PDFs rarely
// carry a usable structure tree; page breaks end paragraphs. A corrupt, truncated or encrypted
// file is an InputError naming the file. The line grouping and heading detection are hand-written:
// PDF.js (through unpdf) returns positioned text runs, not lines, paragraphs or headings, and no
// well-kept JS library among the dependencies rebuilds document structure from them.
import { InputError } from '../../core/errors.ts';

export interface PdfText {
  /** The document's Title metadata, else the first top-level heading, else null. */
  title: string | null;
  /** Markdown: `#` headings where the PDF has them as larger-font lines, paragraphs between. */
  text: string;
  pages: number;
  /** Characters of text on each page (0 for a scanned page without a text layer). */
  page_chars: number[];
}

interface Line {
  text: string;
  size: number;
  y: number;
  page: number;
}

/** Largest accepted PDF (bytes); the API's body limit follows from it. */
export const MAX_PDF_BYTES = 10 * 1024 * 1024;

const isPdf = (bytes: Uint8Array) => bytes.length >= 5 && Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-');

function pdfProblem(file: string, reason: string, value?: unknown): InputError {
  return new InputError(`cannot read PDF ${file}: ${reason}`, [{ file, ...(value === undefined ? {} : { value }), reason }]);
}

/** Text lines of a page: items on one baseline joined, in reading order (top to bottom). */
function pageLines(items: { str: string; x: number; y: number; fontSize: number; hasEOL: boolean }[], page: number): Line[] {
  const lines: Line[] = [];
  let current: { parts: { x: number; s: string }[]; size: number; y: number } | null = null;
  const close = () => {
    if (!current) return;
    const text = current.parts.map((p) => p.s).join('').replace(/\s+/g, ' ').trim();
    if (text) lines.push({ text, size: current.size, y: current.y, page });
    current = null;
  };
  for (const item of items) {
    if (item.str) {
      if (current && Math.abs(current.y - item.y) > Math.max(1, item.fontSize * 0.3)) close();
      current ??= { parts: [], size: 0, y: item.y };
      current.parts.push({ x: item.x, s: item.str });
      current.size = Math.max(current.size, Math.round(item.fontSize * 10) / 10);
    }
    if (item.hasEOL) close();
  }
  close();
  return lines;
}

/** Extracts the text of a PDF as Markdown; throws InputError naming `file` when it cannot. */
export async function pdfToMarkdown(bytes: Uint8Array, file: string): Promise<PdfText> {
  if (bytes.length > MAX_PDF_BYTES) throw pdfProblem(file, `is larger than ${MAX_PDF_BYTES / 1024 / 1024} MB`, `${bytes.length} bytes`);
  if (!isPdf(bytes)) throw pdfProblem(file, 'is not a PDF (no %PDF- header)');
  // Loaded on first use: PDF.js is large, and most commands never read a PDF.
  const { getDocumentProxy, getMeta } = await import('unpdf');
  let pdf;
  try {
    // PDF.js may take ownership of the buffer it is given: hand it a copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (error) {
    const e = error as Error;
    if (e?.name === 'PasswordException') throw pdfProblem(file, 'is encrypted (password-protected): remove the password and import it again');
    throw pdfProblem(file, `is corrupt or truncated (${e?.message ?? String(error)})`);
  }
  try {
    const lines: Line[] = [];
    const pageChars: number[] = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      const items = content.items.flatMap((raw) => {
        if (!('str' in raw)) return [];
        const t = raw.transform as number[];
        return [{ str: raw.str, x: t[4], y: t[5], fontSize: Math.hypot(t[2], t[3]) || Math.abs(t[3]) || raw.height, hasEOL: raw.hasEOL }];
      });
      const ls = pageLines(items, p);
      pageChars.push(ls.reduce((n, l) => n + l.text.length, 0));
      lines.push(...ls);
      page.cleanup();
    }
    let metaTitle: string | null = null;
    try {
      const meta = await getMeta(pdf);
      const t = typeof meta.info?.Title === 'string' ? meta.info.Title.trim() : '';
      metaTitle = t && !/^untitled/i.test(t) ? t : null;
    } catch {
      // metadata is optional
    }
    const text = toMarkdown(lines);
    if (!text.trim()) {
      throw pdfProblem(file, 'has no text layer (a scanned or image-only PDF?): text recognition (OCR) is not supported', `${pdf.numPages} pages`);
    }
    const firstHeading = /^#\s+(.+)$/m.exec(text)?.[1]?.trim() ?? null;
    return { title: metaTitle ?? firstHeading, text, pages: pdf.numPages, page_chars: pageChars };
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw pdfProblem(file, `could not be read (${(error as Error)?.message ?? String(error)})`);
  } finally {
    await pdf.loadingTask.destroy().catch(() => {});
  }
}

/**
 * Headings: lines set at least 15 % larger than the body size (the size carrying most characters),
 * short, and not ending like a sentence. Levels follow the distinct heading sizes, largest first.
 */
export function toMarkdown(lines: readonly Line[]): string {
  if (lines.length === 0) return '';
  const weight = new Map<number, number>();
  for (const l of lines) weight.set(l.size, (weight.get(l.size) ?? 0) + l.text.length);
  const body = [...weight].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
  const isHeading = (l: Line) => l.size >= body * 1.15 && l.text.length <= 120 && !/[.,;:。，；：]$/.test(l.text);
  const sizes = [...new Set(lines.filter(isHeading).map((l) => l.size))].sort((a, b) => b - a).slice(0, 6);
  const out: string[] = [];
  let prev: Line | null = null;
  for (const l of lines) {
    if (isHeading(l)) {
      const level = sizes.indexOf(l.size) + 1;
      // A heading wrapped over two lines at the same size continues the previous heading line.
      const last = out.at(-1);
      if (prev && isHeading(prev) && prev.size === l.size && prev.page === l.page && last?.startsWith('#')) out[out.length - 1] = `${last} ${l.text}`;
      else out.push('', `${'#'.repeat(level)} ${l.text}`, '');
    } else {
      const gap = prev && prev.page === l.page ? prev.y - l.y : 0;
      // A new page or a vertical gap of more than ~1.8 lines starts a new paragraph.
      if (!prev || prev.page !== l.page || gap > l.size * 1.8 || isHeading(prev)) out.push('');
      // A body line that happens to start with "#" must not become a heading.
      out.push(/^#/.test(l.text) ? ` ${l.text}` : l.text);
    }
    prev = l;
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
