// Importing knowledge articles from files and folders: .md/.markdown, .html/.htm, .txt (UTF-8)
// and .pdf (text extracted per page, headings kept where the PDF sets them as larger lines;
// see pdf.ts). A PDF is stored as a Markdown article with attributes {source: 'pdf', file, pages}.
// Re-importing a file updates its article (matched by external id "file:<path>") as a new version.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative, resolve } from 'node:path';
import { InputError, type InputIssue } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../crm/access.ts';
import { createArticle, updateArticle } from './articles.ts';
import { htmlToText } from './chunking.ts';
import { pdfToMarkdown } from './pdf.ts';
import { markKnowledgeStale } from './service.ts';

type StoredFormat = 'markdown' | 'html' | 'text';
const FORMATS: Record<string, StoredFormat | 'pdf'> = { '.md': 'markdown', '.markdown': 'markdown', '.html': 'html', '.htm': 'html', '.txt': 'text', '.pdf': 'pdf' };
export const IMPORT_EXTENSIONS = Object.keys(FORMATS);

/** Every importable file under the given paths (folders recursively, hidden entries skipped). */
export function collectFiles(paths: readonly string[]): { files: string[]; skipped: string[] } {
  const files: string[] = [];
  const skipped: string[] = [];
  const issues: InputIssue[] = [];
  const visit = (path: string, explicit: boolean) => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      issues.push({ file: path, reason: 'no such file or folder' });
      return;
    }
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path).sort()) if (!entry.startsWith('.')) visit(join(path, entry), false);
      return;
    }
    const ext = extname(path).toLowerCase();
    if (FORMATS[ext]) files.push(path);
    else if (explicit) issues.push({ file: path, value: ext || '(none)', reason: `unsupported file type: use ${IMPORT_EXTENSIONS.join(', ')}` });
    else skipped.push(path);
  };
  for (const p of paths) visit(p, true);
  if (issues.length) throw new InputError('cannot import these paths', issues);
  return { files, skipped };
}

/** The article title: the first # heading, the HTML <title>/<h1>, else the file name. */
export function titleOf(text: string, format: StoredFormat, file: string): string {
  if (format === 'html') {
    const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text) ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(text);
    if (m) {
      const t = htmlToText(m[1]).trim();
      if (t) return t;
    }
  } else {
    const m = /^#\s+(.+?)\s*#*\s*$/m.exec(text);
    if (m) return m[1].trim();
  }
  return basename(file, extname(file)).replace(/[-_]+/g, ' ').trim() || file;
}

/** One file's content ready to store as an article. */
export interface DecodedDocument {
  file: string;
  format: StoredFormat;
  title: string;
  text: string;
  attributes?: Record<string, unknown>;
}

/**
 * Decodes one file's bytes by its extension: UTF-8 text, or the text of a PDF. Problems are
 * pushed to `issues` (naming the file) and null returned, so a batch can report them all.
 */
export async function decodeDocument(file: string, bytes: Uint8Array, issues: InputIssue[]): Promise<DecodedDocument | null> {
  const kind = FORMATS[extname(file).toLowerCase()];
  if (!kind) {
    issues.push({ file, value: extname(file) || '(none)', reason: `unsupported file type: use ${IMPORT_EXTENSIONS.join(', ')}` });
    return null;
  }
  if (kind === 'pdf') {
    try {
      const pdf = await pdfToMarkdown(bytes, file);
      const title = (pdf.title ?? titleOf(pdf.text, 'markdown', file)).slice(0, 500);
      return { file, format: 'markdown', title, text: pdf.text, attributes: { source: 'pdf', file: basename(file), pages: pdf.pages } };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      issues.push(...error.issues);
      return null;
    }
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
  const before = issues.length;
  if (text.includes('\uFFFD')) issues.push({ file, reason: 'is not valid UTF-8' });
  if (bytes.includes(0)) issues.push({ file, reason: 'looks binary (contains NUL bytes)' });
  if (issues.length > before) return null;
  return { file, format: kind, title: titleOf(text, kind, file).slice(0, 500), text };
}

export type ImportAction = 'created' | 'updated' | 'unchanged';

/** Creates or updates (as a new version) the article with this external id. */
export async function storeDocument(db: Db, doc: DecodedDocument, externalId: string, options: { tags?: string[]; actor?: Actor | null; title?: string } = {}) {
  const existing = (await db.query<{ id: string; body: string; title: string; tags: string[] }>(`SELECT id, body, title, tags FROM knowledge_articles WHERE external_id = $1`, [externalId])).rows[0];
  const tags = [...new Set([...(existing?.tags ?? []), ...(options.tags ?? [])])];
  const title = options.title?.trim() || doc.title;
  let row;
  let action: ImportAction;
  if (!existing) {
    row = await createArticle(db, options.actor ?? null, { title, body: doc.text, format: doc.format, tags, external_id: externalId, status: 'published', ...(doc.attributes ? { attributes: doc.attributes } : {}) });
    action = 'created';
  } else if (existing.body === doc.text && existing.title === title && tags.length === existing.tags.length) {
    row = (await db.query(`SELECT id, title, version FROM knowledge_articles WHERE id = $1`, [existing.id])).rows[0];
    action = 'unchanged';
  } else {
    row = await updateArticle(db, options.actor ?? null, existing.id, { title, body: doc.text, format: doc.format, tags, ...(doc.attributes ? { attributes: doc.attributes } : {}) });
    action = 'updated';
  }
  return { id: String(row.id), title: String(row.title), version: Number(row.version), action };
}

export interface KbImportResult {
  files: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: string[];
  articles: { file: string; id: string; title: string; version: number; action: ImportAction }[];
}

export async function importKnowledgeFiles(db: Db, paths: readonly string[], options: { tags?: string[]; actor?: Actor | null } = {}): Promise<KbImportResult> {
  const { files, skipped } = collectFiles(paths);
  const result: KbImportResult = { files: files.length, created: 0, updated: 0, unchanged: 0, skipped, articles: [] };
  const issues: InputIssue[] = [];
  const decoded: DecodedDocument[] = [];
  for (const file of files) {
    const doc = await decodeDocument(file, readFileSync(file), issues);
    if (doc) decoded.push(doc);
  }
  if (issues.length) throw new InputError('some files cannot be imported (nothing was written)', issues);
  for (const doc of decoded) {
    const externalId = `file:${relative(process.cwd(), resolve(doc.file)) || basename(doc.file)}`;
    const stored = await storeDocument(db, doc, externalId, options);
    result[stored.action]++;
    result.articles.push({ file: doc.file, ...stored });
  }
  markKnowledgeStale(db);
  return result;
}
