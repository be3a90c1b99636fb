// Assessment periods: 2025, 2025-Q2, 2025-05, last-90d / last-365d (ending now), or an explicit
// range 2024-06-15..2025-06-15. Each has a previous period of the same length for trends.
import { InputError } from '../../core/errors.ts';

export interface Period { key: string; from: number; to: number }
const DAY = 86_400_000;

export const DEFAULT_PERIOD = 'last-365d';

export function parsePeriod(key: string | undefined, now = Date.now()): Period {
  const k = (key ?? DEFAULT_PERIOD).trim();
  const bad = () => new InputError(`unknown period "${k}"`, [{ column: 'period', value: k, reason: 'use YYYY, YYYY-Qn, YYYY-MM, last-<days>d or YYYY-MM-DD..YYYY-MM-DD' }]);
  let m: RegExpMatchArray | null;
  if ((m = k.match(/^last-(\d{1,4})d$/))) {
    const days = Number(m[1]);
    if (days < 7) throw bad();
    return { key: k, from: now - days * DAY, to: now };
  }
  if ((m = k.match(/^(\d{4})$/))) return { key: k, from: Date.UTC(+m[1], 0, 1), to: Date.UTC(+m[1] + 1, 0, 1) };
  if ((m = k.match(/^(\d{4})-Q([1-4])$/))) return { key: k, from: Date.UTC(+m[1], 3 * (+m[2] - 1), 1), to: Date.UTC(+m[1], 3 * +m[2], 1) };
  if ((m = k.match(/^(\d{4})-(0[1-9]|1[0-2])$/))) return { key: k, from: Date.UTC(+m[1], +m[2] - 1, 1), to: Date.UTC(+m[1], +m[2], 1) };
  if ((m = k.match(/^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/))) {
    const from = Date.parse(`${m[1]}T00:00:00Z`), to = Date.parse(`${m[2]}T00:00:00Z`);
    if (!Number.isFinite(from) || !Number.isFinite(to) || to - from < 7 * DAY) throw bad();
    return { key: k, from, to };
  }
  throw bad();
}

export const previousPeriod = (p: Period): Period => ({ key: `${p.key}:previous`, from: p.from - (p.to - p.from), to: p.from });
