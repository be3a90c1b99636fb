// Evidence per rep and period: KPIs from deals and leads, conversation measures from recorded
// calls (src/ml/conversation), text measures from e-mails, and collaboration. Pure: the caller
// loads the rows; every metric is null when the rep has no evidence for it (never NaN).
import { questionKind } from '../../ml/conversation/questions.ts';
import { talkRatio } from '../../ml/conversation/talk.ts';
import { DEFAULT_TRACKERS } from '../../ml/conversation/trackers.ts';
import { splitSentences, validateTurns, type Turn } from '../../ml/conversation/transcript.ts';
import { tokenize } from '../../ml/text/tokenize.ts';
import { isRepAction, type DealHistory } from '../best-practices/deal-history.ts';
import type { Text } from '../../core/i18n.ts';
import { count, joinTexts, msg } from './messages.ts';

export interface LeadFact { ownerId: string; createdAt: number; firstOutboundAt: number | null; status: string }
export interface CallFact { ownerId: string; at: number; turns: Turn[] }
export interface EmailFact { ownerId: string; at: number; body: string }
/**
 * 'article': the rep published a knowledge article; 'help': a touch on a colleague's deal;
 * 'article_use': a colleague (userId) viewed, was answered from, or found helpful one of the
 * rep's articles (articleId), as recorded in knowledge_article_usage.
 */
export interface CollaborationFact { ownerId: string; at: number; kind: 'article' | 'help' | 'article_use'; userId?: string; articleId?: string; use?: 'view' | 'cited' | 'helpful' }

export interface EvidenceInput {
  from: number;
  to: number;
  deals: readonly DealHistory[];
  leads: readonly LeadFact[];
  calls: readonly CallFact[];
  emails: readonly EmailFact[];
  collaboration: readonly CollaborationFact[];
}

export interface MetricValue { value: number | null; n: number; /** What the value counts, in words. */ detail?: Text | string }
export type RepMetrics = Record<string, MetricValue>;

type MetricSource = 'kpi' | 'conversation' | 'text' | 'collaboration';

/** Where each metric comes from and its unit; its label is the message competency.metric.<key>. */
const SOURCES = {
  win_rate: { source: 'kpi' },
  late_stage_win_rate: { source: 'kpi' },
  avg_deal_size: { source: 'kpi', unit: 'currency' },
  cycle_time_days: { source: 'kpi', unit: 'days' },
  activity_volume: { source: 'kpi' },
  call_share: { source: 'kpi' },
  early_demo_rate: { source: 'kpi' },
  exec_meeting_rate: { source: 'kpi' },
  silence_rate: { source: 'kpi' },
  touch_gap_days: { source: 'kpi', unit: 'days' },
  lead_response_hours: { source: 'kpi', unit: 'hours' },
  lead_conversion_rate: { source: 'kpi' },
  close_date_accuracy: { source: 'kpi' },
  pipeline_coverage: { source: 'kpi' },
  talk_ratio: { source: 'conversation' },
  questions_per_call: { source: 'conversation' },
  open_questions_per_call: { source: 'conversation' },
  objections_explored: { source: 'conversation' },
  followup_hours: { source: 'text', unit: 'hours' },
  email_clarity: { source: 'text' },
  email_specificity: { source: 'text' },
  articles_written: { source: 'collaboration' },
  article_uses: { source: 'collaboration' },
  help_given: { source: 'collaboration' },
} satisfies Record<string, { source: MetricSource; unit?: string }>;

export const METRICS: Record<string, { label: Text; source: MetricSource; unit?: string }> = Object.fromEntries(
  Object.entries(SOURCES).map(([key, m]) => [key, { label: msg(`competency.metric.${key as keyof typeof SOURCES}`), ...m }]),
);

const DAY = 86_400_000;
const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const share = (hits: number, n: number): MetricValue => ({ value: n > 0 ? hits / n : null, n });
const mean = (xs: number[]): MetricValue => ({ value: xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null, n: xs.length });
const med = (xs: number[]): MetricValue => ({ value: median(xs), n: xs.length });
const SPECIFIC = /\d|next step|tomorrow|monday|tuesday|wednesday|thursday|friday|next week|下周|明天|周[一二三四五]|\d/i;

