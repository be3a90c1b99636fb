// Each rep's assignment rules as stored (assignment_profiles), their validation, and their
// translation into the pure rules engine's RepProfile. A rep without a row gets DEFAULT_PROFILE.
import type { Db } from '../../db/client.ts';
import { InputError, NotFoundError, type InputIssue } from '../../core/errors.ts';
import type { RepProfile } from './rules.ts';

export interface WorkingHoursJson {
  days: number[];
  start_hour: number;
  end_hour: number;
  utc_offset_hours: number;
}

export interface ProfileJson {
  user_id: string;
  name: string;
  /** False while the defaults apply (no stored row). */
  stored: boolean;
  max_open_leads: number;
  quota_per_period: number | null;
  quota_period: 'week' | 'month';
  territories: string[];
  languages: string[];
  products: string[];
  working_hours: WorkingHoursJson | null;
  absences: Array<{ from: string; to: string }>;
  accepting: boolean;
  updated_at: string | null;
}

export const DEFAULT_PROFILE = {
  max_open_leads: 30,
  quota_per_period: null,
  quota_period: 'week',
  territories: [],
  languages: [],
  products: [],
  working_hours: null,
  absences: [],
  accepting: true,
} as const;

const SELECT = `SELECT u.id AS user_id, u.name, u.team_id, u.created_at AS joined_at, p.user_id IS NOT NULL AS stored,
  p.max_open_leads, p.quota_per_period, p.quota_period, p.territories, p.languages, p.products,
  p.working_hours, p.absences, p.accepting, p.updated_at
  FROM users u LEFT JOIN assignment_profiles p ON p.user_id = u.id`;

export interface ProfileRow extends ProfileJson {
  team_id: string | null;
  joined_at: Date;
}

function toProfile(row: Record<string, any>): ProfileRow {
  const stored = Boolean(row.stored);
  const pick = <K extends keyof typeof DEFAULT_PROFILE>(k: K) => (stored ? row[k] : DEFAULT_PROFILE[k]);
  return {
    user_id: row.user_id,
    name: row.name,
    team_id: row.team_id ?? null,
    joined_at: row.joined_at,
    stored,
    max_open_leads: pick('max_open_leads'),
    quota_per_period: pick('quota_per_period') ?? null,
    quota_period: pick('quota_period'),
    territories: [...pick('territories')],
    languages: [...pick('languages')],
    products: [...pick('products')],
    working_hours: pick('working_hours') ?? null,
    absences: [...pick('absences')],
    accepting: pick('accepting'),
    updated_at: stored && row.updated_at ? new Date(row.updated_at).toISOString() : null,
  };
}

/** Profiles of the given users (defaults where none is stored), in the order of the ids. */
export async function loadProfiles(db: Db, userIds: readonly string[]): Promise<ProfileRow[]> {
  if (userIds.length === 0) return [];
  const { rows } = await db.query(`${SELECT} WHERE u.id = ANY($1::uuid[]) ORDER BY u.name, u.id`, [userIds]);
  return rows.map(toProfile);
}

export async function getProfile(db: Db, userId: string): Promise<ProfileRow> {
  const [profile] = await loadProfiles(db, [userId]);
  if (!profile) throw new NotFoundError(`user ${userId} not found`);
  return profile;
}

/** Public shape (no internal fields). */
export function profileJson(p: ProfileRow): ProfileJson {
  const { team_id: _t, joined_at: _j, ...rest } = p;
  return rest;
}

/** The rules engine's view of a stored profile. */
export function toRepProfile(p: ProfileRow): RepProfile {
  const wh = p.working_hours;
  return {
    id: p.user_id,
    name: p.name,
    maxOpenLeads: p.max_open_leads,
    quotaPerPeriod: p.quota_per_period ?? undefined,
    territories: p.territories,
    languages: p.languages,
    products: p.products,
    workingHours: wh ? { days: wh.days, startHour: wh.start_hour, endHour: wh.end_hour, utcOffsetHours: wh.utc_offset_hours } : undefined,
    absences: p.absences.map((a) => ({ from: Date.parse(a.from), to: Date.parse(a.to) })),
  };
}

const isInt = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const isStringList = (v: unknown) => Array.isArray(v) && v.length <= 500 && v.every((s) => typeof s === 'string' && s.trim() !== '' && s.length <= 200);

