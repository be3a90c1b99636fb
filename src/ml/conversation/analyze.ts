// One call or thread in, every conversation-intelligence measure out. Pure: no I/O, deterministic.
import { findActionItems, type ActionItem } from './action-items.ts';
import { questionKind, type QuestionKind } from './questions.ts';
import { scoreSentiment, sentimentTokens } from './sentiment.ts';
import { extractiveSummary, type SummaryOptions, type SummarySentence } from './summary.ts';
import { findInterruptions, longestRepMonologue, talkRatio, type Interruption, type Monologue, type TalkRatio } from './talk.ts';
import { DEFAULT_TRACKERS, findTrackerHits, type TrackerDefinition, type TrackerHit } from './trackers.ts';
import { splitSentences, validateTurns, type Role, type Turn } from './transcript.ts';

export interface RepQuestion {
  turn: number;
  text: string;
  kind: QuestionKind;
}

export interface TurnSentiment {
  turn: number;
  role: Role;
  compound: number;
  label: 'positive' | 'neutral' | 'negative';
}

export interface ConversationAnalysis {
  turns: number;
  talk: TalkRatio;
  longestMonologue: Monologue;
  questions: { total: number; open: number; closed: number; perRepTurn: number; items: RepQuestion[] };
  interruptions: { byRep: number; byCustomer: number; items: Interruption[] };
  sentiment: {
    perTurn: TurnSentiment[];
    /** Word-weighted mean compound score over all turns, and per role; 0 when there is nothing to score. */
    overall: number;
    rep: number;
    customer: number;
    /** Customer sentiment in the last third of their turns minus the first third (0 with fewer than 3 turns). */
    customerTrend: number;
  };
  trackers: { counts: Record<string, { rep: number; customer: number }>; hits: TrackerHit[] };
  actionItems: ActionItem[];
  summary: SummarySentence[];
}

export interface AnalyzeOptions {
  trackers?: TrackerDefinition[];
  summary?: SummaryOptions | false;
  /** Name used in input errors. */
  file?: string;
}

function weightedMean(values: { value: number; weight: number }[]): number {
  let sw = 0;
  let s = 0;
  for (const { value, weight } of values) (sw += weight), (s += value * weight);
  return sw > 0 ? s / sw : 0;
}

function mean(xs: number[]): number {
  return xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

export function analyzeConversation(turns: readonly Turn[], options: AnalyzeOptions = {}): ConversationAnalysis {
  validateTurns(turns, options.file);
  const questions: RepQuestion[] = [];
  const perTurn: TurnSentiment[] = [];
  const weights: { value: number; weight: number; role: Role }[] = [];
  const words: number[] = [];
  turns.forEach((t, turn) => {
    if (t.role === 'rep') {
      for (const sentence of splitSentences(t.text)) {
        const kind = questionKind(sentence);
        if (kind) questions.push({ turn, text: sentence, kind });
      }
    }
    // Tokenised once per turn: word counts and sentiment share it (segmentation dominates the cost).
    const tokens = sentimentTokens(t.text);
    words.push(tokens.length);
    const s = scoreSentiment(t.text, tokens);
    perTurn.push({ turn, role: t.role, compound: s.compound, label: s.label });
    weights.push({ value: s.compound, weight: Math.max(1, tokens.length), role: t.role });
  });
  const customerScores = perTurn.filter((p) => p.role === 'customer').map((p) => p.compound);
  const third = Math.floor(customerScores.length / 3);
  const customerTrend = third > 0 ? mean(customerScores.slice(-third)) - mean(customerScores.slice(0, third)) : 0;

  const trackerDefs = options.trackers ?? DEFAULT_TRACKERS;
  const hits = findTrackerHits(turns, trackerDefs);
  const counts: Record<string, { rep: number; customer: number }> = {};
  for (const d of trackerDefs) counts[d.id] = { rep: 0, customer: 0 };
  for (const h of hits) counts[h.trackerId][h.role]++;

  const interruptions = findInterruptions(turns);
  const repTurns = turns.filter((t) => t.role === 'rep').length;
  return {
    turns: turns.length,
    talk: talkRatio(turns, words),
    longestMonologue: longestRepMonologue(turns, words),
    questions: {
      total: questions.length,
      open: questions.filter((q) => q.kind === 'open').length,
      closed: questions.filter((q) => q.kind === 'closed').length,
      perRepTurn: repTurns > 0 ? questions.length / repTurns : 0,
      items: questions,
    },
    interruptions: {
      byRep: interruptions.filter((i) => i.by === 'rep').length,
      byCustomer: interruptions.filter((i) => i.by === 'customer').length,
      items: interruptions,
    },
    sentiment: {
      perTurn,
      overall: weightedMean(weights),
      rep: weightedMean(weights.filter((w) => w.role === 'rep')),
      customer: weightedMean(weights.filter((w) => w.role === 'customer')),
      customerTrend,
    },
    trackers: { counts, hits },
    actionItems: findActionItems(turns),
    summary: options.summary === false ? [] : extractiveSummary(turns, options.summary),
  };
}
