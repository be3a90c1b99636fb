// Talk-time measures: talk-to-listen ratio, the longest rep monologue and interruptions.
import { tokenize } from '../text/tokenize.ts';
import { hasTimestamps, type Role, type Turn } from './transcript.ts';

export type TalkBasis = 'seconds' | 'words';

export interface TalkRatio {
  basis: TalkBasis;
  rep: number;
  customer: number;
  /** rep / (rep + customer); 0 when nobody said anything. */
  repShare: number;
}

export interface Monologue {
  basis: TalkBasis;
  /** Seconds or words, per basis. */
  length: number;
  /** Turn indices (inclusive) of the uninterrupted rep stretch; -1 when the rep never spoke. */
  fromTurn: number;
  toTurn: number;
}

export interface Interruption {
  /** Index of the turn that started while another speaker was still talking. */
  turn: number;
  by: Role;
  of: Role;
  overlapSeconds: number;
}

/** Words for talk measures: ICU word segments, so Chinese counts words, not characters. */
export const wordCount = (text: string) => tokenize(text).length;

const durationOf = (t: Turn) => (t.end ?? 0) - (t.start ?? 0);

/** By time when every turn has timestamps, otherwise by words. */
/** `words` (per turn) may be passed when the caller has already counted them. */
export function talkRatio(turns: readonly Turn[], words?: readonly number[]): TalkRatio {
  const basis: TalkBasis = hasTimestamps(turns) ? 'seconds' : 'words';
  let rep = 0;
  let customer = 0;
  turns.forEach((t, i) => {
    const amount = basis === 'seconds' ? durationOf(t) : (words?.[i] ?? wordCount(t.text));
    if (t.role === 'rep') rep += amount;
    else customer += amount;
  });
  const total = rep + customer;
  return { basis, rep, customer, repShare: total > 0 ? rep / total : 0 };
}

/** The longest stretch of consecutive rep turns (consecutive rep turns are one monologue). */
export function longestRepMonologue(turns: readonly Turn[], words?: readonly number[]): Monologue {
  const timed = hasTimestamps(turns);
  const basis: TalkBasis = timed ? 'seconds' : 'words';
  let best: Monologue = { basis, length: 0, fromTurn: -1, toTurn: -1 };
  for (let i = 0; i < turns.length; ) {
    if (turns[i].role !== 'rep') {
      i++;
      continue;
    }
    let j = i;
    let count = 0;
    for (; j < turns.length && turns[j].role === 'rep'; j++) count += words?.[j] ?? wordCount(turns[j].text);
    const length = timed ? (turns[j - 1].end ?? 0) - (turns[i].start ?? 0) : count;
    if (best.fromTurn < 0 || length > best.length) best = { basis, length, fromTurn: i, toTurn: j - 1 };
    i = j;
  }
  return best;
}

/**
 * Turns that start while a turn by someone else is still running (needs timestamps; none otherwise).
 * Overlaps shorter than `minOverlapSeconds` are back-channel noise ("mm-hm") and ignored.
 */
export function findInterruptions(turns: readonly Turn[], minOverlapSeconds = 0.3): Interruption[] {
  if (!hasTimestamps(turns)) return [];
  const order = turns.map((_, i) => i).sort((a, b) => turns[a].start! - turns[b].start! || a - b);
  const out: Interruption[] = [];
  for (let k = 1; k < order.length; k++) {
    const t = turns[order[k]];
    let bestOverlap = 0;
    let of: Role | undefined;
    for (let m = 0; m < k; m++) {
      const p = turns[order[m]];
      if (p.speaker === t.speaker || !(p.start! < t.start! && t.start! < p.end!)) continue;
      const overlap = Math.min(p.end!, t.end!) - t.start!;
      if (overlap > bestOverlap) (bestOverlap = overlap), (of = p.role);
    }
    if (of && bestOverlap >= minOverlapSeconds) out.push({ turn: order[k], by: t.role, of, overlapSeconds: bestOverlap });
  }
  return out;
}
