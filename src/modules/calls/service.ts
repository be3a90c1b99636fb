// Conversation intelligence as a product feature: analyse a call transcript or an email thread,
// store the analysis, turn the rep's commitments into tasks, and list analysed calls in scope.
import { actionItemDescription, trackerName } from './messages.ts';
import type { Db } from '../../db/client.ts';
import { InputError, NotFoundError } from '../../core/errors.ts';
import { analyzeConversation, type ConversationAnalysis } from '../../ml/conversation/analyze.ts';
import { embeddingHits, sentencesOf } from '../../ml/conversation/tracker-embeddings.ts';
import type { TrackerDefinition } from '../../ml/conversation/trackers.ts';
import { emailThreadToTurns, validateTurns, type EmailMessage, type Turn } from '../../ml/conversation/transcript.ts';
import { scopePredicate, type Actor } from '../crm/access.ts';
import { ENTITIES } from '../crm/entities.ts';
import type { Repository } from '../crm/repository.ts';
import { getModelProvider } from '../providers/service.ts';
import { createTask } from '../tasks/service.ts';
import { trackerDefinitions } from './trackers.ts';

type Row = Record<string, any>;

/** The turns of a call (its transcript) or an email (attributes.messages as a thread, else its body). */
export function turnsOfActivity(activity: Row): Turn[] {
  const file = `activity ${activity.id}`;
  if (activity.type === 'call' || activity.type === 'meeting') {
    if (!Array.isArray(activity.transcript) || activity.transcript.length === 0) {
      throw new InputError(`${file} has no transcript to analyse`, [{ file, column: 'transcript', value: null, reason: 'a call needs speaker turns [{speaker, role, text}]' }]);
    }
    const turns = activity.transcript.map((t: Row) => ({ speaker: t?.speaker, role: t?.role, text: t?.text, ...(t?.start !== undefined ? { start: t.start } : {}), ...(t?.end !== undefined ? { end: t.end } : {}) }));
    validateTurns(turns, file);
    return turns;
  }
  if (activity.type === 'email') {
    const messages = activity.attributes?.messages;
    if (Array.isArray(messages) && messages.length > 0) {
      const turns = emailThreadToTurns(messages.map((m: Row) => ({ from: String(m?.from ?? ''), role: m?.role, body: String(m?.body ?? '') })) as EmailMessage[]);
      validateTurns(turns, file);
      return turns;
    }
    if (typeof activity.body === 'string' && activity.body.trim()) {
      return emailThreadToTurns([{ from: activity.direction === 'inbound' ? 'customer' : 'rep', role: activity.direction === 'inbound' ? 'customer' : 'rep', body: activity.body }]);
    }
  }
  throw new InputError(`${file} is not a call with a transcript or an email with a body`, [{ file, column: 'type', value: activity.type, reason: 'only calls (transcript) and emails (body) can be analysed' }]);
}

const round = (x: number, digits = 4) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : 0);

/** The stored metrics: small, flat numbers for lists and aggregates. */
export function metricsOf(a: ConversationAnalysis): Row {
  const trackers: Record<string, number> = {};
  for (const [id, c] of Object.entries(a.trackers.counts)) trackers[id] = c.rep + c.customer;
  return {
    turns: a.turns,
    talk_ratio: round(a.talk.repShare),
    talk_basis: a.talk.basis,
    rep_talk: round(a.talk.rep, 2),
    customer_talk: round(a.talk.customer, 2),
    longest_monologue: { length: round(a.longestMonologue.length, 2), basis: a.longestMonologue.basis, from_turn: a.longestMonologue.fromTurn, to_turn: a.longestMonologue.toTurn },
    questions: { total: a.questions.total, open: a.questions.open, closed: a.questions.closed, per_rep_turn: round(a.questions.perRepTurn) },
    interruptions: { by_rep: a.interruptions.byRep, by_customer: a.interruptions.byCustomer },
    sentiment: { overall: round(a.sentiment.overall), rep: round(a.sentiment.rep), customer: round(a.sentiment.customer), customer_trend: round(a.sentiment.customerTrend) },
    trackers,
  };
}

/** Which action items the rep owns: their own commitments, requests made to them, and joint ones. */
const repOwns = (item: ConversationAnalysis['actionItems'][number]) => item.ownerRole === 'rep' || item.owner === 'both';

export interface CallView extends Row {
  activity_id: string;
}

