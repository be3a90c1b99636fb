// Splitting articles into passages for retrieval. A chunk is one window of paragraphs under one
// heading, labelled with its heading path ("Title > Section > Subsection"), so a passage keeps
// the context its heading gives it and never straddles two sections.
// The HTML-to-text step is hand-written: no HTML parser is among the dependencies, and knowledge
// articles need only headings, paragraphs, list items and entities.

export interface Chunk {
  /** Position in the article, from 0. */
  index: number;
  /** "Article title > Heading > Subheading". */
  heading: string;
  /** The passage itself (paragraphs joined by blank lines). */
  text: string;
}

export type ArticleFormat = 'markdown' | 'html' | 'text';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** HTML → Markdown-like text: h1–h6 become # headings, block elements paragraphs, tags are dropped. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi, (_m, level: string, inner: string) => `\n\n${'#'.repeat(Number(level))} ${inner.replace(/<[^>]*>/g, '').trim()}\n\n`)
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?(p|div|section|article|ul|ol|table|tr|blockquote|pre)\b[^>]*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x?[0-9a-f]+|\w+);/gi, (m, code: string) => {
      if (code[0] === '#') {
        const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
        return Number.isFinite(n) ? String.fromCodePoint(n) : m;
      }
      return ENTITIES[code.toLowerCase()] ?? m;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Markdown inline syntax removed for display and indexing (links keep their text). */
export function plainInline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/`([^`]+)`/g, '$1');
}

const wordCount = (s: string) => (s.match(/[\p{L}\p{N}]+/gu) ?? []).length + (s.match(/\p{Script=Han}/gu) ?? []).length;

/** Sentences of a paragraph (Latin and Chinese end punctuation). */
export function sentences(text: string): string[] {
  return (text.match(/[^.!?。！？]+(?:[.!?。！？]+["'”’)]*|$)/gu) ?? [])
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Chunks an article: sections by heading, then windows of whole paragraphs of at most
 * `maxWords` (a longer paragraph is split between sentences).
 */
export function chunkArticle(title: string, body: string, format: ArticleFormat, options: { maxWords?: number } = {}): Chunk[] {
  const maxWords = options.maxWords ?? 120;
  const text = format === 'html' ? htmlToText(body) : body;
  const chunks: Chunk[] = [];
  const path: string[] = [];
  let paragraphs: string[] = [];
  let current = '';

  const emit = (passage: string) => {
    if (passage.trim()) chunks.push({ index: chunks.length, heading: [title, ...path.filter(Boolean)].join(' > '), text: passage.trim() });
  };
  const flushSection = () => {
    let window: string[] = [];
    let words = 0;
    const closeWindow = () => {
      if (window.length) emit(window.join('\n\n'));
      window = [];
      words = 0;
    };
    for (const p of paragraphs) {
      const n = wordCount(p);
      if (n > maxWords) {
        closeWindow();
        let piece = '';
        for (const s of sentences(p)) {
          if (piece && wordCount(piece) + wordCount(s) > maxWords) {
            emit(piece);
            piece = '';
          }
          piece = piece ? `${piece} ${s}` : s;
        }
        emit(piece);
        continue;
      }
      if (words + n > maxWords) closeWindow();
      window.push(p);
      words += n;
    }
    closeWindow();
    paragraphs = [];
  };
  const endParagraph = () => {
    if (current.trim()) paragraphs.push(plainInline(current.trim()));
    current = '';
  };

  for (const line of text.split(/\r?\n/)) {
    const heading = format !== 'text' || /^#{1,6}\s/.test(line) ? /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line) : null;
    if (heading) {
      endParagraph();
      flushSection();
      const level = heading[1].length;
      path.length = level - 1;
      path[level - 1] = plainInline(heading[2]);
      // A first-level heading repeating the title adds nothing to the path.
      if (level === 1 && path[0].toLowerCase() === title.toLowerCase()) path[0] = '';
      continue;
    }
    if (!line.trim()) endParagraph();
    else current = current ? `${current}\n${line.trim()}` : line.trim();
  }
  endParagraph();
  flushSection();
  return chunks;
}
