// Calendar periods in UTC: days, ISO weeks (starting Monday) and months, keyed by their first day.
export type Frequency = 'day' | 'week' | 'month';
export const FREQUENCIES: readonly Frequency[] = ['day', 'week', 'month'];
const DAY = 86_400_000;

/** First day (UTC midnight) of the period containing `t`. */
export function periodStart(t: number, frequency: Frequency): number {
  const d = new Date(t);
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  if (frequency === 'day') return day;
  if (frequency === 'week') return day - ((d.getUTCDay() + 6) % 7) * DAY;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** First day of the period `steps` periods after the one starting at `start` (negative goes back). */
export function addPeriods(start: number, frequency: Frequency, steps: number): number {
  if (frequency === 'day') return start + steps * DAY;
  if (frequency === 'week') return start + steps * 7 * DAY;
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + steps, 1);
}

/** Starts of every period touching [from, to] (both inclusive), oldest first. */
export function periodRange(from: number, to: number, frequency: Frequency): number[] {
  const out: number[] = [];
  for (let p = periodStart(from, frequency); p <= to; p = addPeriods(p, frequency, 1)) out.push(p);
  return out;
}

export const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** SQL for the period key ('YYYY-MM-DD') of a timestamptz expression, in UTC whatever the session time zone. */
export function periodSql(expression: string, frequency: Frequency): string {
  return `to_char(date_trunc('${frequency}', (${expression}) AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`;
}
