// Field types shared by the API, the importer and the exporter, and the one place where a
// raw value (CSV cell or JSON value) is turned into a typed value or a clear reason why not.

import type { IssueCode } from '../../core/errors.ts';

export type FieldType = 'text' | 'integer' | 'number' | 'boolean' | 'date' | 'timestamp' | 'json' | 'tags' | 'uuid';

export type Coerced = { ok: true; value: unknown } | { ok: false; reason: string; code: IssueCode; params?: Record<string, string | number> };

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRUE = new Set(['true', 't', 'yes', 'y', '1', 'on', '是', '真']);
const FALSE = new Set(['false', 'f', 'no', 'n', '0', 'off', '否', '假']);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SLASH_YMD = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO_UTC_SECONDS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/i;
const NA = new Set(['', 'null', 'na', 'n/a', 'nan', 'none', '\\n']);

/** Empty cells and the usual "not available" spellings count as missing. */
export function isMissing(raw: unknown): boolean {
  // Fast path: a longer value that does not start or end with a space is never a missing marker.
  if (typeof raw === 'string' && raw.length > 4 && raw.charCodeAt(0) > 32 && raw.charCodeAt(raw.length - 1) > 32) return false;
  return raw === null || raw === undefined || (typeof raw === 'string' && NA.has(raw.trim().toLowerCase()));
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[m - 1]);
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Parses dates: ISO 8601 (date or date-time with optional offset), YYYY/MM/DD, and US M/D/YYYY
 * (optionally with H:mm[:ss]). Times without an offset are read as UTC.
 * Returns [YYYY-MM-DD, full ISO timestamp] or undefined.
 */
function parseDateParts(s: string): [string, string] | undefined {
  let m = ISO_DATE.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validYmd(y, mo, d) ? [s, `${s}T00:00:00.000Z`] : undefined;
  }
  m = ISO_UTC_SECONDS.exec(s);
  if (m) {
    // The common export format (2025-01-02T09:30:00Z / .123Z) needs no Date round trip.
    const [y, mo, d, hh, mi, ss] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])];
    if (!validYmd(y, mo, d) || hh > 23 || mi > 59 || ss > 59) return undefined;
    return [s.slice(0, 10), `${s.slice(0, 19)}.${(m[7] ?? '').padEnd(3, '0')}Z`];
  }
  if (ISO_DATETIME.test(s)) {
    const [y, mo, d] = s.slice(0, 10).split('-').map(Number);
    if (!validYmd(y, mo, d)) return undefined;
    const hasZone = /(Z|[+-]\d{2}(:?\d{2})?)$/i.test(s.slice(10));
    const t = new Date(hasZone ? s.replace(' ', 'T') : `${s.replace(' ', 'T')}Z`);
    if (Number.isNaN(t.getTime())) return undefined;
    return [t.toISOString().slice(0, 10), t.toISOString()];
  }
  m = SLASH_YMD.exec(s) ?? null;
  let y: number, mo: number, d: number, hh = 0, mm = 0, ss = 0;
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    [hh, mm, ss] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  } else {
    m = US_DATE.exec(s);
    if (!m) return undefined;
    [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    [hh, mm, ss] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  }
  if (!validYmd(y, mo, d) || hh > 23 || mm > 59 || ss > 59) return undefined;
  const date = `${y}-${pad(mo)}-${pad(d)}`;
  return [date, `${date}T${pad(hh)}:${pad(mm)}:${pad(ss)}.000Z`];
}