function viewOf(activity: Row, stored: Row, turns: Turn[]): CallView {
  return {
    activity_id: String(activity.id),
    type: activity.type,
    subject: activity.subject ?? null,
    occurred_at: activity.occurred_at,
    owner_id: activity.owner_id ?? null,
    opportunity_id: activity.opportunity_id ?? null,
    turns: turns.map((t, index) => ({ index, speaker: t.speaker, role: t.role, text: t.text, start: t.start ?? null, end: t.end ?? null })),
    metrics: stored.metrics,
    // Built-in tracker names read in the reader's language (stored hits hold the English name).
    trackers: Array.isArray(stored.tracker_hits) ? stored.tracker_hits.map((h: Row) => ({ ...h, name: trackerName(String(h.tracker), h.name) })) : stored.tracker_hits,
    sentiment: stored.sentiment,
    questions: stored.questions,
    summary: stored.summary,
    action_items: stored.action_items,
    analyzed_at: stored.analyzed_at,
  };
}

/** Most sentences one analysis sends for embedding; longer calls keep the offline matching only. */
const MAX_EMBEDDED_SENTENCES = 1500;

/**
 * With a model provider configured, example phrases also match by its sentence embeddings (through
 * the privacy guard). Returns the provider kind used, or null when offline or when the call failed
 * (the offline keyword and n-gram hits stand either way).
 */
async function addEmbeddingHits(db: Db, actor: Actor, turns: Turn[], trackers: TrackerDefinition[], a: ConversationAnalysis): Promise<string | null> {
  const withExamples = trackers.filter((t) => (t.examples?.length ?? 0) > 0);
  const sentences = sentencesOf(turns);
  if (withExamples.length === 0 || sentences.length === 0 || sentences.length > MAX_EMBEDDED_SENTENCES) return null;
  const provider = await getModelProvider(db, actor);
  if (!provider) return null;
  try {
    const examples = withExamples.flatMap((t) => t.examples!);
    const vectors = await provider.embed([...sentences.map((s) => s.sentence), ...examples], { purpose: 'call-trackers' });
    let offset = sentences.length;
    const exampleVectors = withExamples.map((t) => vectors.slice(offset, (offset += t.examples!.length)));
    const added = embeddingHits(sentences, vectors.slice(0, sentences.length), withExamples, exampleVectors, a.trackers.hits);
    for (const h of added) a.trackers.counts[h.trackerId][h.role]++;
    a.trackers.hits = [...a.trackers.hits, ...added].sort((x, y) => x.turn - y.turn || x.start - y.start);
    return provider.kind;
  } catch {
    return null;
  }
}

export interface AnalyzeOutcome {
  view: CallView;
  tasksCreated: number;
}

export async function analyzeActivity(db: Db, repo: Repository, actor: Actor, activityId: string): Promise<AnalyzeOutcome> {
  const activity = (await repo.get(ENTITIES.activities, actor, activityId)) as Row;
  const turns = turnsOfActivity(activity);
  const trackers = await trackerDefinitions(db);
  const names = new Map(trackers.map((t) => [t.id, t.name]));
  const a = analyzeConversation(turns, { trackers, file: `activity ${activityId}` });
  const embeddingProvider = await addEmbeddingHits(db, actor, turns, trackers, a);

  let tasksCreated = 0;
  const actionItems: Row[] = [];
  for (const [index, item] of a.actionItems.entries()) {
    let taskId: string | null = null;
    if (repOwns(item) && activity.owner_id) {
      const task = await createTask(db, actor, {
        title: item.sentence.length > 200 ? `${item.sentence.slice(0, 197)}…` : item.sentence,
        description: actionItemDescription(String(activity.type), activity.subject ?? '', item.due),
        ownerId: activity.owner_id, activityId: String(activity.id), opportunityId: activity.opportunity_id ?? null,
        leadId: activity.lead_id ?? null, accountId: activity.account_id ?? null,
        source: 'calls', sourceKey: `${activity.id}:${index}`, attributes: { due_hint: item.due ?? null, speaker: item.speaker },
      });
      taskId = task.id;
      if (task.created) tasksCreated++;
    }
    actionItems.push({ turn: item.turn, speaker: item.speaker, role: item.role, sentence: item.sentence, owner: item.owner, owner_role: item.ownerRole, due: item.due ?? null, task_id: taskId });
  }
  const stored = {
    metrics: { ...metricsOf(a), tracker_embeddings: embeddingProvider },
    tracker_hits: a.trackers.hits.map((h) => ({ tracker: h.trackerId, name: names.get(h.trackerId) ?? h.trackerId, turn: h.turn, role: h.role, start: h.start, end: h.end, sentence: h.sentence, matched_by: h.matchedBy, term: h.term, score: round(h.score) })),
    sentiment: a.sentiment.perTurn.map((p) => ({ turn: p.turn, role: p.role, t: turns[p.turn].start ?? p.turn, compound: round(p.compound), label: p.label })),
    questions: a.questions.items,
    summary: a.summary.map((s) => ({ turn: s.turn, speaker: s.speaker, role: s.role, text: s.text })),
    action_items: actionItems,
  };
  const { rows } = await db.query<Row>(
    `INSERT INTO call_analyses (activity_id, owner_id, metrics, tracker_hits, sentiment, questions, summary, action_items, analyzed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
     ON CONFLICT (activity_id) DO UPDATE SET owner_id = EXCLUDED.owner_id, metrics = EXCLUDED.metrics, tracker_hits = EXCLUDED.tracker_hits,
       sentiment = EXCLUDED.sentiment, questions = EXCLUDED.questions, summary = EXCLUDED.summary, action_items = EXCLUDED.action_items, analyzed_at = now()
     RETURNING analyzed_at`,
    [activity.id, activity.owner_id ?? null, ...['metrics', 'tracker_hits', 'sentiment', 'questions', 'summary', 'action_items'].map((k) => JSON.stringify(stored[k as keyof typeof stored]))],
  );
  return { view: viewOf(activity, { ...stored, analyzed_at: rows[0].analyzed_at }, turns), tasksCreated };
}

