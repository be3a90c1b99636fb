// Maps the `t` column (an integer index or a timestamp) onto integer positions of a regular grid,
// inferring the step: fixed for indices, hours, days and weeks; calendar months, quarters and years
// for monthly data (whose steps in milliseconds vary). The step also suggests seasonal periods.

export type TimeKind = 'index' | 'timestamp';

export interface GridUnit {
  kind: TimeKind;
  /** Human name of the step, e.g. "day", "month". */
  name: string;
  /** Converts a parsed time to a continuous grid coordinate (integer on the grid). */
  toGrid(time: number): number;
  /** Seasonal periods worth testing at this step (undefined: search every lag). */
  candidatePeriods?: number[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Parses a t value: integer index, or ISO-like date/time (UTC when no zone is given). */
export function parseTime(text: string): { kind: TimeKind; time: number } | null {
  const s = text.trim();
  if (/^-?\d+$/.test(s)) return { kind: 'index', time: Number(s) };
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3] ?? '01'}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${m[7] ?? 'Z'}`;
  const time = Date.parse(iso);
  return Number.isFinite(time) ? { kind: 'timestamp', time } : null;
}

/** The grid unit from the smallest positive gap between sorted times of one series. */
export function inferUnit(kind: TimeKind, sortedTimes: readonly number[]): GridUnit {
  let step = Number.POSITIVE_INFINITY;
  for (let i = 1; i < sortedTimes.length; i++) {
    const d = sortedTimes[i] - sortedTimes[i - 1];
    if (d > 0 && d < step) step = d;
  }
  if (!Number.isFinite(step)) step = kind === 'index' ? 1 : DAY;
  const origin = sortedTimes[0] ?? 0;
  if (kind === 'index') return { kind, name: `${step} index step(s)`, toGrid: (t) => (t - origin) / step };
  const monthIndex = (t: number): number => {
    const d = new Date(t);
    return d.getUTCFullYear() * 12 + d.getUTCMonth() + (d.getUTCDate() - 1) / 31;
  };
  const calendar = (months: number, name: string, periods: number[]): GridUnit => ({
    kind,
    name,
    toGrid: (t) => (monthIndex(t) - monthIndex(origin)) / months,
    candidatePeriods: periods,
  });
  if (step >= 28 * DAY && step <= 31 * DAY) return calendar(1, 'month', [12]);
  if (step >= 89 * DAY && step <= 92 * DAY) return calendar(3, 'quarter', [4]);
  if (step >= 365 * DAY && step <= 366 * DAY) return calendar(12, 'year', []);
  const fixed = (name: string, periods: number[]): GridUnit => ({ kind, name, toGrid: (t) => (t - origin) / step, candidatePeriods: periods });
  if (step === HOUR) return fixed('hour', [24, 168]);
  if (step === DAY) return fixed('day', [7, 365]);
  if (step === 7 * DAY) return fixed('week', [52]);
  return fixed(`${step / 1000} s`, []);
}