/** Converts one raw value to the field's type. Missing values become null. */
export function coerce(type: FieldType, raw: unknown): Coerced {
  if (isMissing(raw)) return { ok: true, value: null };
  const s = typeof raw === 'string' ? raw.trim() : raw;
  switch (type) {
    case 'text':
      if (typeof s === 'string') return { ok: true, value: s };
      if (typeof s === 'number' || typeof s === 'boolean') return { ok: true, value: String(s) };
      return { ok: false, reason: 'is not text', code: 'not_text' };
    case 'uuid':
      return typeof s === 'string' && UUID.test(s) ? { ok: true, value: s.toLowerCase() } : { ok: false, reason: 'is not an id (UUID)', code: 'not_uuid' };
    case 'integer': {
      if (typeof s === 'number') return Number.isSafeInteger(s) ? { ok: true, value: s } : { ok: false, reason: 'is not a whole number', code: 'not_integer' };
      if (typeof s === 'string' && INTEGER.test(s) && Number.isSafeInteger(Number(s))) return { ok: true, value: Number(s) };
      return { ok: false, reason: 'is not a whole number', code: 'not_integer' };
    }
    case 'number': {
      if (typeof s === 'number') return Number.isFinite(s) ? { ok: true, value: s } : { ok: false, reason: 'is not a finite number', code: 'not_finite' };
      if (typeof s === 'string' && NUMBER.test(s)) return { ok: true, value: Number(s) };
      return { ok: false, reason: 'is not a number', code: 'not_number' };
    }
    case 'boolean': {
      if (typeof s === 'boolean') return { ok: true, value: s };
      const k = String(s).toLowerCase();
      if (TRUE.has(k)) return { ok: true, value: true };
      if (FALSE.has(k)) return { ok: true, value: false };
      return { ok: false, reason: 'is not yes/no (true/false)', code: 'not_boolean' };
    }
    case 'date':
    case 'timestamp': {
      if (s instanceof Date) return Number.isNaN(s.getTime()) ? { ok: false, reason: 'is not a valid date', code: 'invalid_date' } : { ok: true, value: type === 'date' ? s.toISOString().slice(0, 10) : s.toISOString() };
      if (typeof s !== 'string') return { ok: false, reason: 'is not a date', code: 'not_date' };
      const parts = parseDateParts(s);
      if (!parts) return { ok: false, reason: 'is not a valid date (use YYYY-MM-DD or ISO 8601)', code: 'bad_date' };
      return { ok: true, value: type === 'date' ? parts[0] : parts[1] };
    }
    case 'json': {
      if (typeof s === 'object') return { ok: true, value: s };
      if (typeof s === 'string') {
        try {
          return { ok: true, value: JSON.parse(s) };
        } catch {
          return { ok: false, reason: 'is not valid JSON', code: 'bad_json' };
        }
      }
      return { ok: false, reason: 'is not JSON', code: 'not_json' };
    }
    case 'tags': {
      if (Array.isArray(s)) return s.every((t) => typeof t === 'string') ? { ok: true, value: s } : { ok: false, reason: 'is not a list of text', code: 'not_tags' };
      if (typeof s !== 'string') return { ok: false, reason: 'is not a list of text', code: 'not_tags' };
      if (s.startsWith('[')) {
        const parsed = coerce('json', s);
        return parsed.ok && Array.isArray(parsed.value) ? coerce('tags', parsed.value) : { ok: false, reason: 'is not a list of text', code: 'not_tags' };
      }
      return { ok: true, value: s.split(/[;|,]/).map((t) => t.trim()).filter(Boolean) };
    }
  }
}

/** Types a custom attribute can take, from most to least specific. */
export const ATTRIBUTE_TYPES = ['boolean', 'integer', 'number', 'date', 'timestamp', 'text'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/** Does a raw string fit an attribute type? (Booleans need words, so 0/1 stay integers.) */
export function fitsAttributeType(type: AttributeType, raw: string): boolean {
  if (type === 'boolean') {
    const k = raw.trim().toLowerCase();
    return k !== '0' && k !== '1' && (TRUE.has(k) || FALSE.has(k));
  }
  if (type === 'date') return ISO_DATE.test(raw.trim()) && coerce('date', raw).ok;
  return coerce(type, raw).ok;
}

/** Column names compare case- and punctuation-insensitively: "Lead Source" = "lead_source". */
export function normalizeName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** A stable attribute key from a column header: "Total Time Spent" → "total_time_spent". */
export function attributeKey(header: string): string {
  const key = header
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
  return key || 'column';
}
