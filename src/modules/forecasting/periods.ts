// Calendar periods in UTC: days, ISO weeks (Monday start), months and quarters, each named by the
// date it starts on. Written by hand: a few lines of Date.UTC arithmetic; no library needed.
import { InputError } from '../../core/errors.ts';

export const FREQUENCIES = ['day', 'week', 'month', 'quarter'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

const DAY = 86_400_000;

/** Start (ms, UTC) of the period containing `t`. */
export function periodStart(t: number, frequency: Frequency): number {
  const d = new Date(t);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = Date.UTC(y, m, d.getUTCDate());
  switch (frequency) {
    case 'day':
      return day;
    case 'week':
      return day - ((d.getUTCDay() + 6) % 7) * DAY; // back to Monday
    case 'month':
      return Date.UTC(y, m, 1);
    case 'quarter':
      return Date.UTC(y, m - (m % 3), 1);
  }
}

/** Start of the period `k` periods after the one starting at `start`. */
export function addPeriods(start: number, k: number, frequency: Frequency): number {
  const d = new Date(start);
  switch (frequency) {
    case 'day':
      return start + k * DAY;
    case 'week':
      return start + 7 * k * DAY;
    case 'month':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + k, 1);
    case 'quarter':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 3 * k, 1);
  }
}

/** Period starts from the period of `from` to the period of `to`, inclusive. */
export function periodRange(from: number, to: number, frequency: Frequency): number[] {
  const out: number[] = [];
  const last = periodStart(to, frequency);
  for (let p = periodStart(from, frequency); p <= last; p = addPeriods(p, 1, frequency)) out.push(p);
  return out;
}

/** Seasonal period of a frequency (weeks: none; 52 is too long for the state-space models). */
export function seasonOf(frequency: Frequency): number {
  return { day: 7, week: 1, month: 12, quarter: 4 }[frequency];
}

export const isoDate = (t: number): string => new Date(t).toISOString().slice(0, 10);

export function parseFrequency(raw: string | undefined, column = 'frequency'): Frequency {
  const value = raw ?? 'month';
  if (!(FREQUENCIES as readonly string[]).includes(value)) {
    throw new InputError(`${column} must be one of ${FREQUENCIES.join(', ')}`, [{ column, value, reason: `one of ${FREQUENCIES.join(', ')}` }]);
  }
  return value as Frequency;
}

/** "YYYY-MM-DD" → end of that day (ms, UTC), or undefined when absent. */
export function parseAsOf(raw: string | undefined, column = 'as_of'): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const t = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? Date.parse(`${raw}T23:59:59.999Z`) : Number.NaN;
  if (!Number.isFinite(t) || isoDate(t) !== raw) throw new InputError(`${column} must be a date YYYY-MM-DD`, [{ column, value: raw, reason: 'not a valid date YYYY-MM-DD' }]);
  return t;
}