export async function getCall(db: Db, repo: Repository, actor: Actor, activityId: string): Promise<CallView> {
  const activity = (await repo.get(ENTITIES.activities, actor, activityId)) as Row;
  const stored = (await db.query<Row>('SELECT * FROM call_analyses WHERE activity_id = $1', [activityId])).rows[0];
  if (!stored) {
    throw new NotFoundError(`activity ${activityId} has not been analysed yet; POST /api/v1/calls/${activityId}/analyze`);
  }
  return viewOf(activity, stored, turnsOfActivity(activity));
}

export async function listCalls(db: Db, actor: Actor, options: { ownerId?: string; limit?: number }): Promise<Row[]> {
  const scope = scopePredicate(ENTITIES.activities, actor, 'a', 2);
  const limit = Math.min(Math.max(1, options.limit ?? 50), 500);
  const { rows } = await db.query<Row>(
    `SELECT a.id, a.type, a.subject, a.occurred_at, a.owner_id, u.name AS owner_name, a.opportunity_id, c.metrics, jsonb_array_length(c.action_items) AS action_items, c.analyzed_at
     FROM call_analyses c JOIN activities a ON a.id = c.activity_id LEFT JOIN users u ON u.id = a.owner_id
     WHERE ($1::uuid IS NULL OR a.owner_id = $1) AND ${scope.sql}
     ORDER BY a.occurred_at DESC, a.id LIMIT ${limit}`,
    [options.ownerId ?? null, ...scope.params],
  );
  return rows.map((r) => ({
    activity_id: r.id, type: r.type, subject: r.subject, occurred_at: r.occurred_at, owner_id: r.owner_id, owner_name: r.owner_name, opportunity_id: r.opportunity_id,
    talk_ratio: r.metrics.talk_ratio, questions: r.metrics.questions.total, longest_monologue: r.metrics.longest_monologue, interruptions: r.metrics.interruptions.by_rep,
    sentiment: r.metrics.sentiment.overall, trackers: r.metrics.trackers, action_items: Number(r.action_items), analyzed_at: r.analyzed_at,
  }));
}

export interface AnalyzeAllResult {
  analyzed: number;
  skipped: number;
  tasks_created: number;
  errors: { activity_id: string; reason: string }[];
}

/** Every call with a transcript and every email with a body in the actor's scope (optionally only new ones). */
export async function analyzeAll(db: Db, repo: Repository, actor: Actor, options: { limit?: number; onlyMissing?: boolean } = {}): Promise<AnalyzeAllResult> {
  const scope = scopePredicate(ENTITIES.activities, actor, 'a', 1);
  const limit = Math.min(Math.max(1, options.limit ?? 500), 20_000);
  const { rows } = await db.query<{ id: string }>(
    `SELECT a.id FROM activities a
     WHERE ((a.type IN ('call', 'meeting') AND a.transcript IS NOT NULL) OR (a.type = 'email' AND a.status = 'done' AND a.body IS NOT NULL))
       AND ${scope.sql} ${options.onlyMissing === false ? '' : 'AND NOT EXISTS (SELECT 1 FROM call_analyses c WHERE c.activity_id = a.id)'}
     ORDER BY a.occurred_at, a.id LIMIT ${limit}`,
    scope.params,
  );
  const result: AnalyzeAllResult = { analyzed: 0, skipped: 0, tasks_created: 0, errors: [] };
  for (const { id } of rows) {
    try {
      const r = await analyzeActivity(db, repo, actor, String(id));
      result.analyzed++;
      result.tasks_created += r.tasksCreated;
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      result.skipped++;
      if (result.errors.length < 20) result.errors.push({ activity_id: String(id), reason: err.message });
    }
  }
  return result;
}