/** Validates a PUT body (any subset of the fields) and merges it onto the current profile. */
export function mergeProfilePatch(current: ProfileRow, body: unknown): ProfileRow {
  const issues: InputIssue[] = [];
  const bad = (column: string, value: unknown, reason: string) => issues.push({ column, value: JSON.stringify(value), reason });
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new InputError('profile must be a JSON object', [{ column: 'body', reason: 'must be an object' }]);
  const b = body as Record<string, unknown>;
  const next: ProfileRow = { ...current };
  const known = new Set(['max_open_leads', 'quota_per_period', 'quota_period', 'territories', 'languages', 'products', 'working_hours', 'absences', 'accepting', 'user_id', 'name', 'stored', 'updated_at']);
  for (const key of Object.keys(b)) if (!known.has(key)) bad(key, b[key], 'is not a profile field');
  if ('max_open_leads' in b) {
    if (isInt(b.max_open_leads, 0, 100_000)) next.max_open_leads = b.max_open_leads as number;
    else bad('max_open_leads', b.max_open_leads, 'must be a whole number from 0 to 100000');
  }
  if ('quota_per_period' in b) {
    if (b.quota_per_period === null || isInt(b.quota_per_period, 0, 100_000)) next.quota_per_period = b.quota_per_period as number | null;
    else bad('quota_per_period', b.quota_per_period, 'must be null or a whole number from 0 to 100000');
  }
  if ('quota_period' in b) {
    if (b.quota_period === 'week' || b.quota_period === 'month') next.quota_period = b.quota_period;
    else bad('quota_period', b.quota_period, 'must be week or month');
  }
  for (const key of ['territories', 'languages', 'products'] as const) {
    if (!(key in b)) continue;
    if (isStringList(b[key])) next[key] = (b[key] as string[]).map((s) => s.trim());
    else bad(key, b[key], 'must be a list of non-empty strings (empty list = no restriction)');
  }
  if ('working_hours' in b) {
    const wh = b.working_hours as Record<string, unknown> | null;
    if (wh === null) next.working_hours = null;
    else if (
      typeof wh === 'object' && !Array.isArray(wh) &&
      Array.isArray(wh.days) && wh.days.length > 0 && wh.days.every((d) => isInt(d, 0, 6)) &&
      isInt(wh.start_hour, 0, 24) && isInt(wh.end_hour, 0, 24) && wh.start_hour !== wh.end_hour &&
      typeof wh.utc_offset_hours === 'number' && Number.isFinite(wh.utc_offset_hours) && Math.abs(wh.utc_offset_hours) <= 14
    ) {
      next.working_hours = { days: [...new Set(wh.days as number[])].sort(), start_hour: wh.start_hour as number, end_hour: wh.end_hour as number, utc_offset_hours: wh.utc_offset_hours };
    } else {
      bad('working_hours', wh, 'must be null or {days: [0–6, …], start_hour: 0–24, end_hour: 0–24 (≠ start_hour), utc_offset_hours: −14…14}');
    }
  }
  if ('absences' in b) {
    const list = b.absences;
    const ok = Array.isArray(list) && list.length <= 1000 && list.every((a) => {
      if (!a || typeof a !== 'object') return false;
      const from = Date.parse(String((a as Record<string, unknown>).from));
      const to = Date.parse(String((a as Record<string, unknown>).to));
      return Number.isFinite(from) && Number.isFinite(to) && from < to;
    });
    if (ok) next.absences = (list as Array<{ from: string; to: string }>).map((a) => ({ from: new Date(a.from).toISOString(), to: new Date(a.to).toISOString() }));
    else bad('absences', list, 'must be a list of {from, to} ISO timestamps with from before to');
  }
  if ('accepting' in b) {
    if (typeof b.accepting === 'boolean') next.accepting = b.accepting;
    else bad('accepting', b.accepting, 'must be true or false');
  }
  if (issues.length) throw new InputError('invalid assignment profile', issues);
  return next;
}

export async function saveProfile(db: Db, p: ProfileRow, actorId: string | null): Promise<void> {
  await db.query(
    `INSERT INTO assignment_profiles (user_id, max_open_leads, quota_per_period, quota_period, territories, languages, products, working_hours, absences, accepting, updated_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())
     ON CONFLICT (user_id) DO UPDATE SET max_open_leads = EXCLUDED.max_open_leads, quota_per_period = EXCLUDED.quota_per_period,
       quota_period = EXCLUDED.quota_period, territories = EXCLUDED.territories, languages = EXCLUDED.languages, products = EXCLUDED.products,
       working_hours = EXCLUDED.working_hours, absences = EXCLUDED.absences, accepting = EXCLUDED.accepting,
       updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [
      p.user_id, p.max_open_leads, p.quota_per_period, p.quota_period, JSON.stringify(p.territories), JSON.stringify(p.languages),
      JSON.stringify(p.products), p.working_hours === null ? null : JSON.stringify(p.working_hours), JSON.stringify(p.absences), p.accepting, actorId,
    ],
  );
}