function groupBy<T extends { ownerId: string | null }>(xs: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) if (x.ownerId) (m.get(x.ownerId) ?? m.set(x.ownerId, []).get(x.ownerId)!).push(x);
  return m;
}

export function computeRepMetrics(input: EvidenceInput, repIds: readonly string[]): Map<string, RepMetrics> {
  const { from, to } = input;
  const inWindow = (t: number | null) => t !== null && t >= from && t < to;
  const deals = groupBy(input.deals);
  const leads = groupBy(input.leads);
  const calls = groupBy(input.calls);
  const emails = groupBy(input.emails);
  const collab = groupBy(input.collaboration);
  const weeks = Math.max(1, (to - from) / (7 * DAY));
  const out = new Map<string, RepMetrics>();
  for (const rep of repIds) {
    const ds = deals.get(rep) ?? [];
    const closed = ds.filter((d) => (d.stage === 'won' || d.stage === 'lost') && inWindow(d.closedAt));
    const won = closed.filter((d) => d.stage === 'won');
    const reachedProposal = closed.filter((d) => d.events.some((e) => e.kind === 'stage:proposal' || e.kind === 'proposal'));
    let touches = 0, calls_ = 0, emails_ = 0;
    const gaps: number[] = [];
    const followups: number[] = [];
    let demos = 0, earlyDemos = 0, reachedDemo = 0, withExec = 0;
    for (const d of ds) {
      let prev: number | null = null;
      let pendingReply: number | null = null;
      for (const e of d.events) {
        if (!inWindow(e.at)) continue;
        if (e.kind === 'reply') pendingReply ??= e.at;
        if (!isRepAction(e.kind)) continue;
        touches++;
        if (e.kind === 'call') calls_++;
        if (e.kind === 'email') {
          emails_++;
          if (pendingReply !== null) (followups.push((e.at - pendingReply) / 3_600_000), (pendingReply = null));
        }
        if (prev !== null) gaps.push((e.at - prev) / DAY);
        prev = e.at;
      }
      const demo = d.events.find((e) => e.kind === 'demo');
      if (demo && inWindow(demo.at)) {
        demos++;
        if (d.firstContactAt !== null && demo.at - d.firstContactAt <= 10 * DAY) earlyDemos++;
        reachedDemo++;
        const proposalAt = d.events.find((e) => e.kind === 'stage:proposal' || e.kind === 'proposal')?.at ?? Infinity;
        if (d.events.some((e) => e.kind === 'executive' && e.at < proposalAt)) withExec++;
      }
    }
    const silent = closed.filter((d) => d.events.some((e, i) => i > 0 && e.at - d.events[i - 1].at > 21 * DAY)).length;
    const withExpected = closed.filter((d) => d.expectedClose !== null);
    const open = ds.filter((d) => d.openedAt < to && (d.closedAt === null || d.closedAt >= to) && d.amount !== null);
    const bookingsPerQuarter = (won.reduce((s, d) => s + (d.amount ?? 0), 0) / (to - from)) * 91 * DAY;
    const ls = (leads.get(rep) ?? []).filter((l) => inWindow(l.createdAt));
    const decided = ls.filter((l) => l.status === 'converted' || l.status === 'disqualified' || l.status === 'nurturing');
    const conv = conversationMetrics((calls.get(rep) ?? []).filter((c) => inWindow(c.at)));
    const text = emailMetrics((emails.get(rep) ?? []).filter((e) => inWindow(e.at)));
    const co = (collab.get(rep) ?? []).filter((c) => inWindow(c.at));
    out.set(rep, {
      win_rate: share(won.length, closed.length),
      late_stage_win_rate: share(reachedProposal.filter((d) => d.stage === 'won').length, reachedProposal.length),
      avg_deal_size: mean(won.map((d) => d.amount).filter((x): x is number => x !== null)),
      cycle_time_days: med(won.map((d) => (d.closedAt! - d.openedAt) / DAY)),
      activity_volume: { value: touches / weeks, n: touches },
      call_share: share(calls_, calls_ + emails_),
      early_demo_rate: share(earlyDemos, demos),
      exec_meeting_rate: share(withExec, reachedDemo),
      silence_rate: share(silent, closed.length),
      touch_gap_days: med(gaps),
      lead_response_hours: med(ls.filter((l) => l.firstOutboundAt !== null).map((l) => Math.max(0, l.firstOutboundAt! - l.createdAt) / 3_600_000)),
      lead_conversion_rate: share(decided.filter((l) => l.status === 'converted').length, decided.length),
      close_date_accuracy: share(withExpected.filter((d) => Math.abs(d.closedAt! - d.expectedClose!) <= 14 * DAY).length, withExpected.length),
      pipeline_coverage: { value: bookingsPerQuarter > 0 ? open.reduce((s, d) => s + d.amount!, 0) / bookingsPerQuarter : null, n: open.length + won.length },
      ...conv,
      followup_hours: med(followups),
      ...text,
      ...articleMetrics(co),
      help_given: { value: co.filter((c) => c.kind === 'help').length, n: 1 },
    });
  }
  return out;
}


