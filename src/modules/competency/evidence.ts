// Loads what the evidence metrics need for one window: deals (with histories), leads, a sample of
// recorded calls and e-mails per rep (the most recent, enough for stable means), collaboration
// (articles written, their uses by colleagues, help on colleagues' deals).
import type { Db } from '../../db/client.ts';
import type { Turn } from '../../ml/conversation/transcript.ts';
import { allDealHistories, type DealHistory } from '../best-practices/deal-history.ts';
import { usageOfAuthors } from '../knowledge/usage.ts';
import type { CallFact, CollaborationFact, EmailFact, EvidenceInput, LeadFact } from './metrics.ts';

/** Recorded calls and e-mails read per rep and window: means settle well before this. */
export const CALLS_PER_REP = 30;
export const EMAILS_PER_REP = 60;

export interface Rep { id: string; name: string; email: string | null; team_id: string | null; team: string | null }

export async function loadReps(db: Db): Promise<Rep[]> {
  return (await db.query<Rep>(
    `SELECT u.id, u.name, u.email, u.team_id, t.name AS team FROM users u LEFT JOIN teams t ON t.id = u.team_id
     WHERE u.role = 'rep' AND u.active ORDER BY u.name, u.id`,
  )).rows;
}

const ms = (col: string) => `(extract(epoch from ${col}) * 1000)::float8`;

export async function loadEvidence(db: Db, windows: { from: number; to: number }[], deals?: readonly DealHistory[]): Promise<Omit<EvidenceInput, 'from' | 'to'>> {
  const from = new Date(Math.min(...windows.map((w) => w.from))).toISOString();
  const to = new Date(Math.max(...windows.map((w) => w.to))).toISOString();
  const allDeals = deals ?? (await allDealHistories(db));
  const leads = (await db.query<LeadFact>(
    `WITH first_touch AS (
       SELECT a.lead_id, min(a.occurred_at) AS at FROM activities a
       WHERE a.lead_id IS NOT NULL AND a.status = 'done' AND a.direction = 'outbound' AND a.occurred_at >= $1 GROUP BY a.lead_id)
     SELECT l.owner_id AS "ownerId", ${ms('l.created_at')} AS "createdAt", l.status, ${ms('f.at')} AS "firstOutboundAt"
     FROM leads l LEFT JOIN first_touch f ON f.lead_id = l.id WHERE l.owner_id IS NOT NULL AND l.created_at >= $1 AND l.created_at < $2`,
    [from, to],
  )).rows;
  // The most recent recorded calls and outbound e-mails per rep and window.
  const calls: CallFact[] = [];
  const emails: EmailFact[] = [];
  for (const w of windows) {
    const range = [new Date(w.from).toISOString(), new Date(w.to).toISOString()];
    // Ranked on narrow rows, then the chosen few joined back for their transcripts: sorting every
    // call of the window with its transcript attached cost seconds on a 200-rep company.
    const c = (await db.query<{ ownerId: string; at: number; turns: Turn[] }>(
      `SELECT x.owner_id AS "ownerId", ${ms('x.occurred_at')} AS at, t.transcript AS turns FROM (
         SELECT a.id, a.owner_id, a.occurred_at, row_number() OVER (PARTITION BY a.owner_id ORDER BY a.occurred_at DESC, a.id) AS k
         FROM activities a WHERE a.type = 'call' AND a.status = 'done' AND a.transcript IS NOT NULL AND jsonb_typeof(a.transcript) = 'array'
           AND a.owner_id IS NOT NULL AND a.occurred_at >= $1 AND a.occurred_at < $2) x
       JOIN activities t ON t.id = x.id WHERE x.k <= ${CALLS_PER_REP} ORDER BY x.owner_id, x.k`,
      range,
    )).rows;
    calls.push(...c);
    const e = (await db.query<EmailFact>(
      `SELECT x.owner_id AS "ownerId", ${ms('x.occurred_at')} AS at, t.body FROM (
         SELECT a.id, a.owner_id, a.occurred_at, row_number() OVER (PARTITION BY a.owner_id ORDER BY a.occurred_at DESC, a.id) AS k
         FROM activities a WHERE a.type = 'email' AND a.direction = 'outbound' AND a.status = 'done' AND a.body IS NOT NULL
           AND a.owner_id IS NOT NULL AND a.occurred_at >= $1 AND a.occurred_at < $2) x
       JOIN activities t ON t.id = x.id WHERE x.k <= ${EMAILS_PER_REP} ORDER BY x.owner_id, x.k`,
      range,
    )).rows;
    emails.push(...e);
  }
  const collaboration = (await db.query<CollaborationFact>(
    `SELECT author_id AS "ownerId", ${ms('created_at')} AS at, 'article' AS kind FROM knowledge_articles
       WHERE author_id IS NOT NULL AND status = 'published' AND created_at >= $1 AND created_at < $2
     UNION ALL
     SELECT a.owner_id, ${ms('a.occurred_at')}, 'help' FROM activities a JOIN opportunities o ON o.id = a.opportunity_id
       WHERE a.status = 'done' AND a.owner_id IS NOT NULL AND o.owner_id IS NOT NULL AND a.owner_id <> o.owner_id
         AND a.occurred_at >= $1 AND a.occurred_at < $2`,
    [from, to],
  )).rows;
  // Uses of each rep's articles by colleagues (recorded by the knowledge module).
  for (const u of await usageOfAuthors(db, Date.parse(from), Date.parse(to))) {
    collaboration.push({ ownerId: u.ownerId, at: u.at, kind: 'article_use', userId: u.userId, articleId: u.articleId, use: u.kind });
  }
  return { deals: allDeals, leads, calls, emails, collaboration };
}
