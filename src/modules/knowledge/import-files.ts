// Importing knowledge articles from files and folders: .md/.markdown, .html/.htm and .txt
// (UTF-8). PDF is not supported: no well-kept PDF text extractor is among the dependencies.
// Re-importing a file updates its article (matched by external id "file:<path>") as a new version.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative, resolve } from 'node:path';
import { InputError, type InputIssue } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../crm/access.ts';
import { createArticle, updateArticle } from './articles.ts';
import { htmlToText } from './chunking.ts';
import { markKnowledgeStale } from './service.ts';

const FORMATS: Record<string, 'markdown' | 'html' | 'text'> = { '.md': 'markdown', '.markdown': 'markdown', '.html': 'html', '.htm': 'html', '.txt': 'text' };

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
    else if (explicit) issues.push({ file: path, value: ext || '(none)', reason: ext === '.pdf' ? 'PDF is not supported: no PDF text extractor is available; convert it to text or Markdown' : 'unsupported file type: use .md, .markdown, .html, .htm or .txt' });
    else skipped.push(path);
  };
  for (const p of paths) visit(p, true);
  if (issues.length) throw new InputError('cannot import these paths', issues);
  return { files, skipped };
}

/** The article title: the first # heading, the HTML <title>/<h1>, else the file name. */
export function titleOf(text: string, format: 'markdown' | 'html' | 'text', file: string): string {
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

export interface KbImportResult {
  files: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: string[];
  articles: { file: string; id: string; title: string; version: number; action: 'created' | 'updated' | 'unchanged' }[];
}

export async function importKnowledgeFiles(db: Db, paths: readonly string[], options: { tags?: string[]; actor?: Actor | null } = {}): Promise<KbImportResult> {
  const { files, skipped } = collectFiles(paths);
  const result: KbImportResult = { files: files.length, created: 0, updated: 0, unchanged: 0, skipped, articles: [] };
  const issues: InputIssue[] = [];
  const decoded = files.map((file) => {
    const bytes = readFileSync(file);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
    if (text.includes('\uFFFD')) issues.push({ file, reason: 'is not valid UTF-8' });
    if (bytes.includes(0)) issues.push({ file, reason: 'looks binary (contains NUL bytes)' });
    return { file, text };
  });
  if (issues.length) throw new InputError('some files cannot be imported (nothing was written)', issues);
  for (const { file, text } of decoded) {
    const format = FORMATS[extname(file).toLowerCase()];
    const title = titleOf(text, format, file).slice(0, 500);
    const externalId = `file:${relative(process.cwd(), resolve(file)) || basename(file)}`;
    const existing = (await db.query<{ id: string; body: string; title: string; tags: string[] }>(`SELECT id, body, title, tags FROM knowledge_articles WHERE external_id = $1`, [externalId])).rows[0];
    const tags = [...new Set([...(existing?.tags ?? []), ...(options.tags ?? [])])];
    let row;
    let action: 'created' | 'updated' | 'unchanged';
    if (!existing) {
      row = await createArticle(db, options.actor ?? null, { title, body: text, format, tags, external_id: externalId, status: 'published' });
      action = 'created';
    } else if (existing.body === text && existing.title === title && tags.length === existing.tags.length) {
      row = (await db.query(`SELECT id, title, version FROM knowledge_articles WHERE id = $1`, [existing.id])).rows[0];
      action = 'unchanged';
    } else {
      row = await updateArticle(db, options.actor ?? null, existing.id, { title, body: text, format, tags });
      action = 'updated';
    }
    result[action]++;
    result.articles.push({ file, id: String(row.id), title: String(row.title), version: Number(row.version), action });
  }
  markKnowledgeStale(db);
  return result;
}