/**
 * Articles written and their uses by colleagues (views, citations in answers, helpful marks).
 * A use counts as evidence from each distinct colleague: many uses by one colleague weigh less
 * than a few by many (n = distinct colleagues, at least 1, since no use is evidence too).
 */
function articleMetrics(co: readonly CollaborationFact[]): RepMetrics {
  const written = co.filter((c) => c.kind === 'article').length;
  const uses = co.filter((c) => c.kind === 'article_use');
  const colleagues = new Set(uses.map((u) => u.userId)).size;
  const articles = new Set(uses.map((u) => u.articleId)).size;
  const kinds = (['view', 'cited', 'helpful'] as const).map((k) => [k, uses.filter((u) => u.use === k).length] as const);
  const summary = msg('competency.detail.articles', { articles: count(written, 'article'), uses: count(uses.length, 'time'), colleagues: count(colleagues, 'colleague') });
  const breakdown = joinTexts(kinds.filter(([, n]) => n > 0).map(([k, n]) => count(n, k)));
  return {
    articles_written: { value: written, n: 1, detail: summary },
    article_uses: {
      value: uses.length, n: Math.max(1, colleagues),
      detail: uses.length ? msg('competency.detail.articleUses', { summary, articles: count(articles, 'article'), breakdown }) : summary,
    },
  };
}

/**
 * The objections tracker's keywords as plain substrings: its typo tolerance and phrase similarity
 * cost milliseconds per call, minutes for a 200-rep team.
 */
const OBJECTION_KEYWORDS = DEFAULT_TRACKERS.find((t) => t.id === 'objections')!.keywords.map((k) => k.toLowerCase());

function conversationMetrics(calls: readonly CallFact[]): RepMetrics {
  const talk: number[] = [], questions: number[] = [], open: number[] = [];
  let objections = 0, explored = 0;
  for (const c of calls) {
    try {
      validateTurns(c.turns);
    } catch {
      continue; // a malformed stored transcript is skipped, not fatal for the whole team
    }
    // The measures analyzeConversation reports, without its sentiment and summary (a team's worth
    // of calls must take seconds, not minutes).
    talk.push(talkRatio(c.turns).repShare);
    let total = 0, opened = 0;
    const questionTurns = new Set<number>();
    c.turns.forEach((t, i) => {
      if (t.role !== 'rep') return;
      for (const sentence of splitSentences(t.text)) {
        const kind = questionKind(sentence);
        if (kind) (total++, questionTurns.add(i));
        if (kind === 'open') opened++;
      }
    });
    questions.push(total);
    open.push(opened);
    c.turns.forEach((t, i) => {
      if (t.role !== 'customer') return;
      const text = t.text.toLowerCase();
      if (!OBJECTION_KEYWORDS.some((k) => text.includes(k))) return;
      objections++;
      const next = c.turns.findIndex((x, j) => j > i && x.role === 'rep');
      if (next >= 0 && questionTurns.has(next)) explored++;
    });
  }
  return {
    talk_ratio: mean(talk),
    questions_per_call: mean(questions),
    open_questions_per_call: mean(open),
    objections_explored: share(explored, objections),
  };
}

function emailMetrics(emails: readonly EmailFact[]): RepMetrics {
  const perSentence: number[] = [];
  let specific = 0;
  for (const e of emails) {
    const sentences = splitSentences(e.body).filter((s) => s.trim().length > 0);
    if (sentences.length === 0) continue;
    perSentence.push(tokenize(e.body).length / sentences.length);
    if (SPECIFIC.test(e.body)) specific++;
  }
  return { email_clarity: mean(perSentence), email_specificity: share(specific, perSentence.length) };
}
