// Training and scoring records from stored leads: the lead's own columns, its custom attributes,
// when it was created, and its engagement (activities) counted only up to the lead's cut-off, so a
// record never sees what happened after the outcome (or, for open leads, after now).
import type { Db } from '../../db/client.ts';
import type { Text } from '../../core/i18n.ts';
import type { RawRecord } from '../../ml/features/infer.ts';
import { msg } from './messages.ts';

/** Engagement is counted over the first days of a lead's life (and before its conversion). */
export const ENGAGEMENT_WINDOW_DAYS = 3;

/** Never features: identifiers, contact details, and the outcome itself. */
const NOT_FEATURES = new Set(['status', 'converted', 'converted_at']);

export interface LeadRecord {
  id: string;
  createdAt: Date;
  ownerId: string | null;
  /** 1 converted, 0 not, null open (no outcome yet). */
  label: 0 | 1 | null;
  record: RawRecord;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Plain words for the built-in columns (a message per locale); attributes are humanised from their key. */
const PLAIN = new Set([
  'source', 'industry', 'country', 'city', 'language', 'title', 'owner', 'notes', 'has_email', 'has_phone',
  'created_weekday', 'created_hour', 'created_month', 'calls', 'emails', 'meetings', 'notes_logged', 'tasks',
  'inbound', 'first_response_hours', 'days_since_last_activity',
]);

/** A column's name for people: a translated Text for built-in columns, the humanised key (data) for attributes. */
export function plainName(column: string): Text | string {
  if (PLAIN.has(column)) return msg(`score.field.${column}` as Parameters<typeof msg>[0]);
  if (column.startsWith('notes_embedding_')) return msg('score.field.notes_embedding', { n: column.slice('notes_embedding_'.length) });
  const key = column.startsWith('attr.') ? column.slice(5) : column;
  const words = key.replace(/[_.-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Our own generated values (yes/no, weekday and month names) translated; anything else stays as it is. */
const OWN_VALUES: Record<string, ReadonlySet<string>> = {
  has_email: new Set(['yes', 'no']),
  has_phone: new Set(['yes', 'no']),
  created_weekday: new Set(WEEKDAYS),
  created_month: new Set(MONTHS),
};

export function plainValue(column: string, value: string): Text | string {
  return OWN_VALUES[column]?.has(value) ? msg(`score.value.${value}` as Parameters<typeof msg>[0]) : value;
}

export interface LeadRow {
  id: string;
  title: string | null;
  industry: string | null;
  country: string | null;
  city: string | null;
  language: string | null;
  source: string | null;
  status: string | null;
  owner_id: string | null;
  owner_name: string | null;
  email: string | null;
  phone: string | null;
  notes: string | null;
  converted: boolean | null;
  converted_at: Date | null;
  attributes: Record<string, unknown> | null;
  created_at: Date;
  calls?: number;
  emails?: number;
  meetings?: number;
  notes_logged?: number;
  tasks?: number;
  inbound?: number;
  first_response_at?: Date | null;
  last_activity_at?: Date | null;
  cutoff?: Date;
}

export function labelOf(row: Pick<LeadRow, 'converted' | 'status'>): 0 | 1 | null {
  if (row.converted === true || row.status === 'converted') return 1;
  if (row.converted === false || row.status === 'disqualified') return 0;
  return null;
}

const hours = (a: Date, b: Date) => (a.getTime() - b.getTime()) / 3_600_000;
const round1 = (x: number) => Math.round(x * 10) / 10;

/** The model's view of one lead row (with its engagement aggregates). */
export function leadToRecord(row: LeadRow): RawRecord {
  const r: RawRecord = {
    source: row.source, industry: row.industry, country: row.country, city: row.city, language: row.language, title: row.title,
    owner: row.owner_name, notes: row.notes,
    has_email: row.email ? 'yes' : 'no', has_phone: row.phone ? 'yes' : 'no',
  };
  const created = row.created_at instanceof Date ? row.created_at : new Date(row.created_at);
  if (!Number.isNaN(created.getTime())) {
    r.created_weekday = WEEKDAYS[created.getUTCDay()];
    r.created_hour = created.getUTCHours();
    r.created_month = MONTHS[created.getUTCMonth()];
  }
  for (const [key, value] of Object.entries(row.attributes ?? {})) {
    if (NOT_FEATURES.has(key)) continue;
    if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') r[`attr.${key}`] = value;
  }
  r.calls = Number(row.calls ?? 0);
  r.emails = Number(row.emails ?? 0);
  r.meetings = Number(row.meetings ?? 0);
  r.notes_logged = Number(row.notes_logged ?? 0);
  r.tasks = Number(row.tasks ?? 0);
  r.inbound = Number(row.inbound ?? 0);
  r.first_response_hours = row.first_response_at ? round1(Math.max(0, hours(row.first_response_at, created))) : null;
  r.days_since_last_activity = row.last_activity_at && row.cutoff ? round1(Math.max(0, hours(row.cutoff, row.last_activity_at) / 24)) : null;
  return r;
}

/**
 * Leads with engagement as of each lead's cut-off = min(converted_at, created_at + window, asOf).
 * `where` filters the leads (alias l); its parameters follow asOf ($1).
 */
export async function loadLeadRows(db: Db, asOf: Date, where = 'TRUE', params: unknown[] = []): Promise<LeadRow[]> {
  const { rows } = await db.query<LeadRow>(
    `SELECT l.id, l.title, l.industry, l.country, l.city, l.language, l.source, l.status, l.owner_id, u.name AS owner_name,
            l.email, l.phone, l.notes, l.converted, l.converted_at, l.attributes, l.created_at, c.cutoff,
            e.calls, e.emails, e.meetings, e.notes_logged, e.tasks, e.inbound, e.first_response_at, e.last_activity_at
       FROM leads l
       LEFT JOIN users u ON u.id = l.owner_id
       CROSS JOIN LATERAL (SELECT LEAST(COALESCE(l.converted_at, 'infinity'::timestamptz),
                                        l.created_at + interval '${ENGAGEMENT_WINDOW_DAYS} days', $1::timestamptz) AS cutoff) c
       LEFT JOIN LATERAL (
         SELECT count(*) FILTER (WHERE a.type = 'call')::int AS calls,
                count(*) FILTER (WHERE a.type = 'email')::int AS emails,
                count(*) FILTER (WHERE a.type = 'meeting')::int AS meetings,
                count(*) FILTER (WHERE a.type = 'note')::int AS notes_logged,
                count(*) FILTER (WHERE a.type = 'task')::int AS tasks,
                count(*) FILTER (WHERE a.direction = 'inbound')::int AS inbound,
                min(a.occurred_at) FILTER (WHERE a.direction = 'outbound' OR a.type IN ('call', 'meeting')) AS first_response_at,
                max(a.occurred_at) AS last_activity_at
           FROM activities a
          WHERE a.lead_id = l.id AND a.occurred_at < c.cutoff AND a.status <> 'cancelled'
       ) e ON TRUE
      WHERE ${where}
      ORDER BY l.created_at, l.id`,
    [asOf, ...params],
  );
  return rows;
}

export function toLeadRecords(rows: readonly LeadRow[]): LeadRecord[] {
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.created_at instanceof Date ? row.created_at : new Date(row.created_at),
    ownerId: row.owner_id,
    label: labelOf(row),
    record: leadToRecord(row),
  }));
}

/** Feature columns present in any record, in a stable order. */
export function featureColumns(records: readonly RawRecord[]): string[] {
  const seen = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) seen.add(k);
  return [...seen].sort();
}
