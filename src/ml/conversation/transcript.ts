// Conversation input: speaker-labelled turns (calls, chats) or an email thread turned into turns,
// validated once so every analysis can trust roles, text and timestamps.
import { InputError, type InputIssue } from '../../core/errors.ts';

export type Role = 'rep' | 'customer';

export interface Turn {
  speaker: string;
  role: Role;
  text: string;
  /** Seconds from the start of the call, when the transcript has timing. */
  start?: number;
  end?: number;
}

export interface EmailMessage {
  from: string;
  role: Role;
  body: string;
}

/** Throws an InputError listing every bad turn (row = turn index, column = field). */
export function validateTurns(turns: readonly Turn[], file = 'transcript'): void {
  const issues: InputIssue[] = [];
  turns.forEach((t, row) => {
    if (t.role !== 'rep' && t.role !== 'customer') issues.push({ file, row, column: 'role', value: t.role, reason: 'must be "rep" or "customer"' });
    if (typeof t.text !== 'string') issues.push({ file, row, column: 'text', value: t.text, reason: 'must be text' });
    if (typeof t.speaker !== 'string' || t.speaker.trim() === '') issues.push({ file, row, column: 'speaker', value: t.speaker, reason: 'is required' });
    for (const key of ['start', 'end'] as const) {
      const v = t[key];
      if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v >= 0)) {
        issues.push({ file, row, column: key, value: v, reason: 'must be a non-negative number of seconds' });
      }
    }
    if (t.start !== undefined && t.end !== undefined && t.end < t.start) {
      issues.push({ file, row, column: 'end', value: t.end, reason: `ends before it starts (${t.start})` });
    }
  });
  if (issues.length > 0) throw new InputError(`The ${file} has ${issues.length} problem(s)`, issues);
}

/** True when every turn has a start and an end, so durations (not word counts) can be used. */
export function hasTimestamps(turns: readonly Turn[]): boolean {
  return turns.length > 0 && turns.every((t) => t.start !== undefined && t.end !== undefined);
}

const QUOTE_HEADER = /^(?:On .{3,200} wrote:|-{2,}\s*Original Message\s*-{2,}|From: .+|在.{2,100}写道[:：]|-{2,}\s*原始邮件\s*-{2,})\s*$/im;

/** The new text of an email: quoted lines ("> …") and everything after a reply header dropped. */
export function stripQuotedReply(body: string): string {
  const header = QUOTE_HEADER.exec(body);
  const fresh = header ? body.slice(0, header.index) : body;
  return fresh
    .split(/\r?\n/)
    .filter((line) => !/^\s*>/.test(line))
    .join('\n')
    .trim();
}

/** An email thread as turns (no timing, so talk ratios fall back to words). */
export function emailThreadToTurns(messages: readonly EmailMessage[]): Turn[] {
  return messages.map((m) => ({ speaker: m.from, role: m.role, text: stripQuotedReply(m.body) }));
}

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
/** ICU ends a sentence after these; they almost always continue it in sales text. */
const ABBREVIATION = /(?:^|\s)(?:mr|mrs|ms|dr|prof|sr|jr|st|vs|etc|e\.g|i\.e|approx|inc|ltd|co)\.$/i;

/** Sentences of a turn (English and Chinese punctuation), trimmed, empty ones dropped. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\n+/)) {
    let carry = '';
    for (const s of sentenceSegmenter.segment(line)) {
      const piece = (carry + s.segment).trim();
      if (ABBREVIATION.test(piece)) {
        carry = piece + ' ';
        continue;
      }
      carry = '';
      if (/[\p{L}\p{N}]/u.test(piece)) out.push(piece);
    }
    if (/[\p{L}\p{N}]/u.test(carry)) out.push(carry.trim());
  }
  return out;
}

export interface SentenceRef {
  turn: number;
  role: Role;
  sentence: string;
  start: number;
  end: number;
}

/** Every sentence with its character offsets in its turn (the same split the trackers use). */
export function sentencesOf(turns: readonly Turn[]): SentenceRef[] {
  const out: SentenceRef[] = [];
  turns.forEach((t, turn) => {
    let cursor = 0;
    for (const sentence of splitSentences(t.text)) {
      const at = t.text.indexOf(sentence, cursor);
      const start = at >= 0 ? at : cursor;
      const end = at >= 0 ? at + sentence.length : Math.min(t.text.length, cursor + sentence.length);
      cursor = end;
      out.push({ turn, role: t.role, sentence, start, end });
    }
  });
  return out;
}
