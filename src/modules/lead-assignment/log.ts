// Reading the assignment log: filtered and scoped lists, one lead's history, and the queue.
import type { Db } from '../../db/client.ts';
import { ForbiddenError, InputError } from '../../core/errors.ts';
import type { Actor } from '../crm/access.ts';
import { isText, type Text } from '../../core/i18n.ts';

type StoredText = Text | string | null;

/**
 * explanation and queued_reason (jsonb) hold a Text, rendered in each reader's language, or the
 * plain sentence of a row logged before texts were translated; anything else reads as its JSON.
 */
function withTexts<T extends { explanation?: unknown; queued_reason?: unknown }>(row: T): T {
  const read = (v: unknown): StoredText => (v === null || v === undefined ? null : typeof v === 'string' || isText(v) ? v : JSON.stringify(v));
  const out: Record<string, unknown> = { ...row };
  if ('explanation' in row) out.explanation = read(row.explanation);
  if ('queued_reason' in row) out.queued_reason = read(row.queued_reason);
  return out as T;
}

const COLUMNS = `la.id, la.lead_id, l.name AS lead_name, la.status, la.rep_id, u.name AS rep_name, la.policy, la.policy_version, la.propensity,
  la.segment, la.explanation, la.why, la.queued_reason, la.assigned_at, la.assigned_by, la.reward, la.reward_at, la.reward_key`;
const FROM = 'FROM lead_assignments la JOIN leads l ON l.id = la.lead_id LEFT JOIN users u ON u.id = la.rep_id';

/** Which log rows the actor may read: reps their own, managers their teams' reps' and the queued rows they made. */
function scope(actor: Actor, index: number): { sql: string; params: unknown[] } {
  if (actor.role === 'admin') return { sql: 'TRUE', params: [] };
  if (actor.role === 'rep') return { sql: `la.rep_id = $${index}`, params: [actor.id] };
  return {
    sql: `(la.rep_id = $${index} OR la.rep_id IN (SELECT m.id FROM users m JOIN teams t ON t.id = m.team_id WHERE t.manager_id = $${index})
      OR (la.rep_id IS NULL AND la.assigned_by = $${index}))`,
    params: [actor.id],
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface LogQuery {
  lead_id?: string;
  rep_id?: string;
  limit?: string | number;
  before_id?: string | number;
}

export async function listLog(db: Db, actor: Actor, q: LogQuery) {
  const issues = [];
  for (const key of ['lead_id', 'rep_id'] as const) {
    if (q[key] !== undefined && !UUID.test(String(q[key]))) issues.push({ column: key, value: String(q[key]), reason: 'must be a UUID' });
  }
  const limit = q.limit === undefined ? 100 : Number(q.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) issues.push({ column: 'limit', value: String(q.limit), reason: 'must be a whole number from 1 to 1000' });
  const beforeId = q.before_id === undefined ? null : Number(q.before_id);
  if (beforeId !== null && (!Number.isSafeInteger(beforeId) || beforeId < 1)) issues.push({ column: 'before_id', value: String(q.before_id), reason: 'must be a positive whole number' });
  if (issues.length) throw new InputError('invalid assignment log query', issues);
  const s = scope(actor, 4);
  const { rows } = await db.query<{ id: number; explanation: StoredText; queued_reason: StoredText }>(
    `SELECT ${COLUMNS} ${FROM}
     WHERE ($1::uuid IS NULL OR la.lead_id = $1) AND ($2::uuid IS NULL OR la.rep_id = $2) AND ($3::bigint IS NULL OR la.id < $3) AND ${s.sql}
     ORDER BY la.id DESC LIMIT ${limit}`,
    [q.lead_id ?? null, q.rep_id ?? null, beforeId, ...s.params],
  );
  return { data: rows.map(withTexts), next_before_id: rows.length === limit ? rows[rows.length - 1].id : null };
}

/** Every assignment of one lead, oldest first (the caller checks the lead is in scope). */
export async function leadHistory(db: Db, leadId: string) {
  const { rows } = await db.query<{ explanation: StoredText; queued_reason: StoredText }>(`SELECT ${COLUMNS} ${FROM} WHERE la.lead_id = $1 ORDER BY la.id`, [leadId]);
  return { data: rows.map(withTexts) };
}

/** Unowned leads whose latest assignment attempt was queued. */
export async function listQueue(db: Db, actor: Actor) {
  if (actor.role === 'rep') throw new ForbiddenError('only managers and admins see the assignment queue');
  const { rows } = await db.query<{ queued_reason: StoredText }>(
    `SELECT l.id AS lead_id, l.name AS lead_name, la.segment, la.assigned_at AS queued_at, la.queued_reason, la.id AS assignment_id
     FROM leads l JOIN LATERAL (SELECT * FROM lead_assignments x WHERE x.lead_id = l.id ORDER BY x.id DESC LIMIT 1) la ON TRUE
     WHERE l.owner_id IS NULL AND la.status = 'queued'
     ORDER BY la.assigned_at, l.id LIMIT 1000`,
  );
  return { data: rows.map(withTexts) };
}
