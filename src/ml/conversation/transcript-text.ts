// Plain-text transcripts ("Speaker: text" per line, optionally "[mm:ss]" or "[hh:mm:ss]" first)
// as turns. Which speaker is the rep: the names given, else whoever speaks first. Hand-written:
// a one-line format that no transcript library defines the same way.
import { InputError } from '../../core/errors.ts';
import { wordCount } from './talk.ts';
import type { Turn } from './transcript.ts';

const LINE = /^\s*(?:\[(\d{1,2}(?::\d{2}){1,2})\]\s*)?([^:：]{1,60})[:：]\s*(.*)$/;

const seconds = (stamp: string) => stamp.split(':').reduce((s, part) => s * 60 + Number(part), 0);

export function parseTranscriptText(text: string, options: { repSpeakers?: string[]; file?: string } = {}): Turn[] {
  const file = options.file ?? 'transcript';
  const turns: Turn[] = [];
  const reps = new Set((options.repSpeakers ?? []).map((s) => s.trim().toLowerCase()));
  let firstSpeaker: string | null = null;
  text.split(/\r?\n/).forEach((line, row) => {
    if (!line.trim()) return;
    const m = LINE.exec(line);
    if (!m) {
      // A line without a speaker continues the previous turn.
      if (turns.length === 0) throw new InputError(`${file} line ${row + 1} has no "Speaker:" label`, [{ file, row: row + 1, column: 'speaker', value: line.slice(0, 80), reason: 'expected "Speaker: text"' }]);
      turns[turns.length - 1].text += `\n${line.trim()}`;
      return;
    }
    const speaker = m[2].trim();
    firstSpeaker ??= speaker;
    const isRep = reps.size > 0 ? reps.has(speaker.toLowerCase()) : speaker === firstSpeaker;
    const turn: Turn = { speaker, role: isRep ? 'rep' : 'customer', text: m[3].trim() };
    if (m[1]) turn.start = seconds(m[1]);
    turns.push(turn);
  });
  if (turns.length === 0) throw new InputError(`${file} has no turns`, [{ file, reason: 'expected lines of "Speaker: text"' }]);
  if (reps.size > 0 && !turns.some((t) => t.role === 'rep')) {
    throw new InputError(`${file}: none of the rep speakers spoke`, [{ file, column: 'speaker', value: options.repSpeakers, reason: `speakers are ${[...new Set(turns.map((t) => t.speaker))].join(', ')}` }]);
  }
  // With start stamps, each turn ends where the next begins; the last one lasts as long as its
  // words take at a typical 150 words a minute.
  if (turns.every((t) => t.start !== undefined)) {
    for (let i = 0; i + 1 < turns.length; i++) turns[i].end = Math.max(turns[i].start!, turns[i + 1].start!);
    const last = turns[turns.length - 1];
    last.end = last.start! + Math.max(1, wordCount(last.text) / 2.5);
  }
  return turns;
}
